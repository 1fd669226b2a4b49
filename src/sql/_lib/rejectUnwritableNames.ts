import type { EngagekitIssue } from '../../errors/EngagekitError.js';
import { errorOfIssues } from '../../errors/errorOfIssues.js';
import type { CompiledModel } from '../../model/compileModel.js';
import type { Model } from '../../model/modelSchema.js';
import { hasUnwritableCharacter } from '../dialects.js';

/** Where the `index`-th segment name of the model's ladder is written in its configuration. */
function segmentNamePath(model: Model, index: number): (string | number)[] {
  const segments = model.segments;
  if (!('levels' in segments)) return ['model', 'segments'];
  return index < segments.levels.length
    ? ['model', 'segments', 'levels', index, 'name']
    : ['model', 'segments', 'below'];
}

/**
 * Throws `INVALID_MODEL` listing every behaviour id, and every segment name in `segmentNames`
 * (the ladder's, when the query writes them), that holds a control character or an unpaired
 * surrogate, which no dialect can be trusted to quote; returns otherwise.
 */
export function rejectUnwritableNames(
  fn: string,
  compiled: CompiledModel,
  segmentNames: readonly string[],
): void {
  const problems: EngagekitIssue[] = [];
  for (const id of compiled.behaviourIds) {
    if (hasUnwritableCharacter(id)) {
      problems.push({
        message: `${fn}: behaviour id ${JSON.stringify(id)} holds a control character or an unpaired surrogate, which cannot be written into SQL safely; rename the behaviour`,
        path: ['model', 'behaviours', id],
      });
    }
  }
  segmentNames.forEach((name, index) => {
    if (hasUnwritableCharacter(name)) {
      problems.push({
        message: `${fn}: segment name ${JSON.stringify(name)} holds a control character or an unpaired surrogate, which cannot be written into SQL safely; rename the segment`,
        path: segmentNamePath(compiled.model, index),
      });
    }
  });
  const [first, ...rest] = problems;
  if (first !== undefined) throw errorOfIssues('INVALID_MODEL', [first, ...rest]);
}
