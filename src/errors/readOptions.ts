import { EngagekitError } from './EngagekitError.js';
import { describeValue } from './formatPath.js';

/**
 * Reads the options argument of public function `fn`, the one reader every function with an
 * options argument uses: `undefined` (left out) is `{}`; an object is itself; anything else
 * (`null`, a number, a string) throws `INVALID_OPTION` at path `['options']`, naming `example`
 * (such as `{ grace: { days: 3 } }`) as what to pass. @internal
 */
export function readOptions<Options extends object>(
  options: unknown,
  fn: string,
  example: string,
): Options {
  if (options === undefined) return {} as Options;
  if (options !== null && typeof options === 'object') return options as Options;
  throw new EngagekitError(
    'INVALID_OPTION',
    `${fn}: options must be an object such as ${example} or left out, got ${describeValue(options)}`,
    ['options'],
  );
}
