import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, type Options } from 'tsup';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import config from '../../tsup.config.js';

/**
 * The worker pool as users get it: the package's own tsup configuration (the entries that build
 * `engagekit/node`) built without type declarations into a folder under node_modules/.cache (so
 * that the bundle's dependencies resolve as from dist/), then run by plain Node.js processes,
 * once through `import` (ESM) and once through `require` (CommonJS). The threads run the
 * program the bundle carries as text, so this checks that it survives bundling.
 */
const root = fileURLToPath(new URL('../..', import.meta.url));
const out = join(root, 'node_modules', '.cache', `engagekit-built-node-${process.pid}`);

/** The check each process runs, as source, on `node` and `index` (the built entries). */
const CHECK = `
const model = index.defineModel({
  behaviours: {
    click: { boost: 25, decay: index.linear(1000) },
    visit: { boost: 8, decay: index.exponential(300), cap: 30 },
    order: { boost: 50, decay: index.step(700) },
  },
});
const events = 30000;
const customers = 3000;
const columns = {
  customer: new Uint32Array(new SharedArrayBuffer(4 * events)),
  behaviour: new Uint8Array(events),
  at: new Float64Array(events),
};
let seed = 7;
const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
for (let i = 0; i < events; i++) {
  columns.customer[i] = Math.floor(next() * customers);
  columns.behaviour[i] = Math.floor(next() * 3);
  columns.at[i] = Math.floor(next() * 2000);
}
const bits = (scores) => Buffer.from(scores.buffer, scores.byteOffset, scores.byteLength).toString('base64');
const pool = node.createWorkerPool({ workers: 2, minEvents: 0 });
const instants = [400, 900, 1500];
const results = await Promise.all(instants.map((at) => pool.scoreColumns(model, columns, at, customers)));
const sameBits = results.every((scores, i) => bits(scores) === bits(index.scoreColumns(model, columns, instants[i], customers)));
const pending = pool.scoreColumns(model, columns, 0, customers);
const [closed] = await Promise.allSettled([pending, pool.close()]);
const report = { sameBits, nonZero: results[0].some((score) => score !== 0), closed: [closed.reason?.name, closed.reason?.code] };
if (process.argv.includes('--leave-open')) {
  // An idle pool that is never closed must not keep the process alive.
  const open = node.createWorkerPool({ workers: 2, minEvents: 0 });
  report.open = bits(await open.scoreColumns(model, columns, 900, customers)) === bits(results[1]);
}
console.log(JSON.stringify(report));
`;

function run(file: string, ...args: string[]): unknown {
  const output = execFileSync(process.execPath, [join(out, file), ...args], {
    encoding: 'utf8',
    timeout: 60_000,
  });
  return JSON.parse(output.trim());
}

describe('createWorkerPool from the built package', () => {
  beforeAll(async () => {
    const configs = (Array.isArray(config) ? config : [config]) as Options[];
    const withNode = configs.filter(
      (options) =>
        typeof options.entry === 'object' &&
        !Array.isArray(options.entry) &&
        'node' in options.entry,
    );
    expect(withNode.length).toBeGreaterThan(0);
    for (const options of withNode) {
      await build({
        ...options,
        config: false,
        outDir: out,
        dts: false,
        sourcemap: false,
        silent: true,
      });
    }
    mkdirSync(out, { recursive: true });
    writeFileSync(
      join(out, 'check.mjs'),
      `import * as node from './node.js';\nimport * as index from './index.js';\n${CHECK}`,
    );
    writeFileSync(
      join(out, 'check.cjs'),
      `const node = require('./node.cjs');\nconst index = require('./index.cjs');\n(async () => {\n${CHECK}\n})();`,
    );
  }, 120_000);
  afterAll(() => rmSync(out, { recursive: true, force: true }));

  const expected = { sameBits: true, nonZero: true, closed: ['EngagekitError', 'POOL_CLOSED'] };

  it('scores bit for bit as scoreColumns and rejects with POOL_CLOSED under ESM (import)', () => {
    expect(run('check.mjs')).toEqual(expected);
  });

  it('scores bit for bit as scoreColumns and rejects with POOL_CLOSED under CommonJS (require)', () => {
    expect(run('check.cjs')).toEqual(expected);
  });

  it('lets the process exit while an idle pool is left open', () => {
    expect(run('check.mjs', '--leave-open')).toEqual({ ...expected, open: true });
    expect(run('check.cjs', '--leave-open')).toEqual({ ...expected, open: true });
  });
});
