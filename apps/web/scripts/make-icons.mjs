// Draws the app icons (public/icon-192.png, icon-512.png, icon-maskable-512.png, icon.svg): the
// character 回 as geometry — a white square ring around a white square — on the app's blue.
// Run: node apps/web/scripts/make-icons.mjs   (no dependencies: PNG written with node:zlib)
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { deflateSync } from 'node:zlib';

const OUT = resolve(import.meta.dirname, '../public');
const BLUE = [0x1f, 0x4e, 0x79];
const WHITE = [0xff, 0xff, 0xff];

/** Fraction boxes of the glyph within the safe area: outer ring and inner square. */
function pixel(x, y, size, safe) {
  const pad = (1 - safe) / 2;
  const u = (x + 0.5) / size;
  const v = (y + 0.5) / size;
  const gx = (u - pad) / safe;
  const gy = (v - pad) / safe;
  const inBox = (a, b) => gx >= a && gx <= b && gy >= a && gy <= b;
  const ring = inBox(0.14, 0.86) && !inBox(0.25, 0.75);
  const inner = inBox(0.38, 0.62) && !inBox(0.45, 0.55);
  return ring || inner ? WHITE : BLUE;
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf) {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}
function png(size, safe) {
  const raw = Buffer.alloc((size * 3 + 1) * size);
  for (let y = 0; y < size; y++) {
    raw[y * (size * 3 + 1)] = 0;
    for (let x = 0; x < size; x++) raw.set(pixel(x, y, size, safe), y * (size * 3 + 1) + 1 + x * 3);
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 2; // RGB
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw, { level: 9 })), chunk('IEND', Buffer.alloc(0))]);
}

writeFileSync(resolve(OUT, 'icon-192.png'), png(192, 0.9));
writeFileSync(resolve(OUT, 'icon-512.png'), png(512, 0.9));
// Maskable: the launcher may crop to a circle; the glyph stays inside the central 80 %.
writeFileSync(resolve(OUT, 'icon-maskable-512.png'), png(512, 0.72));
const r = (a, b) => `M${a} ${a}H${b}V${b}H${a}Z`;
writeFileSync(
  resolve(OUT, 'icon.svg'),
  `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 100"><rect width="100" height="100" fill="#1f4e79"/>` +
    `<path fill="#fff" fill-rule="evenodd" d="${r(17.6, 82.4)}${r(27.5, 72.5)}${r(39.2, 60.8)}${r(45.5, 54.5)}"/></svg>\n`,
);
