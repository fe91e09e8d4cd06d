// Vitest globalSetup: a PostgreSQL server for the run (see ./postgres.ts).
export { setup, teardown } from './postgres.js';
