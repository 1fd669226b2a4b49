import { describe, expect, it } from 'vitest';
import { assembleColumnKernel } from '../../../scripts/assembleColumnKernel.js';
import { webAssembly } from '../../../test/webAssemblyApi.js';
import { columnKernelBytes } from './columnKernelWasm.js';

describe('columnKernelWasm', () => {
  it('holds exactly the module that wabt assembles from columnKernelWat.ts (run npm run build:wasm if not)', async () => {
    expect(columnKernelBytes()).toEqual(await assembleColumnKernel());
  });

  it('is a module exporting the blocked and plain kernels for 8- and 16-bit behaviours', () => {
    const module = new webAssembly.Module(columnKernelBytes());
    expect(webAssembly.Module.exports(module).map((entry) => entry.name)).toEqual([
      'blocked8',
      'plain8',
      'blocked16',
      'plain16',
    ]);
    expect(webAssembly.Module.imports(module)).toEqual([
      { module: 'env', name: 'memory', kind: 'memory' },
    ]);
  });
});
