import { createWriteStream } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import type { Writable } from 'node:stream';

export type OutputFormat = 'csv' | 'json';

/** Quotes a CSV cell when it needs it (RFC 4180). */
function csvCell(value: string | number | null): string {
  if (value === null) return '';
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** Writes rows as CSV with a header, or as a JSON array, to a file or standard output. */
export async function writeRows(
  rows: Iterable<Readonly<Record<string, string | number | null>>>,
  columns: readonly string[],
  format: OutputFormat,
  file: string | undefined,
): Promise<void> {
  const out: Writable =
    file === undefined || file === '-' ? process.stdout : createWriteStream(file);
  const write = (text: string) =>
    out.write(text)
      ? Promise.resolve()
      : new Promise<void>((resolve) => out.once('drain', () => resolve()));
  if (format === 'csv') {
    await write(`${columns.join(',')}\n`);
    for (const row of rows)
      await write(`${columns.map((column) => csvCell(row[column] ?? null)).join(',')}\n`);
  } else {
    await write('[');
    let first = true;
    for (const row of rows) {
      await write(`${first ? '\n' : ',\n'}  ${JSON.stringify(row)}`);
      first = false;
    }
    await write(first ? ']\n' : '\n]\n');
  }
  if (out !== process.stdout) {
    await new Promise<void>((resolve, reject) => {
      out.end(() => resolve());
      out.once('error', reject);
    });
  }
}

/** Writes a command's whole result to a file, or to standard output when `file` is `-` or not given. */
export async function writeText(text: string, file: string | undefined): Promise<void> {
  if (file === undefined || file === '-') process.stdout.write(text);
  else await writeFile(file, text);
}
