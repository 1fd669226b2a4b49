import { mkdirSync, mkdtempSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'tsup';

const root = fileURLToPath(new URL('..', import.meta.url));

/**
 * Builds the CLI exactly as `npm run build` does (tsup, ESM, Node platform) into a new temporary
 * folder inside the checkout (so that the bundle resolves its dependencies from node_modules), and
 * returns the folder and the path of the built `main.js`.
 */
export async function buildCli(prefix: string): Promise<{ dir: string; cli: string }> {
  mkdirSync(join(root, '.tmp'), { recursive: true });
  const dir = mkdtempSync(join(root, `.tmp/${prefix}-`));
  await build({
    config: false,
    entry: { main: join(root, 'src/cli/main.ts') },
    outDir: dir,
    format: ['esm'],
    platform: 'node',
    target: 'node20',
    silent: true,
  });
  return { dir, cli: join(dir, 'main.js') };
}
