export type { EventsArbitraryOptions } from './eventsArbitrary.js';
export { eventsArbitrary } from './eventsArbitrary.js';
export type { ModelArbitraryOptions } from './modelArbitrary.js';
export { decayArbitrary, modelArbitrary } from './modelArbitrary.js';
