import type { ParseArgsConfig } from 'node:util';

export type OptionValues = Readonly<
  Record<string, string | boolean | (string | boolean)[] | undefined>
>;

/** One subcommand of the CLI. */
export interface Command {
  readonly name: string;
  /** One line for the command list. */
  readonly summary: string;
  readonly usage: string;
  /** The full --help text. */
  readonly help: string;
  readonly options: NonNullable<ParseArgsConfig['options']>;
  /** Whether the command takes one positional file argument. */
  readonly positional?: boolean;
  /** Runs the command; resolves to the exit code. */
  run(values: OptionValues, positionals: readonly string[]): Promise<number>;
}
