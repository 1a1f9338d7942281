// UTF-8 encoding of a Java/JS string exactly as Flink's StringUtf8Utils.encodeUTF8 writes
// BinaryStringData (a lone surrogate becomes '?', as the JDK does). Imports nothing.

/**
 * Writes the UTF-8 bytes of `s` into `target` from `pos` and returns the end position.
 * `target` must have room for `3 * s.length` bytes after `pos` (the caller grows it).
 */
export function writeUtf8(s: string, target: Uint8Array, pos: number): number {
  const n = s.length;
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) {
      target[pos++] = c;
    } else if (c < 0x800) {
      target[pos++] = 0xc0 | (c >> 6);
      target[pos++] = 0x80 | (c & 0x3f);
    } else if (c >= 0xd800 && c <= 0xdfff) {
      const d = i + 1 < n ? s.charCodeAt(i + 1) : 0;
      if (c <= 0xdbff && d >= 0xdc00 && d <= 0xdfff) {
        const cp = ((c - 0xd800) << 10) + (d - 0xdc00) + 0x10000;
        target[pos++] = 0xf0 | (cp >> 18);
        target[pos++] = 0x80 | ((cp >> 12) & 0x3f);
        target[pos++] = 0x80 | ((cp >> 6) & 0x3f);
        target[pos++] = 0x80 | (cp & 0x3f);
        i++;
      } else {
        target[pos++] = 0x3f; // '?': the JDK's replacement for a malformed surrogate
      }
    } else {
      target[pos++] = 0xe0 | (c >> 12);
      target[pos++] = 0x80 | ((c >> 6) & 0x3f);
      target[pos++] = 0x80 | (c & 0x3f);
    }
  }
  return pos;
}
