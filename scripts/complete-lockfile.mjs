// Completes package-lock.json with the platform-specific optional packages npm could not record.
//
// Our registry mirror serves only the binaries of the platforms we run on (linux-x64), so
// `npm install` leaves out, say, @biomejs/cli-darwin-arm64; `npm ci` then refuses the lock file
// ("Missing: @biomejs/cli-darwin-arm64@ from lock file", see npm/cli#8320). This adds an entry
// for each missing optional dependency with the exact version its parent pins, marked optional
// (and dev when the parent is), so `npm ci` validates and skips them on platforms that do not
// match, as it would on the public registry. Run it after every `npm install`:
//   npm install && node scripts/complete-lockfile.mjs
import { readFileSync, writeFileSync } from 'node:fs';

const path = new URL('../package-lock.json', import.meta.url);
const lock = JSON.parse(readFileSync(path, 'utf8'));
const packages = lock.packages;
let added = 0;

for (const [location, entry] of Object.entries(packages)) {
  for (const [name, spec] of Object.entries(entry.optionalDependencies ?? {})) {
    const nested = `${location === '' ? '' : `${location}/`}node_modules/${name}`;
    if (packages[nested] !== undefined || packages[`node_modules/${name}`] !== undefined) continue;
    if (!/^\d+\.\d+\.\d+(-[\w.]+)?$/.test(spec)) {
      throw new Error(`${location}: optional ${name}@${spec} is missing and not pinned exactly`);
    }
    packages[`node_modules/${name}`] = {
      version: spec,
      ...(entry.dev ? { dev: true } : {}),
      optional: true,
    };
    added++;
  }
}

const sorted = Object.fromEntries(
  Object.entries(packages).sort(([a], [b]) => (a === '' ? -1 : b === '' ? 1 : a.localeCompare(b))),
);
lock.packages = sorted;
writeFileSync(path, `${JSON.stringify(lock, null, 2)}\n`);
console.log(`complete-lockfile: added ${added} optional platform package entries`);
