import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../..', import.meta.url));
// Inside the checkout, so that `--import tsx` resolves from node_modules.
mkdirSync(join(root, '.tmp'), { recursive: true });
const dir = mkdtempSync(join(root, '.tmp/save-list-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const files = {
  'model.json': readFileSync(join(root, 'test/fixtures/cli/model.json'), 'utf8'),
  // ada: 37.5 at --at, low from 2026-11-04T21:43:47.028Z (see test/cli.test.ts); ed: a purchase
  // 90 days old, 50 * (1 - 90/120) = 12.5 (low), below 10 once it is 96 days old: disengaged from
  // 2026-11-07T12:00:00.001Z; bo's purchase ends at --at, cy only visits: neither is at risk.
  'events.csv': `customer_id,behaviour,occurred_at,weight
ada,purchase,2026-09-02T12:00:00Z,
ada,emailClick,2026-10-25T12:00:00Z,
ed,purchase,2026-08-03T12:00:00Z,
bo,purchase,2026-07-04T12:00:00Z,2
cy,siteVisit,2026-10-29T12:00:00Z,
`,
  'values.csv': 'customer_id,value\nada,500\ned,900\nbo,100\ncy,50\n',
  'values.ndjson': '{"customer_id":"ada","value":500}\n{"customerId":"ed","value":"900"}\n',
  'few-values.csv': 'customer_id,value\nada,500\n',
  'bad-values.csv': 'customer_id,value\nada,-1\ned,lots\n,3\nbo,4\nbo,5\n',
};
for (const [name, text] of Object.entries(files)) writeFileSync(join(dir, name), text);

function run(args: string[]) {
  const result = spawnSync(
    process.execPath,
    ['--import', 'tsx', join(root, 'src/cli/main.ts'), ...args],
    {
      cwd: dir,
      encoding: 'utf8',
      timeout: 120_000,
      env: { ...process.env, CI: '1' },
    },
  );
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

const BASE = [
  'save-list',
  '--model',
  'model.json',
  '--events',
  'events.csv',
  '--at',
  '2026-11-01T12:00:00Z',
];

describe('engagekit save-list', () => {
  it("writes this week's at-risk customers by value, former best customers marked", () => {
    const { code, stdout, stderr } = run([
      ...BASE,
      '--values',
      'values.csv',
      '--best-share',
      '0.5',
    ]);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(
      stdout,
    ).toBe(`customer_id,value,value_rank,top_value,former_best,segment,score,drop_segment,drop_at
ed,900,1,true,true,low,12.5,disengaged,2026-11-07T12:00:00.001Z
ada,500,2,true,false,high,37.5,low,2026-11-04T21:43:47.028Z
`);
  });

  it('looks --within days ahead, takes values as NDJSON and writes JSON', () => {
    const { code, stdout } = run([
      ...BASE,
      '--values',
      'values.ndjson',
      '--within',
      '4',
      '--format',
      'json',
    ]);
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toEqual([
      {
        customer_id: 'ada',
        value: 500,
        value_rank: 2,
        top_value: 'false',
        former_best: 'false',
        segment: 'high',
        score: 37.5,
        drop_segment: 'low',
        drop_at: '2026-11-04T21:43:47.028Z',
      },
    ]);
  });

  it('exits 1 naming every at-risk customer without a value, and every bad value row', () => {
    const missing = run([...BASE, '--values', 'few-values.csv']);
    expect(missing.code).toBe(1);
    expect(missing.stdout).toBe('');
    expect(missing.stderr).toContain('engagekit save-list: saveList: values.ed is missing');
    const bad = run([...BASE, '--values', 'bad-values.csv']);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('bad-values.csv:2: value "-1" is not a finite number >= 0');
    expect(bad.stderr).toContain('bad-values.csv:3: value "lots" is not a finite number >= 0');
    expect(bad.stderr).toContain('bad-values.csv:4: customer_id is missing');
    expect(bad.stderr).toContain('bad-values.csv:6: customer "bo" has a value already');
  });

  it('exits 2 on a missing or bad option, with its usage', () => {
    for (const [args, words] of [
      [[...BASE], '--values <file> is required'],
      [
        [...BASE, '--values', 'values.csv', '--within', '0'],
        '--within must be a number of days > 0',
      ],
      [
        [...BASE, '--values', 'values.csv', '--best-share', '1.5'],
        '--best-share must be a share in (0, 1]',
      ],
      [[...BASE, '--values', 'values.txt'], '--values must end in .csv, .ndjson or .jsonl'],
    ] as const) {
      const { code, stderr } = run([...args]);
      expect(code).toBe(2);
      expect(stderr).toContain(words);
      expect(stderr).toContain('Usage: engagekit save-list');
    }
  });

  it('prints its help, and docs/cli.md holds it exactly', () => {
    const { code, stdout } = run(['save-list', '--help']);
    expect(code).toBe(0);
    expect(stdout).toContain('Usage: engagekit save-list --model model.json');
    const page = readFileSync(join(root, 'docs/cli.md'), 'utf8');
    expect(page).toContain(`## engagekit save-list --help\n\n\`\`\`text\n${stdout}\`\`\`\n`);
    expect(page).toContain(`## engagekit --help\n\n\`\`\`text\n${run(['--help']).stdout}\`\`\`\n`);
  });
});
