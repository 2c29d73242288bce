// Draws Tenantry's app icon (resources/icon.png, 512×512) with nothing but zlib: a blue rounded
// square holding three stacked "schemas", the top one shared. Run: node scripts/make-icon.mjs
import { writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

const SIZE = 512;
const SAMPLES = 4; // per axis, for smooth edges

/** Signed distance to a rounded rectangle (negative inside). */
function roundedRect(x, y, cx, cy, hw, hh, r) {
  const qx = Math.abs(x - cx) - hw + r;
  const qy = Math.abs(y - cy) - hh + r;
  return Math.hypot(Math.max(qx, 0), Math.max(qy, 0)) + Math.min(Math.max(qx, qy), 0) - r;
}

const BACKGROUND = [31, 95, 209];
const TENANT = [214, 228, 255];
const SHAPES = [
  { cx: 256, cy: 150, hw: 150, hh: 40, r: 22, color: [255, 255, 255] },
  ...[262, 364].flatMap((cy) => [156, 256, 356].map((cx) => ({ cx, cy, hw: 42, hh: 40, r: 18, color: TENANT }))),
];

function pixel(px, py) {
  let [r, g, b, a] = [0, 0, 0, 0];
  for (let sy = 0; sy < SAMPLES; sy++) {
    for (let sx = 0; sx < SAMPLES; sx++) {
      const x = px + (sx + 0.5) / SAMPLES;
      const y = py + (sy + 0.5) / SAMPLES;
      if (roundedRect(x, y, 256, 256, 240, 240, 96) > 0) continue;
      const shape = SHAPES.find((s) => roundedRect(x, y, s.cx, s.cy, s.hw, s.hh, s.r) <= 0);
      const c = shape ? shape.color : BACKGROUND;
      r += c[0];
      g += c[1];
      b += c[2];
      a += 255;
    }
  }
  const n = SAMPLES * SAMPLES;
  const cover = a / 255;
  return cover
    ? [Math.round(r / cover), Math.round(g / cover), Math.round(b / cover), Math.round(a / n)]
    : [0, 0, 0, 0];
}

function crc32(buf) {
  let c = ~0;
  for (const byte of buf) {
    c ^= byte;
    for (let k = 0; k < 8; k++) c = (c >>> 1) ^ (0xedb88320 & -(c & 1));
  }
  return ~c >>> 0;
}

function chunk(type, data) {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}

export function iconPng() {
  const raw = Buffer.alloc(SIZE * (SIZE * 4 + 1));
  for (let y = 0; y < SIZE; y++) {
    raw[y * (SIZE * 4 + 1)] = 0; // filter: none
    for (let x = 0; x < SIZE; x++) Buffer.from(pixel(x, y)).copy(raw, y * (SIZE * 4 + 1) + 1 + x * 4);
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(SIZE, 0);
  ihdr.writeUInt32BE(SIZE, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // RGBA
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

writeFileSync(new URL('../resources/icon.png', import.meta.url), iconPng());
console.log('resources/icon.png written (512×512)');
