// fast-check arbitraries for host test suites (the engagekit/testing subpath).

export type { ArbitraryMagnitude } from './ArbitraryMagnitude.js';
export type { ActivityArbitraryOptions } from './activityArbitrary.js';
export { activityArbitrary } from './activityArbitrary.js';
export type { CustomerStreamArbitraryOptions } from './customerStreamArbitrary.js';
export { customerStreamArbitrary } from './customerStreamArbitrary.js';
export type { EventsArbitraryOptions } from './eventsArbitrary.js';
export { eventsArbitrary } from './eventsArbitrary.js';
export type { ModelArbitraryOptions } from './modelArbitrary.js';
export { decayArbitrary, modelArbitrary } from './modelArbitrary.js';
export type { ResponsesArbitraryOptions } from './surveyArbitraries.js';
export { csatResponsesArbitrary, npsResponsesArbitrary } from './surveyArbitraries.js';
