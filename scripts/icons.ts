/**
 * Draws the extension icon (a page of text lines on a rounded square) as PNGs in public/icon/.
 * Run with `npx tsx scripts/icons.ts` after changing the drawing; the PNGs are checked in.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';

const SIZES = [16, 32, 48, 128];
const BG = [0x5c, 0x3b, 0x8a];
const FG = [0xff, 0xff, 0xff];
const SS = 4; // samples per pixel per axis

/** Coverage of the shape at (x, y) in a 0..1 square: 0 outside, 1 = background, 2 = foreground. */
function shape(x: number, y: number): number {
  const r = 0.2;
  const cx = Math.min(Math.max(x, r), 1 - r);
  const cy = Math.min(Math.max(y, r), 1 - r);
  if ((x - cx) ** 2 + (y - cy) ** 2 > r * r) return 0;
  // Text lines of a page; the third line is struck short (the block that was removed).
  const lines: [number, number, number][] = [
    [0.22, 0.78, 0.24],
    [0.22, 0.78, 0.4],
    [0.22, 0.5, 0.56],
    [0.22, 0.78, 0.72],
  ];
  for (const [x0, x1, yc] of lines) if (x >= x0 && x <= x1 && Math.abs(y - yc) <= 0.055) return 2;
  return 1;
}

function crc32(buf: Buffer): number {
  let c = ~0;
  for (const b of buf) {
    c ^= b;
    for (let k = 0; k < 8; k++) c = (c >>> 1) ^ (0xedb88320 & -(c & 1));
  }
  return ~c >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(td));
  return Buffer.concat([len, td, crc]);
}

function png(size: number): Buffer {
  const raw = Buffer.alloc((size * 4 + 1) * size);
  for (let y = 0; y < size; y++) {
    raw[y * (size * 4 + 1)] = 0;
    for (let x = 0; x < size; x++) {
      let bg = 0;
      let fg = 0;
      for (let sy = 0; sy < SS; sy++)
        for (let sx = 0; sx < SS; sx++) {
          const v = shape((x + (sx + 0.5) / SS) / size, (y + (sy + 0.5) / SS) / size);
          if (v === 1) bg++;
          else if (v === 2) fg++;
        }
      const n = SS * SS;
      const a = (bg + fg) / n;
      const o = y * (size * 4 + 1) + 1 + x * 4;
      const mix = bg + fg ? fg / (bg + fg) : 0;
      for (let i = 0; i < 3; i++) raw[o + i] = Math.round(BG[i] * (1 - mix) + FG[i] * mix);
      raw[o + 3] = Math.round(a * 255);
    }
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8;
  ihdr[9] = 6;
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

const dir = join(import.meta.dirname, '..', 'public', 'icon');
mkdirSync(dir, { recursive: true });
for (const size of SIZES) writeFileSync(join(dir, `${size}.png`), png(size));
console.log(`wrote ${SIZES.map((s) => `${s}.png`).join(', ')} to ${dir}`);
