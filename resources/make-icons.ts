// Draws the app and tray icons as PNGs (no image tools needed): `npx tsx resources/make-icons.ts`.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { crc32, deflateSync } from 'node:zlib';

type Rgba = [number, number, number, number];
type Shader = (x: number, y: number) => Rgba | null;

function chunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body) >>> 0);
  return Buffer.concat([len, body, crc]);
}

/** Renders `shade` (in a 0..1 coordinate space) with 4×4 supersampling into an RGBA PNG. */
function png(size: number, shade: Shader): Buffer {
  const raw = Buffer.alloc((size * 4 + 1) * size);
  const ss = 4;
  for (let y = 0; y < size; y++) {
    raw[y * (size * 4 + 1)] = 0;
    for (let x = 0; x < size; x++) {
      let r = 0, g = 0, b = 0, a = 0;
      for (let sy = 0; sy < ss; sy++) {
        for (let sx = 0; sx < ss; sx++) {
          const c = shade((x + (sx + 0.5) / ss) / size, (y + (sy + 0.5) / ss) / size);
          if (!c) continue;
          const al = c[3] / 255;
          r += c[0] * al; g += c[1] * al; b += c[2] * al; a += al;
        }
      }
      const o = y * (size * 4 + 1) + 1 + x * 4;
      const n = ss * ss;
      raw[o] = a ? Math.round(r / a) : 0;
      raw[o + 1] = a ? Math.round(g / a) : 0;
      raw[o + 2] = a ? Math.round(b / a) : 0;
      raw[o + 3] = Math.round((a / n) * 255);
    }
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8; ihdr[9] = 6; ihdr[10] = 0; ihdr[11] = 0; ihdr[12] = 0;
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
}

const inRoundRect = (x: number, y: number, x0: number, y0: number, x1: number, y1: number, r: number): boolean => {
  const cx = Math.min(Math.max(x, x0 + r), x1 - r);
  const cy = Math.min(Math.max(y, y0 + r), y1 - r);
  return (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
};
/** An upward arrow: a shaft and a triangle head, centred on cx. */
const inArrow = (x: number, y: number, cx: number, top: number, bottom: number, w: number): boolean => {
  const head = top + w * 1.1;
  if (y >= top && y <= head && Math.abs(x - cx) <= ((y - top) / (head - top)) * w) return true;
  return y > head - 0.01 && y <= bottom && Math.abs(x - cx) <= w * 0.35;
};

const BLUE: Rgba = [37, 99, 235, 255];
const WHITE: Rgba = [255, 255, 255, 255];

const appIcon: Shader = (x, y) => {
  if (!inRoundRect(x, y, 0.06, 0.06, 0.94, 0.94, 0.2)) return null;
  // A page with a folded corner, and the upload arrow on it.
  const page = inRoundRect(x, y, 0.28, 0.2, 0.72, 0.8, 0.04) && !(x > 0.6 && y < 0.2 + (x - 0.6));
  if (page) return inArrow(x, y, 0.5, 0.32, 0.68, 0.13) ? BLUE : WHITE;
  return BLUE;
};

const trayColors: Record<string, Rgba> = {
  idle: [100, 116, 139, 255],
  uploading: BLUE,
  offline: [148, 163, 184, 255],
  attention: [234, 88, 12, 255],
};

function trayIcon(state: string): Shader {
  const color = trayColors[state]!;
  return (x, y) => {
    const d = Math.hypot(x - 0.5, y - 0.5);
    if (state === 'offline') return d <= 0.46 && d >= 0.32 ? color : null;
    if (d > 0.46) return null;
    if (state === 'attention') {
      const bar = Math.abs(x - 0.5) <= 0.06 && y >= 0.22 && y <= 0.6;
      const dot = Math.hypot(x - 0.5, y - 0.74) <= 0.07;
      return bar || dot ? WHITE : color;
    }
    return inArrow(x, y, 0.5, 0.22, 0.78, 0.2) ? WHITE : color;
  };
}

const dir = import.meta.dirname;
writeFileSync(join(dir, 'icon.png'), png(512, appIcon));
for (const state of Object.keys(trayColors)) {
  writeFileSync(join(dir, `tray-${state}.png`), png(16, trayIcon(state)));
  writeFileSync(join(dir, `tray-${state}@2x.png`), png(32, trayIcon(state)));
}
console.log('icons written to', dir);
