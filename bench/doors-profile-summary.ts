/**
 * Self time by function (and by source file) of a V8 `.cpuprofile`, largest first:
 * `npx tsx bench/doors-profile-summary.ts <file.cpuprofile> [rows]`.
 */
import { readFileSync } from 'node:fs';

interface ProfileNode {
  readonly id: number;
  readonly callFrame: { functionName: string; url: string; lineNumber: number };
}
interface Profile {
  readonly nodes: readonly ProfileNode[];
  readonly samples: readonly number[];
  readonly timeDeltas: readonly number[];
}

const [file, rowsArg = '25'] = process.argv.slice(2);
const profile = JSON.parse(readFileSync(file!, 'utf8')) as Profile;
const byId = new Map(profile.nodes.map((node) => [node.id, node]));
const byFunction = new Map<string, number>();
const byFile = new Map<string, number>();
let total = 0;
profile.samples.forEach((id, i) => {
  const delta = profile.timeDeltas[i] ?? 0;
  const frame = byId.get(id)!.callFrame;
  const where = frame.url.replace(/^.*\/(src|bench|node_modules)\//, '$1/');
  const name = `${frame.functionName || '(anonymous)'} ${where}:${frame.lineNumber + 1}`;
  byFunction.set(name, (byFunction.get(name) ?? 0) + delta);
  byFile.set(where || frame.functionName, (byFile.get(where || frame.functionName) ?? 0) + delta);
  total += delta;
});
const print = (title: string, map: Map<string, number>) => {
  console.log(`\n| ${title} | ms | share |\n|---|---:|---:|`);
  for (const [name, us] of [...map].sort((a, b) => b[1] - a[1]).slice(0, Number(rowsArg))) {
    console.log(`| ${name} | ${(us / 1000).toFixed(0)} | ${((100 * us) / total).toFixed(1)}% |`);
  }
};
console.log(`total sampled: ${(total / 1000).toFixed(0)} ms`);
print('function (self time)', byFunction);
print('file (self time)', byFile);
