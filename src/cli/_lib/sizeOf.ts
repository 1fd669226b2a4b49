import { statSync } from 'node:fs';

/** The size of a file in bytes, 0 for standard input or a file that cannot be read (reported later). */
export function sizeOf(file: string): number {
  if (file === '-') return 0;
  try {
    return statSync(file).size;
  } catch {
    return 0;
  }
}
