import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { dependencyProblems, indexProblems } from '../scripts/check-layers.js';

describe('the layout rules (scripts/check-layers.ts, also run by CI)', () => {
  it('hold for the source tree: no circle, imports down the layers only, node: only in cli/ and node/, index files only re-export', () => {
    expect(dependencyProblems()).toEqual([]);
    expect(indexProblems()).toEqual([]);
  });

  describe('catch each kind of violation in a tree made to break them', () => {
    const base = mkdtempSync(join(tmpdir(), 'engagekit-layers-'));
    afterAll(() => rmSync(base, { recursive: true, force: true }));
    const files: Record<string, string> = {
      'tsconfig.json': JSON.stringify({
        compilerOptions: { module: 'ESNext', moduleResolution: 'Bundler', strict: true },
      }),
      // a circle, and score importing segment (up the layers)
      'src/score/scoreThing.ts':
        "import { segmentThing } from '../segment/segmentThing.js';\nexport const scoreThing = () => segmentThing;\n",
      'src/segment/segmentThing.ts':
        "import { scoreThing } from '../score/scoreThing.js';\nexport const segmentThing = () => scoreThing;\n",
      // survey standing on the model
      'src/survey/surveyThing.ts':
        "import { modelThing } from '../model/modelThing.js';\nexport const surveyThing = modelThing;\n",
      // a node: module in the core
      'src/model/modelThing.ts':
        "import { readFileSync } from 'node:fs';\nexport const modelThing = readFileSync;\n",
      // the core importing the CLI
      'src/time/timeThing.ts':
        "import { cliThing } from '../cli/cliThing.js';\nexport const timeThing = cliThing;\n",
      'src/cli/cliThing.ts': 'export const cliThing = 1;\n',
      // an index that computes, one with no opening sentence that re-exports a private helper
      'src/math/index.ts': '// Numerics.\nexport const answer = 42;\n',
      'src/errors/index.ts': "export { helper } from './_lib/helper.js';\n",
      'src/errors/_lib/helper.ts': 'export const helper = 1;\n',
    };
    for (const [path, text] of Object.entries(files)) {
      mkdirSync(dirname(join(base, path)), { recursive: true });
      writeFileSync(join(base, path), text);
    }

    const report = dependencyProblems(base).join('\n');
    it.each([
      ['no-circular', 'src/score/scoreThing.ts'],
      ['layer-score', 'src/score/scoreThing.ts → src/segment/segmentThing.ts'],
      ['layer-survey', 'src/survey/surveyThing.ts → src/model/modelThing.ts'],
      ['node-only-in-cli-and-node', 'src/model/modelThing.ts → fs'],
      ['nothing-imports-cli', 'src/time/timeThing.ts → src/cli/cliThing.ts'],
      ['private-helpers-stay-private', 'src/errors/index.ts → src/errors/_lib/helper.ts'],
    ])('%s: %s', (rule, where) => {
      expect(report).toContain(`error ${rule}: ${where}`);
    });

    it('an index.ts that does more than re-export, or opens with no sentence', () => {
      expect(indexProblems(base)).toEqual([
        expect.stringMatching(/^src\/errors\/index\.ts:1: open with a comment/),
        "src/math/index.ts:2: an index.ts only re-exports (export ... from '...')",
      ]);
    });
  });
});
