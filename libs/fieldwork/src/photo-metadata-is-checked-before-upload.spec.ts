import { describe, expect, it } from 'vitest';
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import { MAX_PHOTO_BYTES, validatePhotoMeta, type PhotoMeta } from './index.js';

const meta: PhotoMeta = {
  clientId: '5e6f7a8b-9c0d-4e1f-8a2b-3c4d5e6f7a8b',
  stopClientId: '3f1c9a52-7b1e-4c1e-9d7a-2f5b8e0c6a11',
  sha256: bytesToHex(sha256(utf8ToBytes('photo bytes'))),
  bytes: 1_200_000,
  width: 1920,
  height: 1440,
  takenAt: '2024-06-03T09:12:00+08:00',
  position: { lat: 33.255, lng: 113.01, accuracy: 9 },
};

describe('photo metadata', () => {
  it('accepts a resized photo with its hash', () => {
    expect(validatePhotoMeta(meta)).toEqual([]);
  });

  it('refuses a photo over the size limit, a bad hash and a missing time', () => {
    expect(validatePhotoMeta({ ...meta, bytes: MAX_PHOTO_BYTES + 1, sha256: 'ABC', takenAt: 'yesterday' })).toEqual([
      '照片校验值应为 64 位小写十六进制 SHA-256',
      '照片 8.0 MiB，超过上限 8 MiB，请压缩后上传',
      '拍摄时间应为带时区的 ISO 时间',
    ]);
    expect(validatePhotoMeta({ ...meta, bytes: MAX_PHOTO_BYTES })).toEqual([]);
  });

  it('refuses ids that are not device UUIDs and impossible dimensions', () => {
    expect(validatePhotoMeta({ ...meta, clientId: 'photo-1', width: 0 })).toEqual(['照片编号（clientId）应为设备生成的 UUID', '照片宽高应为正整数像素']);
  });
});
