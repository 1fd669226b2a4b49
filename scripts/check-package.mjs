// Packs the package as npm would publish it and checks the tarball with publint and
// @arethetypeswrong/cli. Fails on any warning, so a broken exports map cannot ship.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const dir = mkdtempSync(join(tmpdir(), 'engagekit-pack-'));
const run = (command, args) => execFileSync(command, args, { stdio: 'inherit' });
try {
  const output = execFileSync('npm', ['pack', '--json', '--pack-destination', dir], {
    encoding: 'utf8',
  });
  const [{ filename }] = JSON.parse(output);
  const tarball = join(dir, filename);
  run('npx', ['--no-install', 'publint', 'run', '--strict', tarball]);
  run('npx', ['--no-install', 'attw', tarball]);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
