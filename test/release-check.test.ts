import { describe, expect, it } from 'vitest';
import {
  checkChangelog,
  checkFiles,
  checkTag,
  pointedFiles,
  publishedFiles,
} from '../scripts/release-check.js';

const CHANGELOG = `# Changelog

## Unreleased

## [0.2.0] - 2026-12-04

### Added

- Something users see (issue 17).

## [0.1.0] - 2026-11-01

### Added

- The first release.
`;

const MANIFEST = {
  main: './dist/index.cjs',
  types: './dist/index.d.cts',
  bin: { engagekit: './dist/cli/main.js' },
  exports: {
    '.': { import: { types: './dist/index.d.ts', default: './dist/index.js' } },
    './package.json': './package.json',
  },
  typesVersions: { '*': { node: ['./dist/node.d.cts'] } },
};
const DIST = ['index.cjs', 'index.d.cts', 'index.d.ts', 'index.js', 'node.d.cts', 'cli/main.js'];
const PUBLISHED = [
  'CHANGELOG.md',
  'LICENSE',
  'README.md',
  'package.json',
  ...DIST.map((file) => `dist/${file}`),
];

describe('release:check, the version and its CHANGELOG section', () => {
  it('accepts a version with a dated section that lists changes', () => {
    expect(checkChangelog('0.2.0', CHANGELOG)).toEqual([]);
    expect(checkChangelog('0.1.0', CHANGELOG)).toEqual([]);
  });

  it('asks to rename Unreleased when the version has no section', () => {
    expect(checkChangelog('0.3.0', CHANGELOG)).toEqual([
      'CHANGELOG.md: no section for 0.3.0; rename "## Unreleased" to "## [0.3.0] - YYYY-MM-DD" (and open a new empty Unreleased above it)',
    ]);
    // 0.2.0 must not match 0.2.01 nor 0x2y0.
    expect(checkChangelog('0.2.0', CHANGELOG.replace('[0.2.0]', '[0x2y0]'))).toHaveLength(1);
  });

  it('refuses a section without a date, an empty section and a version that is not semver', () => {
    expect(checkChangelog('0.2.0', CHANGELOG.replace('[0.2.0] - 2026-12-04', '[0.2.0]'))).toEqual([
      'CHANGELOG.md: the section of 0.2.0 has no date; write "## [0.2.0] - YYYY-MM-DD"',
    ]);
    expect(
      checkChangelog('0.2.0', CHANGELOG.replace('- Something users see (issue 17).', '')),
    ).toEqual(['CHANGELOG.md: the section of 0.2.0 lists no change']);
    expect(checkChangelog('1.0', CHANGELOG)).toEqual([
      'package.json: version "1.0" is not X.Y.Z (semver)',
    ]);
  });
});

describe('release:check, the tag', () => {
  it('is done when vX.Y.Z exists, else prints the commands that create and push it', () => {
    expect(checkTag('0.2.0', ['v0.1.0', 'v0.2.0'])).toEqual({ tag: 'v0.2.0' });
    expect(checkTag('0.2.0', ['v0.1.0', '0.2.0'])).toEqual({
      tag: 'v0.2.0',
      next: 'git tag -a v0.2.0 -m "engagekit 0.2.0" && git push origin v0.2.0',
    });
  });
});

describe('release:check, the published files', () => {
  it('reads the file list of npm publish --dry-run --json in its shapes (by name, array, plain)', () => {
    const report = { name: 'engagekit', files: [{ path: 'b' }, { path: 'a' }] };
    expect(publishedFiles(JSON.stringify({ engagekit: report }))).toEqual(['a', 'b']);
    expect(publishedFiles(JSON.stringify([report]))).toEqual(['a', 'b']);
    expect(publishedFiles(JSON.stringify(report))).toEqual(['a', 'b']);
    expect(() => publishedFiles('{}')).toThrow('npm printed no file list');
  });

  it('collects every file package.json points to', () => {
    expect(pointedFiles(MANIFEST)).toEqual([
      'dist/cli/main.js',
      'dist/index.cjs',
      'dist/index.d.cts',
      'dist/index.d.ts',
      'dist/index.js',
      'dist/node.d.cts',
      'package.json',
    ]);
  });

  it('accepts exactly the package files and dist/', () => {
    expect(checkFiles(PUBLISHED, DIST, MANIFEST)).toEqual([]);
  });

  it('names a file too many, a file missing, a target not published and an empty dist/', () => {
    const published = [...PUBLISHED.filter((file) => file !== 'LICENSE'), 'src/index.ts'];
    expect(checkFiles(published, DIST, MANIFEST)).toEqual([
      'npm would publish src/index.ts, which is not expected',
      'npm would not publish LICENSE',
    ]);
    const withoutNode = PUBLISHED.filter((file) => file !== 'dist/node.d.cts');
    expect(
      checkFiles(
        withoutNode,
        DIST.filter((file) => file !== 'node.d.cts'),
        MANIFEST,
      ),
    ).toEqual(['package.json points to dist/node.d.cts, which is not published']);
    expect(checkFiles(PUBLISHED.slice(0, 4), [], MANIFEST)).toContain(
      'dist/ is empty: run npm run build first',
    );
  });
});
