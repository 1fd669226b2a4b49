/** A bad row as a report shows it: its line (or row number) and what is wrong. */
export interface BadRow {
  readonly line: number;
  readonly message: string;
}

/** Collects bad input rows so that all of them are reported, not just the first. */
export interface BadRows {
  add(file: string, line: number, message: string): void;
  /**
   * Adds the bad rows another reader collected of a later part of `file` (the helper thread's):
   * the rows it shows, their lines counted from 1 at `firstLine`, and `count` rows in all.
   */
  addPart(file: string, rows: readonly BadRow[], count: number, firstLine: number): void;
  readonly count: number;
  /** The rows the report shows, as added. */
  readonly shown: readonly BadRow[];
  /** The report for standard error: the first rows, then how many more. */
  report(): string;
}

export function collectBadRows(show = 20): BadRows {
  const shown: (BadRow & { readonly file: string })[] = [];
  let count = 0;
  const collect: BadRows = {
    add(file, line, message) {
      count++;
      if (shown.length < show) shown.push({ file, line, message });
    },
    addPart(file, rows, total, firstLine) {
      for (const row of rows) collect.add(file, firstLine + row.line - 1, row.message);
      count += total - rows.length;
    },
    get count() {
      return count;
    },
    get shown() {
      return shown.map(({ line, message }) => ({ line, message }));
    },
    report() {
      const lines = shown.map(({ file, line, message }) => `${file}:${line}: ${message}`);
      const more = count > shown.length ? `\n... and ${count - shown.length} more bad rows` : '';
      return `${lines.join('\n')}${more}\n${count} bad row${count === 1 ? '' : 's'}; nothing was written. Fix them and run again.`;
    },
  };
  return collect;
}
