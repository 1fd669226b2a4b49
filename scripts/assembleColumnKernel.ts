import wabtModule from 'wabt';
import { columnKernelWat } from '../src/score/kernel/columnKernelWat.js';

/** The column kernel's WAT text assembled by wabt (validated), as module bytes. */
export async function assembleColumnKernel(): Promise<Uint8Array> {
  const wabt = await wabtModule();
  const module = wabt.parseWat('columnKernel.wat', columnKernelWat());
  try {
    module.validate();
    return module.toBinary({}).buffer;
  } finally {
    module.destroy();
  }
}
