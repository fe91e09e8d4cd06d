import { randomBytes } from 'node:crypto';
import {
  Connection,
  type ConnectionTokens,
  TokenCipher,
  TypeOrmConnectionRepository,
} from 'nestjs-social';
import { startPostgres } from '../support/postgres-server.js';
import type { BenchSettings } from '../support/settings.js';
import { median } from '../support/stats.js';
import {
  type BackendName,
  type LookupDatabase,
  openPostgres,
  openSqlite,
} from './lookup-backends.js';

/** The accounts that log in during the measurement, created through the repository (encrypted tokens). */
const LOGGING_IN = 1000;
/** Rounds over all sizes, interleaved, so that load from elsewhere weighs on every size alike. */
const ROUNDS = 5;

/** µs per call, medians of the rounds. */
export interface Timing {
  /** CPU of this process and of the database server (PostgreSQL's backend, from /proc). */
  cpuUs: number;
  wallUs: number;
}

export interface LookupResult {
  backend: BackendName;
  size: number;
  /** `findByProviderUser`, a returning login's connection lookup. */
  lookup: Timing;
  /** The whole of a returning login's repository work (lookup + `updateTokens`). */
  login: Timing;
  /** The server's CPU could not be read (a remote SOCIAL_TEST_POSTGRES_URL): `cpuUs` is this process's only. */
  clientCpuOnly: boolean;
  plan: string;
}

interface Stored {
  size: number;
  db: LookupDatabase;
  repository: TypeOrmConnectionRepository;
  accounts: string[];
}

/**
 * A returning login's connection lookup on the module's own repository at each size of
 * `social_connection`, on SQLite and on PostgreSQL: the filler rows first, then the accounts
 * that log in; each size is its own database.
 */
export async function runLookupBench(
  settings: BenchSettings,
  log: (line: string) => void,
): Promise<LookupResult[]> {
  const cipher = new TokenCipher([`k1:${randomBytes(32).toString('base64')}`]);
  const postgres = await startPostgres();
  const results: LookupResult[] = [];
  try {
    for (const backend of ['SQLite', 'PostgreSQL'] as const) {
      const stored: Stored[] = [];
      try {
        for (const size of settings.lookupSizes) {
          const db =
            backend === 'SQLite'
              ? await openSqlite()
              : await openPostgres(postgres.url, `bench_lookup_${size}`);
          stored.push({ size, db, ...(await fill(db, size, cipher)) });
          log(`lookup: ${backend} with ${size} connections stored`);
        }
        results.push(...(await measure(backend, stored, settings.lookupOps)));
      } finally {
        for (const { db } of stored) await db.close();
      }
    }
  } finally {
    await postgres.stop();
  }
  return results;
}

async function fill(db: LookupDatabase, size: number, cipher: TokenCipher) {
  const repository = new TypeOrmConnectionRepository(
    db.dataSource.getRepository(Connection),
    cipher,
  );
  for (let added = 0; added < size - LOGGING_IN; added += 100_000) {
    await db.addOtherConnections(Math.min(100_000, size - LOGGING_IN - added));
  }
  const accounts = Array.from({ length: LOGGING_IN }, (_, i) => `1${String(i).padStart(20, '0')}`);
  await repository.transaction(async (inTransaction) => {
    for (const [i, providerUserId] of accounts.entries()) {
      await inTransaction.createConnection({
        userId: `user-${i}`,
        providerId: 'google',
        providerUserId,
        ...freshTokens(),
        refreshToken: `1//${randomBytes(48).toString('base64url')}`,
        displayName: `User ${i}`,
        fullName: `User ${i}`,
        email: `user${i}@bench.example`,
        profileUrl: null,
        imageUrl: `https://lh3.googleusercontent.com/a/${providerUserId}=s96-c`,
      });
    }
  });
  return { repository, accounts };
}

async function measure(
  backend: BackendName,
  stored: Stored[],
  ops: number,
): Promise<LookupResult[]> {
  const lookups = new Map<Stored, Timing[]>(stored.map((entry) => [entry, []]));
  const logins = new Map<Stored, Timing[]>(stored.map((entry) => [entry, []]));
  // The first round warms the JIT and the caches and is not counted.
  for (let round = 0; round <= ROUNDS; round++) {
    for (const entry of stored) {
      const lookup = await timePerCall(entry, ops, (i) =>
        entry.repository.findByProviderUser('google', pick(entry, i)),
      );
      const login = await timePerCall(entry, Math.ceil(ops / 4), (i) => returningLogin(entry, i));
      if (round === 0) continue;
      lookups.get(entry)!.push(lookup);
      logins.get(entry)!.push(login);
    }
  }
  return Promise.all(
    stored.map(async (entry) => ({
      backend,
      size: entry.size,
      lookup: medians(lookups.get(entry)!),
      login: medians(logins.get(entry)!),
      clientCpuOnly: entry.db.serverCpuUs() === null,
      plan: await entry.db.lookupPlan(pick(entry, 0)),
    })),
  );
}

function medians(timings: Timing[]): Timing {
  return {
    cpuUs: median(timings.map((t) => t.cpuUs)),
    wallUs: median(timings.map((t) => t.wallUs)),
  };
}

/** What a returning login asks of the repository: the connection, then its fresh tokens stored. */
async function returningLogin(entry: Stored, i: number): Promise<void> {
  const connection = await entry.repository.findByProviderUser('google', pick(entry, i));
  if (!connection) throw new Error('a stored connection was not found');
  await entry.repository.updateTokens(connection.id, freshTokens(), {
    displayName: connection.displayName,
  });
}

/** What a Google login hands the repository: a new access token, no refresh token. */
function freshTokens(): ConnectionTokens {
  return {
    accessToken: `ya29.${randomBytes(48).toString('base64url')}`,
    secret: null,
    refreshToken: null,
    expiresAt: new Date(Date.now() + 3_600_000),
    scope: 'openid profile email',
  };
}

/** Spreads the calls over the accounts in a fixed order that is not the insertion order. */
function pick(entry: Stored, i: number): string {
  return entry.accounts[(i * 7919) % entry.accounts.length]!;
}

async function timePerCall(
  entry: Stored,
  count: number,
  call: (i: number) => Promise<unknown>,
): Promise<Timing> {
  const serverBefore = entry.db.serverCpuUs();
  const cpuBefore = process.cpuUsage();
  const began = process.hrtime.bigint();
  for (let i = 0; i < count; i++) await call(i);
  const wallUs = Number(process.hrtime.bigint() - began) / 1000;
  const { user, system } = process.cpuUsage(cpuBefore);
  const serverUs = serverBefore === null ? 0 : entry.db.serverCpuUs()! - serverBefore;
  return { cpuUs: (user + system + serverUs) / count, wallUs: wallUs / count };
}
