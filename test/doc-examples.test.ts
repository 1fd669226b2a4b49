import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import * as engagekit from '../src/index.js';
import * as engagekitNode from '../src/node/index.js';
import { extractExamples, instrument, sourceFiles } from './docExamples.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const modules: Record<string, unknown> = { engagekit };
modules['engagekit/node'] = engagekitNode;
const AsyncFunction = Object.getPrototypeOf(async () => {}).constructor as new (
  ...args: string[]
) => (...args: unknown[]) => Promise<void>;

const examples = sourceFiles(fileURLToPath(new URL('../src', import.meta.url))).flatMap((file) =>
  extractExamples(file, root),
);

describe('every @example in the source runs and prints what it says', () => {
  it('finds examples to run', () => {
    expect(examples.length).toBeGreaterThan(10);
  });

  for (const example of examples) {
    it(`${example.owner} (${example.file}:${example.line})`, async () => {
      const { js, assertions } = instrument(example.code);
      let checked = 0;
      const check = (actual: unknown, expected: unknown, label: string): void => {
        checked++;
        expect(actual, label).toStrictEqual(expected);
      };
      await new AsyncFunction('__modules', '__check', js)(modules, check);
      expect(assertions, 'the example states at least one result with // =>').toBeGreaterThan(0);
      expect(checked, 'every // => line was reached').toBe(assertions);
    });
  }
});

describe('documentation coverage', () => {
  it('every exported function has a runnable @example', () => {
    const documented = new Set(examples.map((example) => example.owner));
    const undocumented = Object.entries(engagekit)
      .filter(([, value]) => typeof value === 'function')
      .map(([name]) => name)
      .filter((name) => !documented.has(name));
    expect(undocumented).toEqual([]);
  });
});
