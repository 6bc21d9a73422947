/**
 * Photo evidence (佐证照片) metadata. The phone resizes before upload; the bytes are stored once
 * under clientId, and sha256 lets the server verify what arrived and spot the same picture twice.
 */
import { isIsoTimestamp, isUuid, positionProblems } from './checks.js';

/** Upper bound after resizing on the device: 8 MiB. */
export const MAX_PHOTO_BYTES = 8 * 1024 * 1024;

export interface PhotoMeta {
  /** UUID generated on the device. */
  clientId: string;
  /** clientId of the StopRecord the photo belongs to. */
  stopClientId: string;
  /** SHA-256 of the uploaded bytes, 64 lowercase hex digits. */
  sha256: string;
  bytes: number;
  width: number;
  height: number;
  /** ISO time the photo was taken. */
  takenAt: string;
  position?: { lat: number; lng: number; accuracy: number };
}

const SHA256_HEX = /^[0-9a-f]{64}$/;

/** Everything wrong with a photo's metadata, in Chinese; empty when valid. */
export function validatePhotoMeta(meta: PhotoMeta): string[] {
  const problems: string[] = [];
  if (!isUuid(meta.clientId)) problems.push('照片编号（clientId）应为设备生成的 UUID');
  if (!isUuid(meta.stopClientId)) problems.push('照片所属记录编号应为 UUID');
  if (typeof meta.sha256 !== 'string' || !SHA256_HEX.test(meta.sha256)) problems.push('照片校验值应为 64 位小写十六进制 SHA-256');
  if (!Number.isInteger(meta.bytes) || meta.bytes <= 0) problems.push('照片大小应为正整数字节');
  else if (meta.bytes > MAX_PHOTO_BYTES) problems.push(`照片 ${(meta.bytes / 1048576).toFixed(1)} MiB，超过上限 ${MAX_PHOTO_BYTES / 1048576} MiB，请压缩后上传`);
  if (!Number.isInteger(meta.width) || meta.width <= 0 || !Number.isInteger(meta.height) || meta.height <= 0) {
    problems.push('照片宽高应为正整数像素');
  }
  if (!isIsoTimestamp(meta.takenAt)) problems.push('拍摄时间应为带时区的 ISO 时间');
  if (meta.position) problems.push(...positionProblems(meta.position, '照片定位'));
  return problems;
}
