import type { CompiledModel } from '../../model/compileModel.js';
import type { EventColumnsInput } from '../EventColumnsInput.js';

/**
 * The arguments of the column kernels (`accumulateColumns`, `accumulateColumnsWasm`) but their
 * accumulators: the model's constants, the columns and the range `[from, to)` of events to score
 * at `time`. The columns must have passed `checkColumnTypes`.
 */
export function columnKernelInput(
  compiled: CompiledModel,
  columns: EventColumnsInput,
  from: number,
  to: number,
  time: number,
) {
  return [
    compiled.kind,
    compiled.boost,
    compiled.end,
    compiled.span,
    compiled.halfLife,
    compiled.slot,
    compiled.slotsPerCustomer,
    columns.customer,
    columns.behaviour,
    columns.at,
    columns.weight,
    from,
    to,
    time,
  ] as const;
}
