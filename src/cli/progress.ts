/** Reports how far a file has been read. */
export interface Progress {
  advance(bytes: number): void;
  done(): void;
}

const SILENT: Progress = { advance() {}, done() {} };
const WIDTH = 30;

/**
 * A progress bar on standard error, drawn only when standard error is a terminal (never into a
 * pipe or a log file), at most ten times a second.
 */
export function startProgress(label: string, totalBytes: number | undefined): Progress {
  if (!process.stderr.isTTY || process.env.CI) return SILENT;
  let read = 0;
  let last = 0;
  const draw = () => {
    if (totalBytes !== undefined && totalBytes > 0) {
      const share = Math.min(1, read / totalBytes);
      const filled = Math.round(share * WIDTH);
      process.stderr.write(
        `\r${label} [${'#'.repeat(filled)}${'-'.repeat(WIDTH - filled)}] ${(share * 100).toFixed(0).padStart(3)}%`,
      );
    } else {
      process.stderr.write(`\r${label} ${(read / 1_048_576).toFixed(1)} MiB`);
    }
  };
  return {
    advance(bytes) {
      read += bytes;
      const now = Date.now();
      if (now - last >= 100) {
        last = now;
        draw();
      }
    },
    done() {
      draw();
      process.stderr.write('\n');
    },
  };
}
