#!/usr/bin/env node
import { parseArgs } from 'node:util';
import { EngagekitError } from '../errors/EngagekitError.js';
import type { Command } from './command.js';
import { csat } from './commands/csat.js';
import { nps } from './commands/nps.js';
import { retention } from './commands/retention.js';
import { saveList } from './commands/saveList.js';
import { score } from './commands/score.js';
import { BadRowError } from './readRecords.js';
import { UsageError } from './usage.js';

const COMMANDS: readonly Command[] = [score, nps, csat, retention, saveList];

function overview(): string {
  const width = Math.max(...COMMANDS.map((command) => command.name.length));
  return `engagekit: customer engagement scores and metrics from the command line

Usage: engagekit <command> [options]

Commands:
${COMMANDS.map((command) => `  ${command.name.padEnd(width)}  ${command.summary}`).join('\n')}

Run engagekit <command> --help for a command's options.`;
}

/** Runs the CLI with the given arguments; resolves to the process exit code. */
export async function main(argv: readonly string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '-h' || name === '--help' || name === 'help') {
    process.stdout.write(`${overview()}\n`);
    return name === undefined ? 2 : 0;
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
    if (error instanceof BadRowError) {
      process.stderr.write(`${error.message}\n`);
      return 1;
    }
    if (error instanceof EngagekitError) {
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
