import { EngagekitError } from '../../errors/EngagekitError.js';
import type { CompiledModel } from '../compileModel.js';
import { ruleNames } from './compileRules.js';

/**
 * Throws `UNSUPPORTED` when a compiled model has frequency caps or resets, the rules that decide
 * which events count (a path that folds events into sums as they come cannot tell which will
 * count), naming them; bounds and groups, which act on the totals, pass. @internal
 */
export function rejectEventRules(compiled: CompiledModel, fn: string): void {
  if (compiled.rules === undefined) return;
  const names = ruleNames(compiled.model).filter((name) => name !== 'groups' && name !== 'bounds');
  if (names.length === 0) return;
  throw new EngagekitError(
    'UNSUPPORTED',
    `${fn}: does not support frequency caps or resets (${names.join(', ')}): which events count depends on events that may arrive later; score this model with scoreAt or scoreColumns, or remove them (bounds and groups are supported)`,
    ['model'],
  );
}
