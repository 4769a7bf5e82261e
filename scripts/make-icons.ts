/**
 * Draws the extension icon (a rounded square with a hand-off arrow) as PNGs in public/icon/, the
 * sizes Chrome and Firefox ask for. Run once after changing the design: `npx tsx scripts/make-icons.ts`.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';

const SIZES = [16, 32, 48, 128];
// Our own indigo, not Twilio's brand red: the store's trademark rules (issue 13 item 7).
const BRAND: [number, number, number] = [67, 56, 202];
const WHITE: [number, number, number] = [255, 255, 255];

function crc32(bytes: Uint8Array): number {
  let crc = ~0;
  for (const byte of bytes) {
    crc ^= byte;
    for (let k = 0; k < 8; k++) crc = (crc >>> 1) ^ (0xedb88320 & -(crc & 1));
  }
  return ~crc >>> 0;
}

function chunk(type: string, data: Uint8Array): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** Coverage of a pixel by the shape, sampled 4×4 for smooth edges. */
function pixel(x: number, y: number, size: number): [number, number, number, number] {
  let inside = 0;
  let arrow = 0;
  for (let sy = 0; sy < 4; sy++) {
    for (let sx = 0; sx < 4; sx++) {
      const u = (x + (sx + 0.5) / 4) / size;
      const v = (y + (sy + 0.5) / 4) / size;
      const r = 0.22;
      const dx = Math.max(r - u, 0, u - (1 - r));
      const dy = Math.max(r - v, 0, v - (1 - r));
      if (dx * dx + dy * dy <= r * r) {
        inside++;
        const shaft = u >= 0.2 && u <= 0.58 && Math.abs(v - 0.5) <= 0.09;
        const head = u >= 0.52 && u <= 0.8 && Math.abs(v - 0.5) <= (0.8 - u) * 1.05;
        if (shaft || head) arrow++;
      }
    }
  }
  const a = inside / 16;
  const t = inside ? arrow / inside : 0;
  const mix = (i: number) => Math.round(BRAND[i]! * (1 - t) + WHITE[i]! * t);
  return [mix(0), mix(1), mix(2), Math.round(a * 255)];
}

function png(size: number): Buffer {
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) {
    raw[y * (size * 4 + 1)] = 0;
    for (let x = 0; x < size; x++) raw.set(pixel(x, y, size), y * (size * 4 + 1) + 1 + x * 4);
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 6, 0, 0, 0], 8);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', new Uint8Array()),
  ]);
}

const dir = join(import.meta.dirname, '../public/icon');
mkdirSync(dir, { recursive: true });
for (const size of SIZES) writeFileSync(join(dir, `${size}.png`), png(size));
console.log(`Wrote ${SIZES.map((s) => `${s}.png`).join(', ')} to public/icon/`);
