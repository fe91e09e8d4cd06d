import { describe, expect, it } from 'vitest';
import { QueryFailedError } from 'typeorm';
import { isInfrastructureFailure } from './infrastructure-error.util.js';

const queryFailed = (code: string) =>
  new QueryFailedError('SELECT 1', [], Object.assign(new Error('driver'), { code }));

describe('isInfrastructureFailure', () => {
  it.each([
    'SQLITE_BUSY',
    'SQLITE_READONLY',
    'SQLITE_IOERR_WRITE',
    '08006',
    '57P01',
    '53300',
    '40P01',
  ])('a database outage (%s) is one', (code) => {
    expect(isInfrastructureFailure(queryFailed(code))).toBe(true);
  });

  it.each(['SQLITE_ERROR', 'SQLITE_CONSTRAINT_NOTNULL', '42P01', '42601', '23502'])(
    'a bug in a query or the schema (%s) is not: it stays a 500 to fix',
    (code) => {
      expect(isInfrastructureFailure(queryFailed(code))).toBe(false);
    },
  );

  it('recognises the session store and lost connections by name, and network errors by code', () => {
    expect(
      isInfrastructureFailure(Object.assign(new Error('x'), { name: 'SessionStoreError' })),
    ).toBe(true);
    expect(isInfrastructureFailure(Object.assign(new Error('x'), { code: 'ECONNREFUSED' }))).toBe(
      true,
    );
    expect(isInfrastructureFailure(new TypeError('x'))).toBe(false);
    expect(isInfrastructureFailure(null)).toBe(false);
  });

  it.each([
    [
      'node-postgres, a connection the server closed',
      new Error('Connection terminated unexpectedly'),
    ],
    ['node-postgres, a connection that ended', new Error('Connection ended unexpectedly')],
    ['node-postgres, no connection in time', new Error('timeout exceeded when trying to connect')],
    [
      'a TypeORM query on a lost connection',
      new QueryFailedError('SELECT 1', [], new Error('Connection terminated')),
    ],
    [
      'knex, no pooled connection in time',
      Object.assign(new Error('Knex: Timeout acquiring a connection.'), {
        name: 'KnexTimeoutError',
      }),
    ],
  ])('recognises %s without a code', (_label, error) => {
    expect(isInfrastructureFailure(error)).toBe(true);
  });

  it('does not take any message about connections for an outage', () => {
    expect(isInfrastructureFailure(new Error('Connection refused by policy'))).toBe(false);
  });
});
