import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, type Options } from 'tsup';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import config from '../tsup.config.js';
import { bundleOf } from './bundleOf.js';

/**
 * README.md as npm and GitHub show it: fences that close, links that work from npm (absolute,
 * to files that exist), the CLI example run against the committed examples/model.json with the
 * output it shows, and the size table equal to what size-limit measures on the built package.
 */
const root = fileURLToPath(new URL('..', import.meta.url));
const readme = readFileSync(join(root, 'README.md'), 'utf8');
const REPOSITORY = 'https://github.com/engagekit/engagekit';
const home = join(root, 'node_modules', '.cache', `engagekit-readme-${process.pid}`);
const pkg = join(home, 'node_modules', 'engagekit');

/** The fenced blocks of a Markdown text: their info string and body. */
function blocks(text: string): { info: string; body: string }[] {
  return [...text.matchAll(/^```(\w*)\n([\s\S]*?)^```$/gm)].map((match) => ({
    info: match[1] ?? '',
    body: match[2] ?? '',
  }));
}

let measuredSizes: Map<string, number> | undefined;
/**
 * size-limit's measurements of the built package (min+brotli bytes by entry name), run once; its
 * JSON is read even when it exits with 1 for a budget exceeded (`npm run size` reports that).
 */
function sizeLimit(): Map<string, number> {
  if (measuredSizes === undefined) {
    const run = spawnSync(
      process.execPath,
      [join(root, 'node_modules/size-limit/bin.js'), '--json'],
      {
        cwd: pkg,
        encoding: 'utf8',
        timeout: 120_000,
      },
    );
    const entries = JSON.parse(run.stdout) as { name: string; size: number }[];
    measuredSizes = new Map(entries.map((entry) => [entry.name, entry.size]));
  }
  return measuredSizes;
}

describe('README.md', () => {
  beforeAll(async () => {
    const configs = (Array.isArray(config) ? config : [config]) as Options[];
    for (const options of configs) {
      await build({
        ...options,
        config: false,
        outDir: join(pkg, 'dist'),
        dts: false,
        sourcemap: false,
        clean: false,
        silent: true,
      });
    }
    copyFileSync(join(root, 'package.json'), join(pkg, 'package.json'));
  }, 120_000);
  afterAll(() => rmSync(home, { recursive: true, force: true }));

  it('opens and closes every code fence with three backticks', () => {
    const fences = readme.split('\n').filter((line) => line.startsWith('```'));
    expect(fences.filter((line) => line.startsWith('````'))).toEqual([]);
    expect(fences.length % 2).toBe(0);
    expect(readme).toContain('\n## From a fresh clone\n');
    // The heading is outside any block.
    expect(blocks(readme).some((block) => block.body.includes('## From a fresh clone'))).toBe(
      false,
    );
  });

  it('links only absolutely (npm shows the README away from the repository), to files that exist', () => {
    const links = [...readme.matchAll(/\]\(([^)]+)\)/g)].map((match) => match[1]!);
    expect(links.length).toBeGreaterThan(0);
    for (const link of links) {
      expect(link).toMatch(/^(https:\/\/|#)/);
      const inRepository = link.match(
        /^https:\/\/github\.com\/engagekit\/engagekit\/(?:blob|tree)\/main\/([^#]+)(?:#.*)?$/,
      );
      if (inRepository !== null) expect(existsSync(join(root, inRepository[1]!)), link).toBe(true);
    }
    const metadata = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
    expect(metadata.repository.url).toBe(`git+${REPOSITORY}.git`);
    expect(metadata.homepage).toBe(`${REPOSITORY}#readme`);
    expect(metadata.bugs.url).toBe(`${REPOSITORY}/issues`);
  });

  it('runs the CLI example against the committed examples/model.json and prints what it shows', () => {
    const all = blocks(readme);
    const index = all.findIndex((block) => block.body.startsWith('npx engagekit score '));
    expect(index).toBeGreaterThan(-1);
    const args = all[index]!.body.trim()
      .replace(/^npx engagekit /, '')
      .split(/\s+/);
    expect(args).toContain('examples/model.json');
    const result = spawnSync(process.execPath, [join(pkg, 'dist/cli/main.js'), ...args], {
      cwd: root,
      encoding: 'utf8',
      timeout: 120_000,
    });
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(all[index + 1]!.info).toBe('text');
    expect(result.stdout).toBe(all[index + 1]!.body);
  });

  it('states the sizes that size-limit measures on the built package (min+brotli, to 2%)', () => {
    const table = new Map(
      [...readme.matchAll(/^\| (.+?) +\| ([\d.]+) kB +\|$/gm)].map((row) => [
        row[1]!.replaceAll('`', ''),
        Number(row[2]) * 1000,
      ]),
    );
    const measured = sizeLimit();
    const rows = [
      ['nps alone', 'core entry, nps alone'],
      ['defineModel, linear and scoreAt', 'core entry, defineModel + linear + scoreAt'],
      ['everything', 'core entry, everything'],
    ] as const;
    for (const [row, entry] of rows) {
      const stated = table.get(row);
      const size = measured.get(entry);
      expect(stated, row).toBeDefined();
      expect(size, entry).toBeDefined();
      expect(
        Math.abs(stated! - size!),
        `${row}: README ${stated}, size-limit ${size}`,
      ).toBeLessThanOrEqual(Math.max(100, 0.02 * size!));
    }
  }, 120_000);

  // The built entry is one file (plus shared chunks), so a bundler can drop an unused module of it
  // only statement by statement: a top-level statement it cannot prove pure (a schema built by a
  // `.check(...)` call, `Number.NaN`, `new TextDecoder()`) keeps its code in every import. Issue
  // 17 found two: defineModel + linear + scoreAt cost 5% more built than from the sources, and
  // nps alone 10.9 kB instead of 3.4 kB once the rules' schemas moved to a shared chunk.
  it('an import costs no more from the built package than from the sources (min+brotli, to 2%)', async () => {
    mkdirSync(join(root, '.tmp'), { recursive: true });
    const dir = mkdtempSync(join(root, '.tmp/readme-sizes-'));
    try {
      for (const [names, entry] of [
        ['nps', 'core entry, nps alone'],
        ['defineModel, linear, scoreAt', 'core entry, defineModel + linear + scoreAt'],
      ] as const) {
        const built = sizeLimit().get(entry)!;
        const { brotli } = await bundleOf(names, dir);
        expect(built, `${names}: built ${built}, sources ${brotli}`).toBeLessThanOrEqual(
          brotli * 1.02,
        );
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
