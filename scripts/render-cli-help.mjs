// Rewrites the `--help` blocks of docs/cli.md from the built command (run `npm run build` first):
// `node scripts/render-cli-help.mjs`. test/cli.test.ts checks that the page matches.
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';

const page = 'docs/cli.md';
let text = readFileSync(page, 'utf8');
for (const command of [[], ['score'], ['nps'], ['csat'], ['retention'], ['save-list']]) {
  const help = execFileSync(process.execPath, ['dist/cli/main.js', ...command, '--help'], {
    encoding: 'utf8',
  });
  const heading = `## engagekit ${[...command, '--help'].join(' ')}\n\n\`\`\`text\n`;
  const start = text.indexOf(heading);
  if (start < 0) throw new Error(`${page} has no section "${heading.trim()}"`);
  const from = start + heading.length;
  const to = text.indexOf('```\n', from);
  text = text.slice(0, from) + help + text.slice(to);
}
writeFileSync(page, text);
