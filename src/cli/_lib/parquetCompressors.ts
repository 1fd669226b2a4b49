import * as zlib from 'node:zlib';
import { decompressLz4Raw, decompressZstd } from 'hyparquet-compressors';

/** Decompresses a Parquet page's bytes into exactly `outputLength` bytes (hyparquet's `compressors`). */
export type Decompress = (input: Uint8Array, outputLength: number) => Uint8Array;

/** The codecs hyparquet decompresses itself. */
const BUILT_IN = new Set(['UNCOMPRESSED', 'SNAPPY']);

/** `zlib.zstdDecompressSync`, in Node.js from 22.15 and 23.8 on (absent from Node.js 20's types). */
type ZstdZlib = { zstdDecompressSync?: (input: Uint8Array) => Uint8Array };

/**
 * A page's bytes as they decompressed, refused when they are not the length its header says
 * (hyparquet refuses a short Snappy page the same way).
 */
function exactly(bytes: Uint8Array, outputLength: number, codec: string): Uint8Array {
  if (bytes.length !== outputLength) {
    throw new Error(
      `parquet decompressed ${codec} page length ${bytes.length} does not match header ${outputLength}`,
    );
  }
  return bytes;
}

/**
 * The decompressors of the codecs hyparquet leaves to its caller: GZIP and BROTLI from Node.js
 * itself (node:zlib), ZSTD from Node.js where it has it (22.15 and 23.8 on) and otherwise from
 * hyparquet-compressors (fzstd), LZ4_RAW from hyparquet-compressors. SNAPPY and UNCOMPRESSED are
 * hyparquet's own. The deprecated LZ4 (Hadoop's framing) is not read: hyparquet-compressors failed on
 * a page parquet-rs wrote with it ("lz4 offset out of range"), so such a file is refused by name.
 */
export function parquetCompressors(): Record<string, Decompress> {
  const zstd = (zlib as unknown as ZstdZlib).zstdDecompressSync;
  return {
    GZIP: (input, outputLength) => exactly(zlib.gunzipSync(input), outputLength, 'GZIP'),
    BROTLI: (input, outputLength) =>
      exactly(zlib.brotliDecompressSync(input), outputLength, 'BROTLI'),
    ZSTD: (input, outputLength) =>
      exactly(
        typeof zstd === 'function'
          ? zstd(input)
          : decompressZstd(input, new Uint8Array(outputLength)),
        outputLength,
        'ZSTD',
      ),
    LZ4_RAW: (input, outputLength) =>
      exactly(decompressLz4Raw(input, outputLength), outputLength, 'LZ4_RAW'),
  };
}

/** Whether pages of `codec` can be decompressed with `compressors` (or by hyparquet itself). */
export function canDecompress(codec: string, compressors: Record<string, Decompress>): boolean {
  return BUILT_IN.has(codec) || compressors[codec] !== undefined;
}
