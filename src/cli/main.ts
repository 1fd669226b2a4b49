#!/usr/bin/env node
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { EngagekitError } from '../errors/EngagekitError.js';
import { runForecastHelper } from './_lib/forecastInParallel.js';
import { InputError } from './_lib/InputError.js';
import type { Command } from './command.js';
import { csat } from './commands/csat.js';
import { nps } from './commands/nps.js';
import { retention } from './commands/retention.js';
import { saveList } from './commands/saveList.js';
import { score } from './commands/score.js';
import { OutputError } from './output.js';
import { BadRowError } from './readRecords.js';
import { UsageError } from './usage.js';

const COMMANDS: readonly Command[] = [score, nps, csat, retention, saveList];

function overview(): string {
  const width = Math.max(...COMMANDS.map((command) => command.name.length));
  return `engagekit: customer engagement scores and metrics from the command line

Usage: engagekit <command> [options]

Commands:
${COMMANDS.map((command) => `  ${command.name.padEnd(width)}  ${command.summary}`).join('\n')}

Run engagekit <command> --help for a command's options; engagekit --version prints the version.`;
}

/** The package's version, from the package.json two folders up (dist/cli/main.js, src/cli/main.ts). */
function version(): string {
  try {
    const manifest = JSON.parse(
      readFileSync(new URL('../../package.json', import.meta.url), 'utf8'),
    ) as { version?: unknown };
    return typeof manifest.version === 'string' ? manifest.version : 'unknown';
  } catch {
    return 'unknown';
  }
}

/** Runs the CLI with the given arguments; resolves to the process exit code. */
export async function main(argv: readonly string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '-h' || name === '--help' || name === 'help') {
    process.stdout.write(`${overview()}\n`);
    return name === undefined ? 2 : 0;
  }
  if (name === '-v' || name === '--version') {
    process.stdout.write(`engagekit ${version()}\n`);
    return 0;
  }
  const command = COMMANDS.find((candidate) => candidate.name === name);
  if (command === undefined) {
    process.stderr.write(`engagekit: unknown command "${name}"\n\n${overview()}\n`);
    return 2;
  }
  try {
    const { values, positionals } = parseArgs({
      args: [...rest],
      options: { ...command.options, help: { type: 'boolean', short: 'h' } },
      allowPositionals: command.positional === true,
      strict: true,
    });
    if (values.help === true) {
      process.stdout.write(`Usage: ${command.usage}\n\n${command.help}\n`);
      return 0;
    }
    return await command.run(values, positionals);
  } catch (error) {
    if (
      error instanceof UsageError ||
      (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')
    ) {
      process.stderr.write(
        `engagekit ${command.name}: ${(error as Error).message}\nUsage: ${command.usage}\n`,
      );
      return 2;
    }
    if (error instanceof BadRowError || error instanceof InputError) {
      process.stderr.write(`${error.message}\n`);
      return 1;
    }
    if (error instanceof EngagekitError) {
      process.stderr.write(`engagekit ${command.name}: ${error.message}\n`);
      return 1;
    }
    if (error instanceof OutputError) {
      process.stderr.write(`engagekit ${command.name}: ${error.message}\n`);
      return 1;
    }
    if ((error as { code?: string }).code === 'ENOENT') {
      process.stderr.write(`engagekit ${command.name}: ${(error as Error).message}\n`);
      return 1;
    }
    throw error;
  }
}

// Started as `engagekit score`'s forecast thread, this script runs only that.
if (!runForecastHelper()) {
  // A reader that goes away (`engagekit score ... | head -2`) is not an error: stop quietly.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(0);
    process.stderr.write(`engagekit: cannot write standard output: ${error.message}\n`);
    process.exit(1);
  });

  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(
        `engagekit: unexpected error: ${(error as Error).stack ?? String(error)}\n`,
      );
      process.exitCode = 70;
    },
  );
}
