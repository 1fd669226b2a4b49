import { closeSync, openSync, readSync, statSync } from 'node:fs';

const SAMPLE = 1 << 16;

/**
 * About how many rows a text file holds (its size over the mean length of the lines in its first
 * 64 KiB, plus 2%), to size the columns once; `fallback` for standard input or an unreadable file.
 * Reading the file itself reports its problems.
 */
export function estimateRows(file: string, fallback = 65_536): number {
  if (file === '-') return fallback;
  let handle: number | undefined;
  try {
    const size = statSync(file).size;
    handle = openSync(file, 'r');
    const sample = Buffer.allocUnsafe(Math.min(SAMPLE, size));
    const read = readSync(handle, sample, 0, sample.length, 0);
    let lines = 0;
    for (let i = sample.indexOf(10); i >= 0 && i < read; i = sample.indexOf(10, i + 1)) lines++;
    if (lines === 0 || read === 0) return fallback;
    return Math.ceil((size / (read / lines)) * 1.02) + 16;
  } catch {
    return fallback;
  } finally {
    if (handle !== undefined) closeSync(handle);
  }
}
