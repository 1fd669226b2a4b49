/**
 * Decodes a hexadecimal string (two digits per byte, either case) without `Buffer`.
 *
 * @remarks
 * Embedded binaries (the column kernel's WebAssembly) are stored in hex rather than base64: each
 * byte stays two characters, so the bundle's brotli finds the module's repeats (3124 bytes of
 * WebAssembly: 0.84 kB min+brotli in hex, 1.83 kB in base64).
 */
export function hexBytes(text: string): Uint8Array {
  const bytes = new Uint8Array(text.length >> 1);
  for (let i = 0; i < bytes.length; i++)
    bytes[i] = Number.parseInt(text.slice(2 * i, 2 * i + 2), 16);
  return bytes;
}
