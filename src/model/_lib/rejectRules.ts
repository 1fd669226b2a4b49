import { EngagekitError } from '../../errors/EngagekitError.js';
import type { CompiledModel } from '../compileModel.js';
import { ruleNames } from './compileRules.js';

/**
 * Throws `UNSUPPORTED` when a compiled model has rules that the path `fn` cannot honour, naming
 * the rules and what to use instead; returns otherwise. @internal
 */
export function rejectRules(compiled: CompiledModel, fn: string, instead = 'scoreAt'): void {
  if (compiled.rules === undefined) return;
  throw new EngagekitError(
    'UNSUPPORTED',
    `${fn}: does not support the model's scoring rules (${ruleNames(compiled.model).join(', ')}); score this model with ${instead}, or remove the rules`,
    ['model'],
  );
}
