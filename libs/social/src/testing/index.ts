// nestjs-social/testing: helpers for apps' own tests.
export { InMemoryConnectionRepository } from './in-memory-connection.repository.js';
