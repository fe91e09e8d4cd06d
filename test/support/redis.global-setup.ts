// Vitest globalSetup: a Redis server for the run (see ./redis.ts).
export { setup, teardown } from './redis.js';
