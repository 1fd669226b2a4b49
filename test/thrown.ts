import { EngagekitError } from '../src/errors/EngagekitError.js';

/** The EngagekitError that `run` throws; fails the test when it throws nothing or something else. */
export function thrown(run: () => unknown): EngagekitError {
  try {
    run();
  } catch (error) {
    if (error instanceof EngagekitError) return error;
    throw error;
  }
  throw new Error('expected an EngagekitError');
}
