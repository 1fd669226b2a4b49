import * as zlib from 'node:zlib';
import { decompress as decompressZstd } from 'fzstd';

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
 * Decompresses a raw LZ4 block (Parquet's LZ4_RAW, what DuckDB writes for `COMPRESSION lz4`):
 * sequences of literals and back-references (https://github.com/lz4/lz4/blob/dev/doc/lz4_Block_format.md),
 * every read and copy checked against the bounds.
 */
export function lz4RawDecompress(input: Uint8Array, outputLength: number): Uint8Array {
  const out = new Uint8Array(outputLength);
  const bad = () => new Error('parquet LZ4_RAW page is corrupt');
  let ip = 0;
  let op = 0;
  // A length of 15 goes on in the next bytes, each added, until one is not 255.
  const extended = (length: number): number => {
    if (length !== 15) return length;
    let total = length;
    for (;;) {
      if (ip >= input.length) throw bad();
      const more = input[ip++]!;
      total += more;
      if (more !== 255) return total;
    }
  };
  while (ip < input.length) {
    const token = input[ip++]!;
    const literals = extended(token >>> 4);
    if (ip + literals > input.length || op + literals > outputLength) throw bad();
    out.set(input.subarray(ip, ip + literals), op);
    ip += literals;
    op += literals;
    // the last sequence is literals alone
    if (ip === input.length) break;
    if (ip + 2 > input.length) throw bad();
    const offset = input[ip]! | (input[ip + 1]! << 8);
    ip += 2;
    if (offset === 0 || offset > op) throw bad();
    const length = extended(token & 15) + 4;
    if (op + length > outputLength) throw bad();
    // byte by byte: a copy may overlap what it writes (offset < length repeats a pattern)
    for (let i = 0; i < length; i++, op++) out[op] = out[op - offset]!;
  }
  return exactly(out, outputLength, 'LZ4_RAW');
}

/**
 * The decompressors of the codecs hyparquet leaves to its caller: GZIP and BROTLI from Node.js
 * itself (node:zlib), ZSTD from Node.js where it has it (22.15 and 23.8 on) and otherwise from
 * fzstd (the decoder hyparquet-compressors uses; imported alone, since that package's index also
 * compiles a WebAssembly Snappy at load, about 30 ms of every command's start), LZ4_RAW decoded here. SNAPPY and UNCOMPRESSED are hyparquet's own.
 * hyparquet-compressors' LZ4 decoders were tried and dropped: both throw "lz4 offset out of range 0" on the
 * block parquet-rs writes for a page of nulls alone (seeds 21513107 and -804919003 of the page
 * property), which {@link lz4RawDecompress} reads; the deprecated LZ4 (Hadoop's framing) is
 * refused by name.
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
    LZ4_RAW: lz4RawDecompress,
  };
}

/** Whether pages of `codec` can be decompressed with `compressors` (or by hyparquet itself). */
export function canDecompress(codec: string, compressors: Record<string, Decompress>): boolean {
  return BUILT_IN.has(codec) || compressors[codec] !== undefined;
}
