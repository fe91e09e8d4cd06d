// nestjs-social/testing: helpers for apps' own tests.
export { InMemoryConnectionRepository } from './in-memory-connection.repository.js';
export { InMemoryConnectionAuditLog } from './in-memory-audit-log.js';
export { InMemoryRevocationQueue } from './in-memory-revocation-queue.js';
