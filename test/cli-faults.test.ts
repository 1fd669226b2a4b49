import { spawn, spawnSync } from 'node:child_process';
import {
  chmodSync,
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildCli } from './buildCli.js';

// The CLI under faults (issue 22): output, input and signals, each injected for real.
const root = fileURLToPath(new URL('..', import.meta.url));
const fixtures = join(root, 'test/fixtures/cli');
const model = join(fixtures, 'model.json');
const AT = ['--at', '2026-11-01T12:00:00Z'];
let dir: string;
let cli: string;

beforeAll(async () => {
  ({ dir, cli } = await buildCli('cli-faults'));
  chmodSync(dir, 0o755);
}, 120_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

function run(args: string[], options: { input?: string } = {}) {
  const result = spawnSync(process.execPath, [cli, ...args], {
    cwd: fixtures,
    encoding: 'utf8',
    timeout: 120_000,
    input: options.input,
    env: { ...process.env, CI: '1' },
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

function file(name: string, content: string | Buffer): string {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
}

const score = (events: string, ...more: string[]) =>
  run(['score', '--model', model, '--events', events, ...AT, ...more]);

describe('engagekit score output under faults', () => {
  it('exits 1 naming the path and the reason when the output folder does not exist', () => {
    const target = join(dir, 'no-such-folder', 'out.csv');
    const { code, stdout, stderr } = score('events.csv', '--output', target);
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr).toContain(`cannot write ${target}: its folder does not exist`);
  });

  it('exits 1 when the output is a directory, and leaves the directory as it was', () => {
    const target = join(dir, 'a-directory');
    mkdirSync(target, { recursive: true });
    const { code, stderr } = score('events.csv', '--output', target);
    expect(code).toBe(1);
    expect(stderr).toContain(`cannot write ${target}: it is a directory`);
    expect(readdirSync(target)).toEqual([]);
  });

  it('exits 1 when standard output is a full device (/dev/full), saying why', () => {
    if (!existsSync('/dev/full')) return expect.fail('/dev/full is missing on this machine');
    const full = openSync('/dev/full', 'w');
    try {
      const result = spawnSync(
        process.execPath,
        [cli, 'score', '--model', model, '--events', 'events.csv', ...AT],
        { cwd: fixtures, stdio: ['ignore', full, 'pipe'], encoding: 'utf8', timeout: 120_000 },
      );
      expect(result.status).toBe(1);
      expect(result.stderr).toContain('cannot write standard output');
    } finally {
      closeSync(full);
    }
  });

  it('writes nothing, to the file or standard output, when a row is bad', () => {
    const target = join(dir, 'never.csv');
    const events = file(
      'one-bad.csv',
      'customer_id,behaviour,occurred_at\nada,purchase,2026-10-01T00:00:00Z\nbo,purchase,soon\n',
    );
    const toFile = score(events, '--output', target);
    expect(toFile.code).toBe(1);
    expect(existsSync(target)).toBe(false);
    expect(readdirSync(dir).filter((name) => name.includes('never.csv'))).toEqual([]);
    const toStdout = score(events);
    expect(toStdout.code).toBe(1);
    expect(toStdout.stdout).toBe('');
  });

  it('replaces the output file whole on success and leaves no temporary file', () => {
    const target = file('replaced.csv', 'old content\n');
    const { code } = score('events.csv', '--output', target);
    expect(code).toBe(0);
    expect(readFileSync(target, 'utf8')).toBe(score('events.csv').stdout);
    expect(readdirSync(dir).filter((name) => name.endsWith('.tmp'))).toEqual([]);
  });

  it('prefixes formula-leading ids with an apostrophe, and keeps them with --no-formula-guard', () => {
    const events = file(
      'formulas.csv',
      'customer_id,behaviour,occurred_at\n"=HYPERLINK(""http://x"")",purchase,2026-10-01T00:00:00Z\n+1,purchase,2026-10-01T00:00:00Z\n@a,purchase,2026-10-01T00:00:00Z\n-b,purchase,2026-10-01T00:00:00Z\n',
    );
    const guarded = score(events);
    expect(guarded.code).toBe(0);
    for (const row of ["\n'+1,", "\n'-b,", "\n'@a,", '\n"\'=HYPERLINK(""http://x"")",']) {
      expect(guarded.stdout).toContain(row);
    }
    const raw = score(events, '--no-formula-guard');
    expect(raw.stdout).toContain('\n+1,');
    expect(raw.stdout).toContain('"=HYPERLINK(""http://x"")",');
  });

  it('stops quietly when the reader of its output goes away (| head -1)', async () => {
    const lines = ['customer_id,behaviour,occurred_at'];
    for (let i = 0; i < 200_000; i++) lines.push(`c${i},purchase,2026-10-01T00:00:00Z`);
    const events = file('many.csv', `${lines.join('\n')}\n`);
    const result = spawnSync(
      'bash',
      ['-c', `node ${cli} score --model ${model} --events ${events} ${AT.join(' ')} | head -1`],
      { cwd: fixtures, encoding: 'utf8', timeout: 120_000 },
    );
    expect(result.stdout).toBe('customer_id,score,segment,next_segment,next_change_at\n');
    expect(result.stderr).toBe('');
  }, 120_000);

  it('leaves no partial output when killed with SIGTERM mid-run', async () => {
    const lines = ['customer_id,behaviour,occurred_at'];
    for (let i = 0; i < 300_000; i++)
      lines.push(`c${i % 50_000},purchase,2026-10-0${1 + (i % 9)}T00:00:00Z`);
    const events = file('slow.csv', `${lines.join('\n')}\n`);
    const target = join(dir, 'killed.csv');
    const child = spawn(
      process.execPath,
      [cli, 'score', '--model', model, '--events', events, ...AT, '--output', target],
      {
        cwd: fixtures,
      },
    );
    let done = false;
    const exited = new Promise<number | null>((resolve) =>
      child.on('exit', (status, signal) => {
        done = true;
        resolve(status ?? (signal === null ? null : 143));
      }),
    );
    // Wait until the temporary output exists (the run is writing), then stop it.
    const temporary = join(dir, `.killed.csv.${child.pid}.tmp`);
    while (!done && !existsSync(temporary)) {
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
    child.kill('SIGTERM');
    const code = await exited;
    expect(code).not.toBe(0);
    expect(existsSync(target)).toBe(false);
    expect(readdirSync(dir).filter((name) => name.includes('killed.csv'))).toEqual([]);
  }, 120_000);
});

describe('engagekit --version', () => {
  it('prints the version of package.json and exits 0', () => {
    const { version } = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
      version: string;
    };
    const { code, stdout } = run(['--version']);
    expect(code).toBe(0);
    expect(stdout).toBe(`engagekit ${version}\n`);
  });
});

describe('engagekit input under faults', () => {
  it('reports a directory given as --events without a stack trace', () => {
    const { code, stderr } = score(dir, '--input-format', 'csv');
    expect(code).toBe(1);
    expect(stderr).toContain(`cannot read ${dir}: it is a directory`);
    expect(stderr).not.toContain('    at ');
  });

  it('reports an unreadable file (run as an unprivileged user) without a stack trace', () => {
    const events = file('secret.csv', 'customer_id,behaviour,occurred_at\n');
    chmodSync(events, 0o000);
    const isRoot = process.getuid?.() === 0;
    const asNobody = ['runuser', 'setpriv'].find(
      (tool) => spawnSync('sh', ['-c', `command -v ${tool}`]).status === 0,
    );
    if (isRoot && asNobody === undefined) {
      console.log('skipped: running as root and neither runuser nor setpriv exists');
      return;
    }
    const command = [process.execPath, cli, 'score', '--model', model, '--events', events, ...AT];
    const wrapped = !isRoot
      ? command
      : asNobody === 'runuser'
        ? ['runuser', '-u', 'nobody', '--', ...command]
        : ['setpriv', '--reuid=65534', '--regid=65534', '--clear-groups', ...command];
    const result = spawnSync(wrapped[0]!, wrapped.slice(1), {
      cwd: '/',
      encoding: 'utf8',
      timeout: 120_000,
    });
    expect(result.stderr).toContain(`cannot read ${events}: permission denied`);
    expect(result.status).toBe(1);
  });

  it('reads a UTF-8 byte order mark and CRLF line ends in CSV and NDJSON alike', () => {
    const csv = file(
      'bom.csv',
      '\uFEFFcustomer_id,behaviour,occurred_at\r\nada,purchase,2026-10-01T00:00:00Z\r\n',
    );
    const ndjson = file(
      'bom.ndjson',
      '\uFEFF{"customer_id":"ada","behaviour":"purchase","occurred_at":"2026-10-01T00:00:00Z"}\r\n',
    );
    const fromCsv = score(csv);
    const fromNdjson = score(ndjson);
    expect(fromCsv.code).toBe(0);
    expect(fromNdjson.stderr).toBe('');
    expect(fromNdjson.stdout).toBe(fromCsv.stdout);
    expect(fromCsv.stdout.split('\n')[1]).toMatch(/^ada,/);
  });

  it('reads a UTF-8 byte order mark in a plain text answers file', () => {
    const answers = file('bom.txt', '\uFEFF10\r\n9\r\n0\r\n');
    const { code, stdout } = run(['nps', answers, '--format', 'json']);
    expect(code).toBe(0);
    expect(JSON.parse(stdout).n).toBe(3);
  });

  it('scores an empty events file (header only, or nothing at all) as no customers', () => {
    const headerOnly = score(file('header.csv', 'customer_id,behaviour,occurred_at\n'));
    expect(headerOnly.code).toBe(0);
    expect(headerOnly.stdout).toBe('customer_id,score,segment,next_segment,next_change_at\n');
    const empty = score(file('empty.ndjson', ''));
    expect(empty.code).toBe(0);
    expect(empty.stdout).toBe('customer_id,score,segment,next_segment,next_change_at\n');
  });

  it('names the line of invalid UTF-8 and never merges ids that differ in bytes', () => {
    const events = file(
      'latin1.csv',
      Buffer.concat([
        Buffer.from('customer_id,behaviour,occurred_at\nc'),
        Buffer.from([0xff]),
        Buffer.from(',purchase,2026-10-01T00:00:00Z\nc'),
        Buffer.from([0xfe]),
        Buffer.from(',purchase,2026-10-01T00:00:00Z\n'),
      ]),
    );
    const { code, stderr } = score(events);
    expect(code).toBe(1);
    expect(stderr).toContain(`${events}:2: not valid UTF-8`);
    expect(stderr).toContain(`${events}:3: not valid UTF-8`);
  });

  it('refuses NDJSON ids 1 and "1" together instead of merging them', () => {
    const events = file(
      'mixed.ndjson',
      '{"customer_id":1,"behaviour":"purchase","occurred_at":"2026-10-01T00:00:00Z"}\n{"customer_id":"1","behaviour":"purchase","occurred_at":"2026-10-01T00:00:00Z"}\n',
    );
    const { code, stderr } = score(events);
    expect(code).toBe(1);
    expect(stderr).toContain(':2: customer_id "1" is a string here and a number elsewhere');
  });

  it('refuses February 30 and numbers that are not decimal, each with its line', () => {
    const events = file(
      'calendar.csv',
      'customer_id,behaviour,occurred_at,weight\nada,purchase,2026-02-30T00:00:00Z,1\nbo,purchase,2026-10-01T00:00:00Z,0x10\ncy,purchase,2026-10-01T00:00:00Z,1e1\n',
    );
    const { code, stderr } = score(events);
    expect(code).toBe(1);
    expect(stderr).toContain(':2: occurred_at: "2026-02-30T00:00:00Z" is not a calendar date');
    expect(stderr).toContain(':3: weight "0x10" is not a finite number');
    expect(stderr).not.toContain(':4:');
    const answers = file('hex.txt', '0x0A\n0b1010\n1e1\n');
    const nps = run(['nps', answers]);
    expect(nps.code).toBe(1);
    expect(nps.stderr).toContain(':1:');
    expect(nps.stderr).toContain(':2:');
    expect(nps.stderr).not.toContain(':3:');
  });

  it('does not read Object.prototype for --column constructor', () => {
    const answers = file('answers.ndjson', '{"response":9}\n');
    const { code, stderr } = run(['nps', answers, '--column', 'constructor']);
    expect(code).toBe(1);
    expect(stderr).toContain(':1:');
  });

  it('lists customers whose events are all unknown with score 0 under --ignore-unknown, as the SQL does', () => {
    const events = file(
      'unknown.csv',
      'customer_id,behaviour,occurred_at\nada,purchase,2026-10-01T00:00:00Z\nzed,tweet,2026-10-01T00:00:00Z\n',
    );
    const { code, stdout } = score(events, '--ignore-unknown');
    expect(code).toBe(0);
    expect(stdout).toContain('\nzed,0,disengaged,,\n');
  });

  it('reports every malformed record, a missing column once, and lists the known behaviours', () => {
    const malformed = file(
      'malformed.csv',
      'customer_id,behaviour,occurred_at\na"b,purchase,2026-10-01T00:00:00Z\n"c"d,purchase,2026-10-01T00:00:00Z\ne,purchase\nf,tweet,2026-10-01T00:00:00Z\n',
    );
    const many = score(malformed);
    expect(many.code).toBe(1);
    expect(many.stderr).toContain(':2: a quote inside an unquoted field');
    expect(many.stderr).toContain(':3: text after a closing quote');
    expect(many.stderr).toContain(':4: has 2 fields, the header has 3');
    expect(many.stderr).toContain(
      ':5: behaviour "tweet" is not in the model (known: "emailClick", "purchase", "siteVisit")',
    );
    const noColumn = file('no-column.csv', 'customer_id,behaviour\nada,purchase\nbo,purchase\n');
    const once = score(noColumn);
    expect(once.code).toBe(1);
    expect(once.stderr.match(/has no/g)).toHaveLength(1);
    expect(once.stderr).toContain(
      ':1: the header has no occurred_at or at or timestamp or time column',
    );
  });

  it('reads another delimiter and other column names', () => {
    const events = file('semicolon.csv', 'who;what;when\nada;purchase;2026-10-01T00:00:00Z\n');
    const { code, stdout, stderr } = score(
      events,
      '--delimiter',
      ';',
      '--customer-column',
      'who',
      '--behaviour-column',
      'what',
      '--at-column',
      'when',
    );
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout.split('\n')[1]).toMatch(/^ada,/);
  });

  it('fails cleanly on a 1 GB single line, with bounded memory', () => {
    const huge = join(dir, 'huge.csv');
    const handle = openSync(huge, 'w');
    const block = Buffer.alloc(16 * 1024 * 1024, 0x61);
    writeSync(handle, 'customer_id,behaviour,occurred_at\n');
    for (let written = 0; written < 1024 ** 3; written += block.length) writeSync(handle, block);
    closeSync(handle);
    try {
      const result = spawnSync(
        process.execPath,
        ['--max-old-space-size=256', cli, 'score', '--model', model, '--events', huge, ...AT],
        { cwd: fixtures, encoding: 'utf8', timeout: 120_000 },
      );
      expect(result.stderr).toContain(`${huge}:2: a record longer than 64 MiB`);
      expect(result.status).toBe(1);
    } finally {
      rmSync(huge, { force: true });
    }
  }, 300_000);
});
