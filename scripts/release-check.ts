// The release checklist of CONTRIBUTING.md, checked: `npm run release:check` (after `npm run
// build`). Fails, listing every problem, unless
//   1. package.json's version is semver and CHANGELOG.md has a section `## [X.Y.Z] - YYYY-MM-DD`
//      for it (not only `## Unreleased`);
//   2. the tag vX.Y.Z exists, or else it prints the commands that create and push it (the last
//      step, after the checks pass);
//   3. `npm publish --dry-run --json` lists exactly the expected files: package.json, README.md,
//      CHANGELOG.md, LICENSE and every file of dist/, and nothing else, including every file the
//      exports map, typesVersions, main, module, types and bin point to.
// The checks are pure functions over what the commands print, tested in
// test/release-check.test.ts; only `main` runs git and npm.
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The files that go beside dist/ in the tarball. */
export const PACKAGE_FILES = ['CHANGELOG.md', 'LICENSE', 'README.md', 'package.json'] as const;

/** Problems with the version and its CHANGELOG section; empty when both are in order. */
export function checkChangelog(version: string, changelog: string): string[] {
  if (!/^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$/.test(version)) {
    return [`package.json: version "${version}" is not X.Y.Z (semver)`];
  }
  const escaped = version.replaceAll('.', '\\.');
  const heading = new RegExp(`^## \\[?${escaped}\\]?(?: - (\\d{4}-\\d{2}-\\d{2}))?\\s*$`, 'm');
  const match = changelog.match(heading);
  if (match === null) {
    return [
      `CHANGELOG.md: no section for ${version}; rename "## Unreleased" to "## [${version}] - YYYY-MM-DD" (and open a new empty Unreleased above it)`,
    ];
  }
  if (match[1] === undefined) {
    return [
      `CHANGELOG.md: the section of ${version} has no date; write "## [${version}] - YYYY-MM-DD"`,
    ];
  }
  const body = changelog.slice((match.index ?? 0) + match[0].length).split(/^## /m)[0] ?? '';
  return /^- /m.test(body) ? [] : [`CHANGELOG.md: the section of ${version} lists no change`];
}

/** The tag of a version, and the next step when it does not exist yet. */
export function checkTag(version: string, tags: readonly string[]): { tag: string; next?: string } {
  const tag = `v${version}`;
  return tags.includes(tag)
    ? { tag }
    : { tag, next: `git tag -a ${tag} -m "engagekit ${version}" && git push origin ${tag}` };
}

/** The paths of the files `npm publish --dry-run --json` (or `npm pack --json`) would publish. */
export function publishedFiles(output: string): string[] {
  const parsed: unknown = JSON.parse(output);
  const report = (
    Array.isArray(parsed)
      ? parsed[0]
      : parsed !== null && typeof parsed === 'object' && !('files' in parsed)
        ? Object.values(parsed)[0]
        : parsed
  ) as { files?: { path: string }[] } | undefined;
  if (report?.files === undefined) throw new Error('npm printed no file list');
  return report.files.map((file) => file.path).sort();
}

/** Every relative path a package.json field points to (exports, typesVersions, main, bin...). */
export function pointedFiles(manifest: Record<string, unknown>): string[] {
  const found = new Set<string>();
  const walk = (value: unknown): void => {
    if (typeof value === 'string') {
      if (value.startsWith('./')) found.add(value.slice(2));
    } else if (Array.isArray(value)) value.forEach(walk);
    else if (value !== null && typeof value === 'object') Object.values(value).forEach(walk);
  };
  for (const field of ['main', 'module', 'types', 'bin', 'exports', 'typesVersions']) {
    walk(manifest[field]);
  }
  return [...found].sort();
}

/** Problems with the published file list against the expected one; empty when they agree. */
export function checkFiles(
  published: readonly string[],
  distFiles: readonly string[],
  manifest: Record<string, unknown>,
): string[] {
  const expected = new Set<string>([...PACKAGE_FILES, ...distFiles.map((file) => `dist/${file}`)]);
  const actual = new Set(published);
  const problems: string[] = [];
  if (distFiles.length === 0) problems.push('dist/ is empty: run npm run build first');
  for (const file of [...actual].sort()) {
    if (!expected.has(file)) problems.push(`npm would publish ${file}, which is not expected`);
  }
  for (const file of [...expected].sort()) {
    if (!actual.has(file)) problems.push(`npm would not publish ${file}`);
  }
  for (const file of pointedFiles(manifest)) {
    if (!actual.has(file)) problems.push(`package.json points to ${file}, which is not published`);
  }
  return problems;
}

function main(): void {
  const manifest = JSON.parse(readFileSync('package.json', 'utf8')) as Record<string, unknown>;
  const version = String(manifest.version);
  const problems = checkChangelog(version, readFileSync('CHANGELOG.md', 'utf8'));
  const distFiles = readdirSync('dist', { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => join(entry.parentPath, entry.name).replace(/^dist\//, ''));
  const output = execFileSync('npm', ['publish', '--dry-run', '--json'], {
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  problems.push(...checkFiles(publishedFiles(output), distFiles, manifest));
  const tags = execFileSync('git', ['tag', '--list'], { encoding: 'utf8' }).split('\n');
  const { tag, next } = checkTag(version, tags);
  if (problems.length > 0) {
    console.error(`release:check: ${problems.length} problem(s) before ${tag}:`);
    for (const problem of problems) console.error(`  - ${problem}`);
    process.exitCode = 1;
    return;
  }
  console.log(
    `release:check: ${version} is ready: CHANGELOG section, ${publishedFiles(output).length} files.`,
  );
  console.log(next === undefined ? `The tag ${tag} exists.` : `Next step: ${next}`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) main();
