/**
 * The public API of each package entry as a sorted list of exported names with their kind
 * (value or type), read with the TypeScript compiler from the source entries. The layout test
 * compares it with test/fixtures/public-api.json, so that moving files cannot change what users
 * import. `tsx scripts/public-api.ts --write` records a deliberate change.
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

export const ENTRIES = {
  engagekit: 'src/index.ts',
  'engagekit/testing': 'src/testing/index.ts',
  'engagekit/node': 'src/node/index.ts',
} as const;

const root = fileURLToPath(new URL('..', import.meta.url));

/** `{ entry: ['name (value)', 'Type (type)', ...] }` for every entry, names sorted. */
export function publicApi(): Record<string, string[]> {
  const files = Object.values(ENTRIES).map((file) => `${root}${file}`);
  const program = ts.createProgram(files, {
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    target: ts.ScriptTarget.ES2022,
    noEmit: true,
    skipLibCheck: true,
    types: [],
  });
  const checker = program.getTypeChecker();
  const result: Record<string, string[]> = {};
  for (const [entry, file] of Object.entries(ENTRIES)) {
    const source = program.getSourceFile(`${root}${file}`);
    const symbol = source && checker.getSymbolAtLocation(source);
    if (!symbol) throw new Error(`public-api: cannot read ${file}`);
    result[entry] = checker
      .getExportsOfModule(symbol)
      .map((exported) => {
        const target =
          exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported;
        const isValue = (target.flags & ts.SymbolFlags.Value) !== 0;
        return `${exported.name} (${isValue ? 'value' : 'type'})`;
      })
      .sort();
  }
  return result;
}

if (process.argv.includes('--write')) {
  writeFileSync(
    `${root}test/fixtures/public-api.json`,
    `${JSON.stringify(publicApi(), null, 2)}\n`,
  );
}
