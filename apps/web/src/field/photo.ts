/**
 * Photos on the phone: resized to at most 2,000 px on the longest side as JPEG (a phone camera's
 * 12 MP original is 3–6 MB; the resized one is a few hundred KB), hashed with SHA-256, and
 * checked with validatePhotoMeta before anything is stored.
 */
import { MAX_PHOTO_BYTES, type PhotoMeta, validatePhotoMeta } from '@lookback/fieldwork';

export const MAX_PHOTO_SIDE = 2000;
export const JPEG_QUALITY = 0.85;

/** Size that fits within `max` on the longest side, keeping the aspect ratio; never enlarges. */
export function fitWithin(width: number, height: number, max = MAX_PHOTO_SIDE): { width: number; height: number } {
  if (!(width > 0 && height > 0)) throw new Error(`bad image size ${width}×${height}`);
  const scale = Math.min(1, max / Math.max(width, height));
  return { width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)) };
}

/** SHA-256 of the bytes, 64 lowercase hex digits (Web Crypto: the browser and Node 20 both have it). */
export async function sha256Hex(bytes: ArrayBuffer): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
  return Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('');
}

/** Decoding and encoding: the browser's canvas on the phone; replaceable where there is none. */
export interface ImageCodec {
  decode(file: Blob): Promise<{ width: number; height: number; draw: (width: number, height: number) => Promise<ArrayBuffer> }>;
}

export interface PreparedPhoto {
  bytes: ArrayBuffer;
  contentType: 'image/jpeg';
  meta: PhotoMeta;
}

export class PhotoProblem extends Error {}

/**
 * Resizes, hashes and describes a photo for one stop record. Throws PhotoProblem with a Chinese
 * message when the file is not a picture or still too large.
 */
export async function preparePhoto(
  file: Blob,
  stopClientId: string,
  options: { codec?: ImageCodec; takenAt?: string; position?: PhotoMeta['position']; clientId?: string } = {},
): Promise<PreparedPhoto> {
  const codec = options.codec ?? canvasCodec;
  let image: Awaited<ReturnType<ImageCodec['decode']>>;
  try {
    image = await codec.decode(file);
  } catch {
    throw new PhotoProblem('无法读取这张照片：请拍摄或选择 JPEG、PNG 等常见格式的图片');
  }
  const size = fitWithin(image.width, image.height);
  const bytes = await image.draw(size.width, size.height);
  if (bytes.byteLength > MAX_PHOTO_BYTES) {
    throw new PhotoProblem(`照片压缩后仍有 ${(bytes.byteLength / 1048576).toFixed(1)} MB，超过上限 ${MAX_PHOTO_BYTES / 1048576} MB：请重新拍摄`);
  }
  const meta: PhotoMeta = {
    clientId: options.clientId ?? crypto.randomUUID(),
    stopClientId,
    sha256: await sha256Hex(bytes),
    bytes: bytes.byteLength,
    width: size.width,
    height: size.height,
    takenAt: options.takenAt ?? new Date().toISOString(),
    ...(options.position ? { position: options.position } : {}),
  };
  const problems = validatePhotoMeta(meta);
  if (problems.length) throw new PhotoProblem(`照片无法保存：${problems.join('；')}`);
  return { bytes, contentType: 'image/jpeg', meta };
}

/** createImageBitmap + a canvas (OffscreenCanvas where there is one), JPEG at JPEG_QUALITY. */
export const canvasCodec: ImageCodec = {
  async decode(file) {
    const bitmap = await createImageBitmap(file, { imageOrientation: 'from-image' });
    return {
      width: bitmap.width,
      height: bitmap.height,
      async draw(width, height) {
        try {
          if (typeof OffscreenCanvas !== 'undefined') {
            const canvas = new OffscreenCanvas(width, height);
            const ctx = canvas.getContext('2d');
            if (!ctx) throw new PhotoProblem('手机不支持图片处理（canvas）');
            ctx.drawImage(bitmap, 0, 0, width, height);
            return await (await canvas.convertToBlob({ type: 'image/jpeg', quality: JPEG_QUALITY })).arrayBuffer();
          }
          const canvas = document.createElement('canvas');
          canvas.width = width;
          canvas.height = height;
          const ctx = canvas.getContext('2d');
          if (!ctx) throw new PhotoProblem('手机不支持图片处理（canvas）');
          ctx.drawImage(bitmap, 0, 0, width, height);
          const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/jpeg', JPEG_QUALITY));
          if (!blob) throw new PhotoProblem('照片压缩失败，请重新拍摄');
          return await blob.arrayBuffer();
        } finally {
          bitmap.close();
        }
      },
    };
  },
};
