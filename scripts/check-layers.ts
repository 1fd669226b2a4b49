// Checks the layout rules of CONTRIBUTING.md ("Layout"): the dependency rules of
// .dependency-cruiser.cjs (no circles, imports only down the layers, node: modules only in cli/
// and node/, nothing imports cli/node/testing, no _lib helper re-exported), and that every
// index.ts only re-exports, each domain's opening with one sentence on what the domain is.
// `npm run check:layers`; CI runs it, and test/layout.test.ts runs it with the suite.
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const root = fileURLToPath(new URL('..', import.meta.url));

function indexFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return indexFiles(path);
    return entry.name === 'index.ts' ? [path] : [];
  });
}

/** Problems of the index.ts files: anything but re-exports, or a domain index with no opening sentence. */
export function indexProblems(base = root): string[] {
  const problems: string[] = [];
  for (const file of indexFiles(join(base, 'src'))) {
    const name = relative(base, file);
    const text = readFileSync(file, 'utf8');
    const source = ts.createSourceFile(file, text, ts.ScriptTarget.ES2022, true);
    for (const statement of source.statements) {
      if (!ts.isExportDeclaration(statement) || statement.moduleSpecifier === undefined) {
        const { line } = source.getLineAndCharacterOfPosition(statement.getStart());
        problems.push(`${name}:${line + 1}: an index.ts only re-exports (export ... from '...')`);
      }
    }
    const isDomainIndex = name !== join('src', 'index.ts');
    const comment = (ts.getLeadingCommentRanges(text, 0) ?? [])
      .map((range) => text.slice(range.pos, range.end))
      .join(' ');
    if (isDomainIndex && !/[A-Za-z].*\./s.test(comment)) {
      problems.push(`${name}:1: open with a comment of one sentence saying what the domain is`);
    }
  }
  return problems;
}

/**
 * The dependency-cruiser violations of `base/src` (a tree with a tsconfig.json), as its "err"
 * report; empty when there are none.
 */
export function dependencyProblems(base = root): string[] {
  const run = spawnSync(
    process.execPath,
    [
      join(root, 'node_modules/dependency-cruiser/bin/dependency-cruise.mjs'),
      'src',
      '--config',
      join(root, '.dependency-cruiser.cjs'),
      '--output-type',
      'err',
    ],
    { cwd: base, encoding: 'utf8' },
  );
  if (run.status === 0) return [];
  return [`${run.stdout}${run.stderr}`.trim()];
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const problems = [...dependencyProblems(), ...indexProblems()];
  for (const problem of problems) console.error(problem);
  if (problems.length > 0) process.exit(1);
  console.log('check-layers: the layers, the index files and the node: rule hold');
}
