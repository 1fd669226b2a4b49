// The scoring model: decay specs, the model schema, defineModel and parseModel, and the model
// compiled into typed arrays.
export type { Bounds } from './boundsSchema.js';
export { boundsSchema } from './boundsSchema.js';
export type { CompiledModel } from './compileModel.js';
export { compileModel } from './compileModel.js';
export { decayedValue } from './decayedValue.js';
export type {
  DecaySpec,
  ExponentialDecay,
  LinearDecay,
  PermanentDecay,
  StepDecay,
} from './decaySchema.js';
export { decaySchema } from './decaySchema.js';
export { defineModel } from './defineModel.js';
export type { ExponentialOptions } from './exponential.js';
export { exponential } from './exponential.js';
export type { FrequencyCap } from './frequencyCapSchema.js';
export { frequencyCapSchema } from './frequencyCapSchema.js';
export type { ScoreGroup } from './groupsSchema.js';
export { groupsSchema, resetsSchema } from './groupsSchema.js';
export { hasRules } from './hasRules.js';
export type { LinearOptions } from './linear.js';
export { linear } from './linear.js';
export { modelJsonSchema } from './modelJsonSchema.js';
export type {
  Behaviour,
  DefaultSegment,
  Model,
  ModelDefinition,
  Segment,
  SegmentLadder,
  SegmentLevel,
  SegmentsDefinition,
  SegmentThresholds,
} from './modelSchema.js';
export {
  behaviourSchema,
  modelSchema,
  segmentLadderSchema,
  segmentThresholdsSchema,
} from './modelSchema.js';
export { parseModel } from './parseModel.js';
export { permanent } from './permanent.js';
export { step } from './step.js';
