import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';

/** One fenced code block of an `@example` tag. */
export interface DocExample {
  readonly file: string;
  readonly line: number;
  readonly owner: string;
  readonly code: string;
}

/** Every `.ts` file under `dir`, tests excluded. */
export function sourceFiles(dir: string): string[] {
  const files: string[] = [];
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) files.push(...sourceFiles(path));
    else if (/\.ts$/.test(name) && !/\.test(-prop|-d)?\.ts$/.test(name)) files.push(path);
  }
  return files.sort();
}

/** The code blocks of every `@example` in a file's doc comments. */
export function extractExamples(file: string, root: string): DocExample[] {
  const text = readFileSync(file, 'utf8');
  const examples: DocExample[] = [];
  const comment = /\/\*\*([\s\S]*?)\*\//g;
  for (let match = comment.exec(text); match !== null; match = comment.exec(text)) {
    const body = match[1]!.split('\n').map((line) => line.replace(/^\s*\* ?/, ''));
    const after = text.slice(match.index + match[0].length, match.index + match[0].length + 200);
    const owner =
      /(?:function|const|class|interface|type)\s+([A-Za-z0-9_$]+)/.exec(after)?.[1] ?? '?';
    const startLine = text.slice(0, match.index).split('\n').length;
    let inExample = false;
    let block: string[] | undefined;
    let blockLine = 0;
    body.forEach((line, offset) => {
      if (/^@example\b/.test(line)) inExample = true;
      else if (/^@\w+/.test(line) && block === undefined) inExample = false;
      if (!inExample) return;
      if (block === undefined && /^```(ts|typescript)?\s*$/.test(line)) {
        block = [];
        blockLine = startLine + offset + 1;
      } else if (block !== undefined && /^```\s*$/.test(line)) {
        examples.push({
          file: relative(root, file),
          line: blockLine,
          owner,
          code: block.join('\n'),
        });
        block = undefined;
      } else if (block !== undefined) block.push(line);
    });
  }
  return examples;
}

/** The ```ts code blocks of a Markdown guide: every one of them is a runnable example. */
export function extractMarkdownExamples(file: string, root: string): DocExample[] {
  const lines = readFileSync(file, 'utf8').split('\n');
  const examples: DocExample[] = [];
  let block: string[] | undefined;
  let blockLine = 0;
  lines.forEach((line, index) => {
    if (block === undefined && /^```(ts|typescript)\s*$/.test(line)) {
      block = [];
      blockLine = index + 2;
    } else if (block !== undefined && /^```\s*$/.test(line)) {
      examples.push({
        file: relative(root, file),
        line: blockLine,
        owner: 'markdown',
        code: block.join('\n'),
      });
      block = undefined;
    } else if (block !== undefined) block.push(line);
  });
  return examples;
}

/** Every Markdown file of the guides, and the README. */
export function markdownFiles(root: string): string[] {
  const docs = join(root, 'docs');
  const guides = readdirSync(docs, { recursive: true })
    .map(String)
    .filter((name) => name.endsWith('.md') && !name.startsWith('api'))
    .map((name) => join(docs, name));
  return [join(root, 'README.md'), ...guides.sort()];
}

/**
 * Rewrites an example so that every `expression; // => expected` becomes a checked assertion.
 * Multi-line expectations continue on the following `//` lines. Returns the JavaScript to run and
 * how many assertions it holds.
 */
export function instrument(code: string): { js: string; assertions: number } {
  const source = ts.createSourceFile('example.ts', code, ts.ScriptTarget.ES2022, true);
  const edits: { start: number; end: number; text: string }[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isExpressionStatement(node)) {
      const expected = expectationAfter(code, node.getEnd());
      if (expected !== undefined) {
        const expression = node.expression.getText(source);
        edits.push({
          start: node.getStart(source),
          end: node.getEnd(),
          text: `__check((${expression}), (${expected.text}), ${JSON.stringify(expression)});`,
        });
        return;
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  let rewritten = code;
  for (const edit of edits.sort((a, b) => b.start - a.start)) {
    rewritten = rewritten.slice(0, edit.start) + edit.text + rewritten.slice(edit.end);
  }
  rewritten = rewritten.replace(
    /import\s+\*\s+as\s+(\w+)\s+from\s*'([\w@/-]+)';?/g,
    (_all, name: string, from: string) => `const ${name} = __modules[${JSON.stringify(from)}];`,
  );
  rewritten = rewritten.replace(
    /import\s+(type\s+)?\{([^}]*)\}\s*from\s*'([\w@/-]+)';?/g,
    (_all, typeOnly: string | undefined, names: string, from: string) =>
      typeOnly
        ? ''
        : `const {${names
            .split(',')
            .map((name) => name.trim())
            .filter((name) => name !== '' && !name.startsWith('type '))
            .map((name) => name.replace(/\s+as\s+/, ': '))
            .join(', ')}} = __modules[${JSON.stringify(from)}];`,
  );
  const js = ts.transpileModule(rewritten, {
    compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext },
  }).outputText;
  return { js, assertions: edits.length };
}

/** The `// => ...` comment right after a statement, joined with its continuation lines. */
function expectationAfter(code: string, end: number): { text: string } | undefined {
  const rest = code.slice(end);
  const first = /^[ \t]*(?:\n[ \t]*)?\/\/ =>(.*)/.exec(rest);
  if (first === null) return undefined;
  const lines = [first[1]!];
  let position = first[0].length;
  for (;;) {
    const next = /^\n[ \t]*\/\/(?! =>)(.*)/.exec(rest.slice(position));
    if (next === null || lines.at(-1)!.trim() === '' || !isOpen(lines.join('\n'))) break;
    lines.push(next[1]!);
    position += next[0].length;
  }
  return { text: lines.join('\n') };
}

/** Whether brackets are still open, so the expectation continues on the next comment line. */
function isOpen(text: string): boolean {
  let depth = 0;
  for (const char of text.replace(/'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*"/g, '')) {
    if ('([{'.includes(char)) depth++;
    else if (')]}'.includes(char)) depth--;
  }
  return depth > 0;
}
