// Draws media/icon.png (128×128): a stream of records split into key-group bars, with a
// checkpoint barrier across them. Plain Node (zlib), no artwork copied: `node media/drawIcon.mjs`.
import { writeFileSync } from 'node:fs';
import { deflateSync } from 'node:zlib';

const N = 128;
const px = new Uint8Array(N * N * 4);
const set = (x, y, [r, g, b, a]) => {
  const i = (y * N + x) * 4;
  px[i] = r; px[i + 1] = g; px[i + 2] = b; px[i + 3] = a;
};
const bg = [30, 58, 138, 255];       // deep blue rounded square
const bars = [[96, 165, 250, 255], [52, 211, 153, 255], [251, 191, 36, 255], [244, 114, 182, 255]];
const barrier = [255, 255, 255, 255];
for (let y = 0; y < N; y++) {
  for (let x = 0; x < N; x++) {
    // rounded square, corner radius 24, anti-aliased by coverage of 4×4 subsamples
    let cover = 0;
    for (let sy = 0; sy < 4; sy++) for (let sx = 0; sx < 4; sx++) {
      const fx = x + (sx + 0.5) / 4, fy = y + (sy + 0.5) / 4;
      const cx = Math.min(Math.max(fx, 24), N - 24), cy = Math.min(Math.max(fy, 24), N - 24);
      if ((fx - cx) ** 2 + (fy - cy) ** 2 <= 24 * 24) cover++;
    }
    if (cover === 0) { set(x, y, [0, 0, 0, 0]); continue; }
    let c = bg;
    // four key-group bars of different lengths (load per subtask)
    const lengths = [84, 64, 92, 52];
    for (let b = 0; b < 4; b++) {
      const top = 26 + b * 20;
      if (y >= top && y < top + 12 && x >= 20 && x < 20 + lengths[b]) c = bars[b];
    }
    // the checkpoint barrier: a vertical white line with a notch
    if (x >= 70 && x < 76 && y >= 16 && y < 112) c = barrier;
    set(x, y, [c[0], c[1], c[2], Math.round((c[3] * cover) / 16)]);
  }
}
const crcTable = Array.from({ length: 256 }, (_, n) => { let c = n; for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1; return c >>> 0; });
const crc = (buf) => { let c = 0xffffffff; for (const b of buf) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8); return (c ^ 0xffffffff) >>> 0; };
const chunk = (type, data) => {
  const len = Buffer.alloc(4); len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const c = Buffer.alloc(4); c.writeUInt32BE(crc(td));
  return Buffer.concat([len, td, c]);
};
const ihdr = Buffer.alloc(13);
ihdr.writeUInt32BE(N, 0); ihdr.writeUInt32BE(N, 4); ihdr[8] = 8; ihdr[9] = 6; // 8-bit RGBA
const raw = Buffer.alloc(N * (N * 4 + 1));
for (let y = 0; y < N; y++) { raw[y * (N * 4 + 1)] = 0; Buffer.from(px.buffer, y * N * 4, N * 4).copy(raw, y * (N * 4 + 1) + 1); }
const png = Buffer.concat([Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
writeFileSync(new URL('./icon.png', import.meta.url), png);
