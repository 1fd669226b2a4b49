export * from './errors/index.js';
export * from './model/index.js';
export * from './score/index.js';
export * from './segment/index.js';
export * from './time/index.js';
export * from './validity/index.js';
