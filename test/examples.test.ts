import { execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('..', import.meta.url));
const examples = readdirSync(new URL('../examples', import.meta.url)).filter((name) =>
  name.endsWith('.ts'),
);

/**
 * Every program in examples/ runs as a reader would run it (tsx, importing 'engagekit' from this
 * checkout) and prints exactly what examples/output/<name>.txt records. Examples never read the
 * clock, so their output is the same on every machine.
 */
describe('every example in examples/ runs and prints what examples/output records', () => {
  it('has examples to run', () => {
    expect(examples).toContain('demo.ts');
  });

  for (const name of examples) {
    it(`${name} prints its recorded output`, async () => {
      const output = execFileSync(process.execPath, ['--import', 'tsx', `examples/${name}`], {
        cwd: root,
        encoding: 'utf8',
        timeout: 120_000,
        env: { ...process.env, TZ: 'UTC', NO_COLOR: '1' },
      });
      await expect(output).toMatchFileSnapshot(
        `../examples/output/${name.replace(/\.ts$/, '.txt')}`,
      );
    });
  }
});
