import { fileURLToPath } from 'node:url';
import * as fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as engagekit from '../src/index.js';
import * as engagekitNode from '../src/node/index.js';
import * as testing from '../src/testing/index.js';
import {
  extractExamples,
  extractMarkdownExamples,
  instrument,
  markdownFiles,
  sourceFiles,
} from './docExamples.js';

const root = fileURLToPath(new URL('..', import.meta.url));
/** What examples may import: the package's entry points, and fast-check for the testing ones. */
const modules: Record<string, unknown> = {
  engagekit,
  'engagekit/testing': testing,
  'engagekit/node': engagekitNode,
  'fast-check': fc,
};
const AsyncFunction = Object.getPrototypeOf(async () => {}).constructor as new (
  ...args: string[]
) => (...args: unknown[]) => Promise<void>;

const examples = sourceFiles(fileURLToPath(new URL('../src', import.meta.url))).flatMap((file) =>
  extractExamples(file, root),
);
const guides = markdownFiles(root).flatMap((file) => extractMarkdownExamples(file, root));

async function run(example: { code: string }): Promise<void> {
  const { js, assertions } = instrument(example.code);
  let checked = 0;
  const check = (actual: unknown, expected: unknown, label: string): void => {
    checked++;
    expect(actual, label).toStrictEqual(expected);
  };
  await new AsyncFunction('__modules', '__check', js)(modules, check);
  expect(assertions, 'the example states at least one result with // =>').toBeGreaterThan(0);
  expect(checked, 'every // => line was reached').toBe(assertions);
}

describe('every @example in the source runs and prints what it says', () => {
  it('finds examples to run', () => {
    expect(examples.length).toBeGreaterThan(10);
  });

  for (const example of examples) {
    it(`${example.owner} (${example.file}:${example.line})`, () => run(example));
  }
});

describe('every ```ts block in README.md and docs/ runs and prints what it says', () => {
  it('finds the README quickstart', () => {
    expect(guides.some((guide) => guide.file === 'README.md')).toBe(true);
  });

  for (const guide of guides) {
    it(`${guide.file}:${guide.line}`, () => run(guide));
  }
});

describe('documentation coverage', () => {
  it('every exported function has a runnable @example', () => {
    const documented = new Set(examples.map((example) => example.owner));
    const undocumented = Object.entries({ ...engagekit, ...testing })
      .filter(([, value]) => typeof value === 'function')
      .map(([name]) => name)
      .filter((name) => !documented.has(name));
    expect(undocumented).toEqual([]);
  });
});
