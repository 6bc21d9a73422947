import { createHash } from 'node:crypto';
import { MAX_PHOTO_BYTES } from '@lookback/fieldwork';
import { describe, expect, it } from 'vitest';
import { fitWithin, type ImageCodec, PhotoProblem, preparePhoto, sha256Hex } from './photo.js';

const STOP = '0b7c2d8e-1111-4222-8333-944455556666';

/** Stands in for the canvas: "encodes" a w×h picture as w·h/8 bytes whose content depends on the size. */
function codec(width: number, height: number, bytesFor = (w: number, h: number) => Math.ceil((w * h) / 8)): ImageCodec & { drawn: [number, number][] } {
  const drawn: [number, number][] = [];
  return {
    drawn,
    decode: async () => ({
      width,
      height,
      draw: async (w, h) => {
        drawn.push([w, h]);
        const out = new Uint8Array(bytesFor(w, h));
        for (let i = 0; i < out.length; i++) out[i] = (i * 31 + w + h) & 0xff;
        return out.buffer;
      },
    }),
  };
}

describe('photos are resized and hashed on the phone', () => {
  it('fits the longest side within 2,000 px, keeps the aspect ratio and never enlarges', () => {
    expect(fitWithin(4000, 3000)).toEqual({ width: 2000, height: 1500 });
    expect(fitWithin(3000, 4000)).toEqual({ width: 1500, height: 2000 });
    expect(fitWithin(4032, 1816)).toEqual({ width: 2000, height: 901 });
    expect(fitWithin(2000, 1000)).toEqual({ width: 2000, height: 1000 });
    expect(fitWithin(640, 480)).toEqual({ width: 640, height: 480 });
    expect(fitWithin(100000, 1)).toEqual({ width: 2000, height: 1 });
    expect(() => fitWithin(0, 10)).toThrow();
  });

  it('hashes with SHA-256 exactly as the server does', async () => {
    const bytes = new TextEncoder().encode('回头看 photo bytes');
    expect(await sha256Hex(bytes.buffer)).toBe(createHash('sha256').update(bytes).digest('hex'));
    expect(await sha256Hex(new ArrayBuffer(0))).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
  });

  it('describes the resized bytes: size, dimensions, hash, the record it belongs to', async () => {
    const c = codec(4032, 3024);
    const photo = await preparePhoto(new Blob([new Uint8Array(10)]), STOP, { codec: c, takenAt: '2026-11-24T02:00:00.000Z', position: { lat: 33.2, lng: 113.0, accuracy: 15 } });
    expect(c.drawn).toEqual([[2000, 1500]]);
    expect(photo.meta.width).toBe(2000);
    expect(photo.meta.height).toBe(1500);
    expect(photo.meta.bytes).toBe(photo.bytes.byteLength);
    expect(photo.meta.sha256).toBe(createHash('sha256').update(new Uint8Array(photo.bytes)).digest('hex'));
    expect(photo.meta.stopClientId).toBe(STOP);
    expect(photo.meta.position).toEqual({ lat: 33.2, lng: 113.0, accuracy: 15 });
    expect(photo.contentType).toBe('image/jpeg');
  });

  it('refuses, in Chinese, a picture that is still too large or cannot be read', async () => {
    await expect(preparePhoto(new Blob([]), STOP, { codec: codec(3000, 2000, () => MAX_PHOTO_BYTES + 1) })).rejects.toThrow(/超过上限 8 MB/);
    const broken: ImageCodec = { decode: () => Promise.reject(new Error('not an image')) };
    await expect(preparePhoto(new Blob([]), STOP, { codec: broken })).rejects.toBeInstanceOf(PhotoProblem);
    await expect(preparePhoto(new Blob([]), 'not-a-uuid', { codec: codec(10, 10) })).rejects.toThrow(/所属记录编号应为 UUID/);
  });
});
