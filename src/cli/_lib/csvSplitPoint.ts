import { closeSync, fstatSync, openSync, readSync } from 'node:fs';

/** Files smaller than this are read on one thread (the split would gain nothing). */
const MIN_BYTES = 256;

/**
 * How much further than the middle the first part reaches (at most a quarter of the file past
 * it), bytes: the helper thread starts reading about 0.3 s after the main thread (starting a
 * thread, loading the CLI, compiling the model), in which the main thread reads about 20 MiB on
 * the 2-core benchmark machine; half of that lead is the first part's extra share.
 */
const LEAD = 10 * 1024 * 1024;

/** How far past the cut a line end is looked for. */
const WINDOW = 1 << 16;

/**
 * Where a CSV file could be cut in two parts for two threads to read in about the same time: the
 * byte after the first line end past its middle plus {@link LEAD} (or an eighth of the file); `undefined` for standard input, anything but a
 * regular file (a pipe cannot be read from its middle), a small file or one without a line end
 * near its middle. The cut may fall inside a quoted field that holds a line break: the reader of
 * the first part finds out (a record runs past the cut) and then reads on itself.
 */
export function csvSplitPoint(file: string): number | undefined {
  if (file === '-') return undefined;
  let fd: number | undefined;
  try {
    fd = openSync(file, 'r');
    const stats = fstatSync(fd);
    if (!stats.isFile() || stats.size < MIN_BYTES) return undefined;
    const cut = Math.floor(stats.size / 2 + Math.min(LEAD, stats.size / 8));
    const window = Buffer.allocUnsafe(Math.min(WINDOW, stats.size - cut));
    const read = readSync(fd, window, 0, window.length, cut);
    const newline = window.subarray(0, read).indexOf(0x0a);
    const at = newline < 0 ? -1 : cut + newline + 1;
    return at > 0 && at < stats.size ? at : undefined;
  } catch {
    // The reader reports what is wrong with the file.
    return undefined;
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}
