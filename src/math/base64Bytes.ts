/** Decodes standard base64 (RFC 4648, `=` padded, no line breaks) without `atob` or `Buffer`. */
export function base64Bytes(text: string): Uint8Array {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
  const digits = new Uint8Array(128); // '=' reads as 0
  for (let d = 0; d < 64; d++) digits[alphabet.charCodeAt(d)] = d;
  const padding = text.endsWith('==') ? 2 : text.endsWith('=') ? 1 : 0;
  const bytes = new Uint8Array((text.length / 4) * 3 - padding);
  let length = 0;
  for (let i = 0; i < text.length; i += 4) {
    const group =
      (digits[text.charCodeAt(i) & 127]! << 18) |
      (digits[text.charCodeAt(i + 1) & 127]! << 12) |
      (digits[text.charCodeAt(i + 2) & 127]! << 6) |
      digits[text.charCodeAt(i + 3) & 127]!;
    for (let shift = 16; shift >= 0 && length < bytes.length; shift -= 8) {
      bytes[length++] = (group >> shift) & 255;
    }
  }
  return bytes;
}
