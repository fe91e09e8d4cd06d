// The OAuthStateStore contract on every implementation and real backend: the session, the
// social_oauth_state table on SQLite and on PostgreSQL, and Redis.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Request } from 'express';
import { Redis } from 'ioredis';
import {
  OAuthStateRecord,
  type OAuthStateStore,
  type PendingRoundTrip,
  RedisOAuthStateStore,
  ROUND_TRIP_TTL_MS,
  SessionOAuthStateStore,
  TokenCipher,
  TypeOrmOAuthStateStore,
} from 'nestjs-social';
import { DataSource } from 'typeorm';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { freshPostgresDatabase } from './support/databases.js';

const cipher = new TokenCipher([`k1:${randomBytes(32).toString('base64')}`]);

interface Backend {
  name: string;
  open(): Promise<{ store: OAuthStateStore; raw(): Promise<string>; close(): Promise<void> }>;
  /** The store keeps its records in the session: concurrent requests each load a copy of it. */
  inSession?: boolean;
}

async function tableBackend(
  options: ConstructorParameters<typeof DataSource>[0],
  drop: () => Promise<void>,
) {
  const dataSource = new DataSource({
    ...options,
    entities: [OAuthStateRecord],
    synchronize: true,
  } as never);
  await dataSource.initialize();
  const records = dataSource.getRepository(OAuthStateRecord);
  return {
    store: new TypeOrmOAuthStateStore(records, cipher),
    raw: async () => JSON.stringify(await records.find()),
    close: async () => {
      await dataSource.destroy();
      await drop();
    },
  };
}

const backends: Backend[] = [
  {
    name: 'SessionOAuthStateStore',
    inSession: true,
    async open() {
      return {
        store: new SessionOAuthStateStore({ login: 'l', connect: 'c' }, cipher),
        raw: async () => JSON.stringify(sessions),
        close: async () => undefined,
      };
    },
  },
  {
    name: 'TypeOrmOAuthStateStore on SQLite',
    async open() {
      const dir = mkdtempSync(join(tmpdir(), 'social-state-'));
      return tableBackend(
        { type: 'better-sqlite3', database: join(dir, 'state.sqlite') },
        async () => rmSync(dir, { recursive: true, force: true }),
      );
    },
  },
  {
    name: 'TypeOrmOAuthStateStore on PostgreSQL',
    async open() {
      const database = await freshPostgresDatabase();
      return tableBackend({ type: 'postgres', url: database.url }, () => database.drop());
    },
  },
  {
    name: 'RedisOAuthStateStore',
    async open() {
      const client = new Redis(inject('redisUrl'));
      const prefix = `test:${randomBytes(4).toString('hex')}:`;
      return {
        store: new RedisOAuthStateStore(client, cipher, prefix),
        raw: async () => {
          const keys = await client.keys(`${prefix}*`);
          return JSON.stringify(keys.length ? await client.mget(keys) : []);
        },
        close: async () => {
          await client.quit();
        },
      };
    },
  },
];

/** Every session the fake requests of a test used (for the session store's raw view). */
const sessions: Record<string, unknown>[] = [];

/** A request of the browser session `sid`; `session` is shared to act as one loaded session. */
function request(sid: string, session: Record<string, unknown> = {}): Request {
  sessions.push(session);
  return { sessionID: sid, session } as unknown as Request;
}

function roundTrip(handle: string, overrides: Partial<PendingRoundTrip> = {}): PendingRoundTrip {
  return {
    handle,
    providerId: 'google',
    flow: 'login',
    userId: null,
    next: '/after',
    verifier: `verifier-of-${handle}`,
    nonce: `nonce-of-${handle}`,
    expiresAt: Date.now() + ROUND_TRIP_TTL_MS,
    ...overrides,
  };
}

describe.each(backends)('$name', (backend) => {
  let opened: Awaited<ReturnType<Backend['open']>>;
  beforeAll(async () => {
    opened = await backend.open();
  });
  afterAll(async () => {
    await opened?.close();
  });

  it('keeps a round trip and hands it back once, whole', async () => {
    const session = {};
    const saved = roundTrip(`h-${randomBytes(4).toString('hex')}`, {
      flow: 'connect',
      userId: 'u1',
    });
    await opened.store.save(request('s1', session), saved);
    expect(await opened.store.take(request('s1', session), 'google', saved.handle)).toEqual(saved);
    expect(await opened.store.take(request('s1', session), 'google', saved.handle)).toBeNull();
  });

  it('keeps the verifier, token secret and nonce sealed', async () => {
    const saved = roundTrip(`sealed-${randomBytes(4).toString('hex')}`, {
      tokenSecret: 'the-token-secret',
    });
    await opened.store.save(request('s1', {}), saved);
    const raw = await opened.raw();
    expect(raw).toContain(saved.handle);
    for (const secret of [saved.verifier!, saved.nonce!, 'the-token-secret'])
      expect(raw).not.toContain(secret);
  });

  it('refuses a round trip of another provider, and one expired', async () => {
    const session = {};
    const other = roundTrip(`o-${randomBytes(4).toString('hex')}`);
    await opened.store.save(request('s1', session), other);
    expect(await opened.store.take(request('s1', session), 'facebook', other.handle)).toBeNull();
    const expired = roundTrip(`e-${randomBytes(4).toString('hex')}`, {
      expiresAt: Date.now() + 30,
    });
    await opened.store.save(request('s1', session), expired);
    await new Promise((resolve) => setTimeout(resolve, 60));
    expect(await opened.store.take(request('s1', session), 'google', expired.handle)).toBeNull();
  });

  it('gives a round trip to exactly one of 25 concurrent takes', async () => {
    const session = {};
    const saved = roundTrip(`c-${randomBytes(4).toString('hex')}`);
    await opened.store.save(request('s1', session), saved);
    // Each callback loads its own copy of the session, as express-session does.
    const takes = await Promise.all(
      Array.from({ length: 25 }, () =>
        opened.store.take(request('s1', structuredClone(session)), 'google', saved.handle),
      ),
    );
    expect(takes.filter((t) => t !== null)).toEqual([saved]);
  });
});

// The session store is bound by the session itself; the others check the session they were
// started in.
describe.each(backends.filter((b) => !b.inSession))(
  '$name, started in another session',
  (backend) => {
    let opened: Awaited<ReturnType<Backend['open']>>;
    beforeAll(async () => {
      opened = await backend.open();
    });
    afterAll(async () => {
      await opened?.close();
    });

    it('is refused, and spent: the session that started it cannot take it any more', async () => {
      const saved = roundTrip(`b-${randomBytes(4).toString('hex')}`);
      await opened.store.save(request('victim-session', {}), saved);
      expect(
        await opened.store.take(request('attacker-session', {}), 'google', saved.handle),
      ).toBeNull();
      expect(
        await opened.store.take(request('victim-session', {}), 'google', saved.handle),
      ).toBeNull();
    });
  },
);
