// Draws the extension icon, images/icon.png (128×128): three linked bars, one per tier (基本方針,
// 対策基準, 実施手順), in two blues. Uses only node:zlib, so anyone can redraw it: `node scripts/make-icon.mjs`.
import { writeFileSync, mkdirSync } from 'node:fs';
import { deflateSync, crc32 } from 'node:zlib';

const SIZE = 128;
const SAMPLES = 4; // per axis, for smooth edges
const DARK = [0x1f, 0x4e, 0x9a];
const LIGHT = [0x9c, 0xcb, 0xff];

/** Whether (x, y) lies in the rectangle with rounded corners. */
function inRoundedRect(x, y, left, top, width, height, radius) {
  if (x < left || x > left + width || y < top || y > top + height) return false;
  const cx = Math.min(Math.max(x, left + radius), left + width - radius);
  const cy = Math.min(Math.max(y, top + radius), top + height - radius);
  return (x - cx) ** 2 + (y - cy) ** 2 <= radius ** 2;
}

// The tiers, narrow at the top like a pyramid; the links join the middles of neighbouring bars.
const bars = [
  { width: 52, top: 24 },
  { width: 78, top: 55 },
  { width: 104, top: 86 },
].map((b) => ({ ...b, left: (SIZE - b.width) / 2, height: 18 }));
const links = [
  { left: SIZE / 2 - 3, top: 42, width: 6, height: 13 },
  { left: SIZE / 2 - 3, top: 73, width: 6, height: 13 },
];

/** The colour at a point: the bars and links in light blue on a dark blue tile, or nothing. */
function colourAt(x, y) {
  if (!inRoundedRect(x, y, 0, 0, SIZE, SIZE, 22)) return undefined;
  for (const r of [...bars, ...links]) {
    if (inRoundedRect(x, y, r.left, r.top, r.width, r.height, Math.min(6, r.width / 2))) return LIGHT;
  }
  return DARK;
}

const pixels = Buffer.alloc(SIZE * (SIZE * 4 + 1)); // each row starts with filter type 0
for (let y = 0; y < SIZE; y++) {
  const row = y * (SIZE * 4 + 1);
  for (let x = 0; x < SIZE; x++) {
    const sum = [0, 0, 0, 0];
    for (let sy = 0; sy < SAMPLES; sy++) {
      for (let sx = 0; sx < SAMPLES; sx++) {
        const c = colourAt(x + (sx + 0.5) / SAMPLES, y + (sy + 0.5) / SAMPLES);
        if (!c) continue;
        sum[0] += c[0]; sum[1] += c[1]; sum[2] += c[2]; sum[3] += 1;
      }
    }
    const at = row + 1 + x * 4;
    if (sum[3] > 0) {
      pixels[at] = Math.round(sum[0] / sum[3]);
      pixels[at + 1] = Math.round(sum[1] / sum[3]);
      pixels[at + 2] = Math.round(sum[2] / sum[3]);
      pixels[at + 3] = Math.round((255 * sum[3]) / SAMPLES ** 2);
    }
  }
}

function chunk(type, data) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

const header = Buffer.alloc(13);
header.writeUInt32BE(SIZE, 0);
header.writeUInt32BE(SIZE, 4);
header[8] = 8; // bits per channel
header[9] = 6; // RGBA
const png = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  chunk('IHDR', header),
  chunk('IDAT', deflateSync(pixels, { level: 9 })),
  chunk('IEND', Buffer.alloc(0)),
]);

mkdirSync(new URL('../images/', import.meta.url), { recursive: true });
writeFileSync(new URL('../images/icon.png', import.meta.url), png);
