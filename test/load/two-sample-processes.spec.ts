// Load on two instances, as deployed: two sample processes behind a load balancer that sends
// each request to either at random, one PostgreSQL, Redis as the OAuth state store. A thousand
// complete login and connect flows over the four providers, fifty in flight; then PostgreSQL
// stops in the middle of callbacks and starts again.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import {
  type RunningSandbox,
  SANDBOX_DEFAULT_CLIENTS,
  startSandbox,
} from '../../apps/provider-sandbox/src/index.js';
import { type RunningBalancer, startBalancer } from '../support/balancer.js';
import { freePort } from '../support/free-port.js';
import { PostgresCluster } from '../support/postgres-cluster.js';
import { buildSample, type SampleProcess, startSampleProcess } from '../support/sample-process.js';
import { PROVIDERS, runVirtualUsers } from './virtual-user.js';

const USERS = 125; // × 8 flows each = 1,000 flows
const IN_FLIGHT = 50;

let cluster: PostgresCluster;
let sandbox: RunningSandbox;
let balancer: RunningBalancer;
let instances: SampleProcess[] = [];
let databaseUrl: string;

beforeAll(async () => {
  buildSample();
  cluster = await PostgresCluster.create();
  const url = new URL(cluster.url);
  url.pathname = '/load';
  databaseUrl = url.href;
  const admin = new pg.Client({ connectionString: cluster.url });
  await admin.connect();
  await admin.query('CREATE DATABASE load');
  await admin.end();
  const ports = [await freePort(), await freePort()];
  balancer = await startBalancer(ports.map((port) => `http://127.0.0.1:${port}`));
  sandbox = await startSandbox({ logger: false, clients: SANDBOX_DEFAULT_CLIENTS(balancer.url) });
  const env = {
    NODE_ENV: 'development',
    APP_URL: balancer.url,
    DATABASE_URL: databaseUrl,
    SESSION_SECRET: randomBytes(32).toString('hex'),
    SOCIAL_TOKEN_KEYS: `k1:${randomBytes(32).toString('base64')}`,
    SANDBOX_URL: sandbox.url,
    SOCIAL_STATE_STORE: 'redis',
    REDIS_URL: inject('redisUrl'),
  };
  // Both at once, as a rollout starts them on an empty database.
  instances = await Promise.all(ports.map((port) => startSampleProcess(port, env)));
}, 180_000);

afterAll(async () => {
  await Promise.all(instances.map((instance) => instance.stop()));
  await balancer?.close();
  await sandbox?.close();
  await cluster?.destroy();
});

async function query<T>(sql: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    return (await client.query(sql)).rows as T[];
  } finally {
    await client.end();
  }
}

const events = () => instances.flatMap((instance) => instance.events);

describe('two sample processes behind a load balancer, one PostgreSQL, Redis for OAuth state', () => {
  it('1,000 flows at 50 in flight: no 5xx, every connection made once, every event once', async () => {
    const runs = await runVirtualUsers(balancer.url, 'load', USERS, IN_FLIGHT);
    expect(runs.filter((run) => run.failure)).toEqual([]);
    const flows = runs.reduce((sum, run) => sum + run.connected.length + run.loggedIn.length, 0);
    expect(flows).toBeGreaterThanOrEqual(1000);
    expect(balancer.answers.filter((a) => a.status >= 500 || a.status === 0)).toEqual([]);
    // Both instances served: the balancer really spread the requests.
    expect(new Set(balancer.answers.map((a) => a.backend)).size).toBe(2);

    const rows = await query<{ userId: string; providerId: string; providerUserId: string }>(
      'SELECT "userId", "providerId", "providerUserId" FROM social_connection',
    );
    expect(rows).toHaveLength(USERS * PROVIDERS.length);
    expect(new Set(rows.map((r) => `${r.providerId}:${r.providerUserId}`)).size).toBe(rows.length);
    const perUser = new Map<string, number>();
    for (const row of rows) perUser.set(row.userId, (perUser.get(row.userId) ?? 0) + 1);
    expect([...perUser.values()].every((n) => n === PROVIDERS.length)).toBe(true);

    const counted = new Map<string, number>();
    for (const e of events()) {
      const key = `${e.event} ${e.userId} ${e.providerId}`;
      counted.set(key, (counted.get(key) ?? 0) + 1);
    }
    expect([...counted.values()].every((n) => n === 1)).toBe(true);
    const names = events().map((e) => e.event);
    for (const [event, count] of [
      ['connection.created', USERS * 4],
      ['connection.updated', USERS * 4],
      ['login.completed', USERS * 4],
    ] as const) {
      expect(names.filter((name) => name === event)).toHaveLength(count);
    }
    expect(names.filter((name) => /failed|removed/.test(name))).toEqual([]);
  }, 300_000);

  it('PostgreSQL stopped mid-callback and started again: clear 503s, nothing half-written, flows work again', async () => {
    balancer.answers.length = 0;
    // Callbacks wait at the token endpoint while the database goes away under them.
    sandbox.setFault({
      provider: 'google',
      endpoint: 'token',
      kind: 'delay',
      delayMs: 800,
      times: 30,
    });
    const during = runVirtualUsers(balancer.url, 'outage', 20, 20);
    while (sandbox.calls('google', 'token') < 5) await new Promise((done) => setTimeout(done, 20));
    await cluster.stop('fast');
    await new Promise((done) => setTimeout(done, 1500));
    await cluster.start();
    await during;
    sandbox.clearFaults();

    const failures = balancer.answers.filter((a) => a.status >= 500 || a.status === 0);
    expect(failures.length).toBeGreaterThan(0);
    expect(failures.filter((a) => a.status !== 503)).toEqual([]);
    // Nothing half-written: every connection has its user and its tokens.
    const orphans = await query(
      `SELECT c.id FROM social_connection c LEFT JOIN sample_user u ON u.id = c."userId"
        WHERE u.id IS NULL OR c."accessToken" = ''`,
    );
    expect(orphans).toEqual([]);

    balancer.answers.length = 0;
    const after = await runVirtualUsers(balancer.url, 'recovered', 10, 10);
    expect(after.filter((run) => run.failure)).toEqual([]);
    expect(balancer.answers.filter((a) => a.status >= 500 || a.status === 0)).toEqual([]);
  }, 120_000);
});
