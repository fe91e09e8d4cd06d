// Issue 11, item 4: a disconnect revokes the grant at the provider (Google's RFC 7009 endpoint,
// Facebook's DELETE /me/permissions, Twitter's POST /1.1/oauth/invalidate_token) after the local
// delete, through a durable queue retried with backoff: an outage never loses a revocation.
// On SQLite and PostgreSQL, and with two instances sharing one PostgreSQL.
import {
  type ConnectionRemovedEvent,
  type ConnectionRevokedEvent,
  RevocationWorker,
  SocialService,
} from 'nestjs-social';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type SocialTestApp } from './fixtures/social-test-app.js';
import { TestBrowser } from './support/browser.js';
import { useSandboxApp } from './support/sandbox-app.js';
import { Flows } from './support/flows.js';
import { useTwoInstances } from './support/two-instances.js';

const REVOCABLE = ['twitter', 'facebook', 'google'] as const;
type Revocable = (typeof REVOCABLE)[number];
// No worker timer: each test runs the worker's rounds itself; retries are due at once.
const REVOCATION = { revocation: { intervalMs: 0, baseDelayMs: 1, maxDelayMs: 1 } };

/** A read through the client getApi() gave before the disconnect: does the token still work? */
async function clientOf(social: SocialService, provider: Revocable, userId: string) {
  switch (provider) {
    case 'twitter': {
      const api = (await social.twitter.getApi(userId))!;
      return () => api.v1.verifyCredentials();
    }
    case 'facebook': {
      const api = (await social.facebook.getApi(userId))!;
      return () => api.me();
    }
    case 'google': {
      const api = (await social.google.getApi(userId))!;
      return () => api.request({ url: 'oauth2/v3/userinfo' });
    }
  }
}

async function disconnect(flows: Flows) {
  return flows.browser.post(flows.url(`/connect/${flows.provider}`), { _method: 'DELETE' });
}

const queued = (instance: SocialTestApp) =>
  instance.dataSource.query('SELECT "providerId", "attempts" FROM social_revocation_request');

describe.each(['SQLite', 'PostgreSQL'])('revocation on %s', (database) => {
  const env = useSandboxApp({
    providers: [...REVOCABLE],
    overrides: REVOCATION,
    postgres: database === 'PostgreSQL',
  });
  let social: SocialService;
  beforeAll(() => {
    social = env.app.app.get(SocialService);
  });
  beforeEach(async () => {
    await env.app.dataSource.query('DELETE FROM social_revocation_request');
  });

  it.each(REVOCABLE)(
    '%s: the disconnect revokes the grant once; the old token is refused; removed says revoked',
    async (provider) => {
      const flows = new Flows(env.app, new TestBrowser(), provider);
      await flows.logInAs('u1');
      await flows.connect('allow', 'alice');
      const read = await clientOf(social, provider, 'u1');
      await read();
      await disconnect(flows);
      expect(env.sandbox.calls(provider, 'revoke')).toBe(1);
      await expect(read()).rejects.toBeDefined();
      expect(await env.app.rows({ providerId: provider })).toEqual([]);
      const [removed] = env.app.events.named('connection.removed') as ConnectionRemovedEvent[];
      expect(removed).toMatchObject({
        providerId: provider,
        revoked: true,
        reason: 'disconnected',
      });
      expect(await queued(env.app)).toEqual([]);
      expect(env.app.events.named('connection.revoked')).toEqual([]);
    },
  );

  it('an outage at the provider: the row is gone at once, the revocation waits in the queue and lands later', async () => {
    const flows = new Flows(env.app, new TestBrowser(), 'facebook');
    await flows.logInAs('u1');
    await flows.connect('allow', 'alice');
    const read = await clientOf(social, 'facebook', 'u1');
    env.sandbox.setFault({
      provider: 'facebook',
      endpoint: 'revoke',
      kind: 'status',
      status: 503,
      times: 2,
    });
    await disconnect(flows);
    expect(await env.app.rows({ providerId: 'facebook' })).toEqual([]);
    const [removed] = env.app.events.named('connection.removed') as ConnectionRemovedEvent[];
    expect(removed!.revoked).toBe('pending');
    expect(await queued(env.app)).toEqual([{ providerId: 'facebook', attempts: 1 }]);
    await read(); // not revoked yet: the grant still works at the provider

    const worker = env.app.app.get(RevocationWorker);
    await worker.runOnce(); // the provider is still down: a second attempt, still queued
    expect(await queued(env.app)).toEqual([{ providerId: 'facebook', attempts: 2 }]);
    await worker.runOnce();
    expect(await queued(env.app)).toEqual([]);
    expect(env.sandbox.calls('facebook', 'revoke')).toBe(3);
    await expect(read()).rejects.toBeDefined();
    const [revoked] = env.app.events.named('connection.revoked') as ConnectionRevokedEvent[];
    expect(revoked).toMatchObject({ providerId: 'facebook', attempts: 3 });
    expect(revoked!.revokedAt).toBeInstanceOf(Date);
  });

  it('the queue keeps no token in plaintext', async () => {
    const flows = new Flows(env.app, new TestBrowser(), 'google');
    await flows.logInAs('u1');
    await flows.connect('allow', 'alice');
    const [row] = await env.app.dataSource.query(
      `SELECT "accessToken" FROM social_connection WHERE "providerId" = 'google'`,
    );
    env.sandbox.setFault({ provider: 'google', endpoint: 'revoke', kind: 'status', status: 503 });
    await disconnect(flows);
    const [entry] = await env.app.dataSource.query(
      'SELECT "accessToken", "secret" FROM social_revocation_request',
    );
    expect(entry.accessToken).toMatch(/^v1\./); // the envelope of Tokens at rest
    expect(entry.accessToken).not.toBe(row.accessToken); // bound to its own row
  });
});

describe('two instances on one PostgreSQL', () => {
  const env = useTwoInstances({ providers: ['facebook'], overrides: REVOCATION });

  it('both workers running at once revoke a queued grant once, and announce it once', async () => {
    const flows = new Flows(env.a, new TestBrowser(), 'facebook');
    await flows.logInAs('u1');
    await flows.connect('allow', 'alice');
    env.sandbox.setFault({
      provider: 'facebook',
      endpoint: 'revoke',
      kind: 'status',
      status: 503,
      times: 1,
    });
    await disconnect(flows);
    env.sandbox.resetCalls();
    await Promise.all([
      env.a.app.get(RevocationWorker).runOnce(),
      env.b.app.get(RevocationWorker).runOnce(),
    ]);
    expect(env.sandbox.calls('facebook', 'revoke')).toBe(1);
    const revoked = [
      ...env.a.events.named('connection.revoked'),
      ...env.b.events.named('connection.revoked'),
    ];
    expect(revoked).toHaveLength(1);
    expect(await queued(env.a)).toEqual([]);
  });
});
