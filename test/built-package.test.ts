import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, type Options } from 'tsup';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import config from '../tsup.config.js';

/**
 * The package as users get it: the repository's own tsup configuration built (without type
 * declarations) into `node_modules/.cache/<dir>/node_modules/engagekit`, beside a copy of
 * package.json, so that plain Node.js processes reach every subpath by its name through the
 * exports map, once through `import` (ESM) and once through `require` (CommonJS).
 */
const root = fileURLToPath(new URL('..', import.meta.url));
const home = join(root, 'node_modules', '.cache', `engagekit-built-package-${process.pid}`);
const pkg = join(home, 'node_modules', 'engagekit');

/**
 * What each process reports, as source, given `index`, `testing` and `node` (the three
 * subpaths) and `fc` (fast-check).
 */
const CHECK = `
const caught = async (run) => { try { await run(); } catch (error) { return error; } return undefined; };
const errors = {
  index: await caught(() => index.defineModel({ behaviours: { visit: { boost: Number.NaN, decay: index.linear(1) } } })),
  node: await caught(() => node.createWorkerPool({ workers: 0 })),
  testing: await caught(() => index.scoreAt(fc.sample(testing.modelArbitrary(), { numRuns: 1, seed: 1 })[0], [{ behaviour: 'no such behaviour', at: 0 }], 1)),
};
const report = {};
for (const [entry, error] of Object.entries(errors)) {
  report[entry] = {
    code: error?.code,
    name: error?.name,
    instanceOf: error instanceof index.EngagekitError,
    isEngagekitError: index.isEngagekitError(error),
    sameClass: error?.constructor === index.EngagekitError,
  };
}
console.log(JSON.stringify(report));
`;

function run(file: string): unknown {
  const output = execFileSync(process.execPath, [join(home, file)], {
    encoding: 'utf8',
    timeout: 60_000,
    cwd: home,
  });
  return JSON.parse(output.trim());
}

describe('the built package, every subpath under ESM and CommonJS', () => {
  beforeAll(async () => {
    const configs = (Array.isArray(config) ? config : [config]) as Options[];
    const library = configs.filter(
      (options) =>
        typeof options.entry === 'object' &&
        !Array.isArray(options.entry) &&
        'index' in options.entry,
    );
    expect(library).toHaveLength(1);
    for (const options of library) {
      await build({
        ...options,
        config: false,
        outDir: join(pkg, 'dist'),
        dts: false,
        sourcemap: false,
        silent: true,
      });
    }
    mkdirSync(pkg, { recursive: true });
    copyFileSync(join(root, 'package.json'), join(pkg, 'package.json'));
    writeFileSync(
      join(home, 'check.mjs'),
      `import * as index from 'engagekit';\nimport * as testing from 'engagekit/testing';\nimport * as node from 'engagekit/node';\nimport fc from 'fast-check';\n${CHECK}`,
    );
    writeFileSync(
      join(home, 'check.cjs'),
      `const index = require('engagekit');\nconst testing = require('engagekit/testing');\nconst node = require('engagekit/node');\nconst fc = require('fast-check');\n(async () => {\n${CHECK}\n})();`,
    );
    // Both builds in one process: the ESM index judges errors thrown by the CommonJS entries.
    writeFileSync(
      join(home, 'mixed.mjs'),
      `import { createRequire } from 'node:module';\nimport * as index from 'engagekit';\nconst require = createRequire(import.meta.url);\nconst testing = require('engagekit/testing');\nconst node = require('engagekit/node');\nconst fc = require('fast-check');\n${CHECK.replace(/index\.(defineModel|linear|scoreAt)/g, "require('engagekit').$1")}`,
    );
  }, 120_000);
  afterAll(() => rmSync(home, { recursive: true, force: true }));

  const oneClass = { instanceOf: true, isEngagekitError: true, sameClass: true };
  const expected = {
    index: { code: 'INVALID_MODEL', name: 'EngagekitError', ...oneClass },
    node: { code: 'INVALID_OPTION', name: 'EngagekitError', ...oneClass },
    testing: { code: 'UNKNOWN_BEHAVIOUR', name: 'EngagekitError', ...oneClass },
  };

  it('shares one EngagekitError class between index, testing and node under ESM (import)', () => {
    expect(run('check.mjs')).toEqual(expected);
  });

  it('shares one EngagekitError class between index, testing and node under CommonJS (require)', () => {
    expect(run('check.cjs')).toEqual(expected);
  });

  it('recognises, by its brand, an error of the CommonJS build from the ESM build in one process', () => {
    const sameBrandOtherClass = { instanceOf: true, isEngagekitError: true, sameClass: false };
    expect(run('mixed.mjs')).toEqual({
      index: { ...expected.index, ...sameBrandOtherClass },
      node: { ...expected.node, ...sameBrandOtherClass },
      testing: { ...expected.testing, ...sameBrandOtherClass },
    });
  });
});
