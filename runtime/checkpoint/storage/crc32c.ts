// CRC-32C (Castagnoli, reflected polynomial 0x82F63B78), table-driven: the checksum on every
// checkpoint file. Imports nothing.

const TABLE: Uint32Array = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ 0x82f63b78 : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

/**
 * The CRC-32C of `bytes[start, end)` as an unsigned 32-bit number (the same value as
 * `java.util.zip.CRC32C`). `crc32c(ascii('123456789')) === 0xe3069283`.
 */
export function crc32c(bytes: Uint8Array, start = 0, end = bytes.length): number {
  let crc = 0xffffffff;
  for (let i = start; i < end; i++) crc = TABLE[(crc ^ bytes[i]!) & 0xff]! ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}

/** `crc` as 8 lowercase hex digits, the form shown to users and written in metadata. */
export function formatCrc32c(crc: number): string {
  return (crc >>> 0).toString(16).padStart(8, '0');
}
