// Packs the package as npm would publish it and checks the tarball with publint and
// @arethetypeswrong/cli. Fails on any warning, so a broken exports map cannot ship.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// The core bundle (and the testing subpath) must run in browsers and edge runtimes.
for (const file of readdirSync('dist', { recursive: true })) {
  const name = String(file);
  if (!/\.(c?js)$/.test(name) || name.startsWith('cli') || name.startsWith('node')) continue;
  const code = readFileSync(join('dist', name), 'utf8');
  if (/(from\s*|require\(\s*|import\(\s*)["']node:/.test(code)) {
    throw new Error(`dist/${name} imports a node: module; only the cli and node entries may`);
  }
}

const dir = mkdtempSync(join(tmpdir(), 'engagekit-pack-'));
const run = (command, args) => execFileSync(command, args, { stdio: 'inherit' });
try {
  const output = execFileSync('npm', ['pack', '--json', '--pack-destination', dir], {
    encoding: 'utf8',
  });
  const [{ filename }] = JSON.parse(output);
  const tarball = join(dir, filename);
  run('npx', ['--no-install', 'publint', 'run', '--strict', tarball]);
  // Every profile, node10 included: TypeScript with moduleResolution node10 ignores the exports
  // map and finds engagekit/testing and engagekit/node through typesVersions.
  run('npx', ['--no-install', 'attw', '--profile', 'strict', tarball]);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
