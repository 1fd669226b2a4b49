/** Collects bad input rows so that all of them are reported, not just the first. */
export interface BadRows {
  add(file: string, line: number, message: string): void;
  /** Counts `rows` more bad rows whose lines are not shown (another thread's, past the first). */
  addUnshown(rows: number): void;
  readonly count: number;
  /** The report for standard error: the first rows, then how many more. */
  report(): string;
}

export function collectBadRows(show = 20): BadRows {
  const shown: string[] = [];
  let count = 0;
  return {
    add(file, line, message) {
      count++;
      if (shown.length < show) shown.push(`${file}:${line}: ${message}`);
    },
    addUnshown(rows) {
      count += rows;
    },
    get count() {
      return count;
    },
    report() {
      const more = count > shown.length ? `\n... and ${count - shown.length} more bad rows` : '';
      return `${shown.join('\n')}${more}\n${count} bad row${count === 1 ? '' : 's'}; nothing was written. Fix them and run again.`;
    },
  };
}
