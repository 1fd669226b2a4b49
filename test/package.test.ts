import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const src = fileURLToPath(new URL('../src', import.meta.url));

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory() ? filesUnder(join(dir, entry.name)) : [join(dir, entry.name)],
  );
}

/** Folders whose code only runs in Node.js (explicit subpath exports, never the core entry). */
const NODE_ONLY = ['cli', 'node'];

describe('the core runs in browsers and edge runtimes', () => {
  const core = filesUnder(src).filter(
    (file) =>
      file.endsWith('.ts') &&
      !/\.test(-prop|-d)?\.ts$/.test(file) &&
      !NODE_ONLY.some((folder) => file.startsWith(join(src, folder))),
  );

  it('no core source file imports a node: module or a Node built-in', () => {
    const offenders = core.filter((file) =>
      /from\s+'(node:[^']+|fs|path|os|crypto|child_process|worker_threads|stream)'/.test(
        readFileSync(file, 'utf8'),
      ),
    );
    expect(core.length).toBeGreaterThan(10);
    expect(offenders).toEqual([]);
  });

  it('index.ts files only re-export', () => {
    const indexes = filesUnder(src).filter((file) => file.endsWith('index.ts'));
    for (const file of indexes) {
      const code = readFileSync(file, 'utf8')
        .split('\n')
        .filter((line) => line.trim() !== '' && !line.trim().startsWith('//'));
      for (const line of code) expect(line, file).toMatch(/^(export | {2}|\} from |\};?$)/);
    }
  });
});
