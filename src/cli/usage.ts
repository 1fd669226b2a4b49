import { EngagekitError } from '../errors/EngagekitError.js';

/** A mistake in how the command was called: printed with the command's usage, exit code 2. */
export class UsageError extends Error {}

/**
 * Runs a library call that checks the options given on the command line, turning its
 * `EngagekitError` into a {@link UsageError} that names the flag (`flags` maps an option field to
 * its flag), so a bad option value exits 2 before any input is read.
 */
export function checkOptions(run: () => unknown, flags: Readonly<Record<string, string>>): void {
  try {
    run();
  } catch (error) {
    if (!(error instanceof EngagekitError)) throw error;
    const option = error.path.find((part) => typeof part === 'string' && part in flags);
    const flag = option === undefined ? undefined : flags[option as string];
    throw new UsageError(flag === undefined ? error.message : `${flag}: ${error.message}`);
  }
}

/** The one file a command reads (`-` for standard input), or a usage error naming `what`. */
export function oneFile(positionals: readonly string[], what: string): string {
  const [file, extra] = positionals;
  if (file === undefined) throw new UsageError(`give the ${what}, or - for stdin`);
  if (extra !== undefined) throw new UsageError(`one file only, got also "${extra}"`);
  return file;
}
