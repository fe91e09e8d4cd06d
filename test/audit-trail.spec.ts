// Issue 11, item 6: every connection change is written to social_connection_audit in the same
// transaction as the change (who, what, when, which request or job), never a token;
// SocialService.auditTrail(userId) reads it newest first; entries past audit.retentionDays are
// pruned by the worker. On SQLite and PostgreSQL.
import { Connection, RevocationWorker, SocialService } from 'nestjs-social';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { TestBrowser } from './support/browser.js';
import { useSandboxApp } from './support/sandbox-app.js';
import { Flows } from './support/flows.js';

describe.each(['SQLite', 'PostgreSQL'])('the audit trail on %s', (database) => {
  const env = useSandboxApp({
    providers: ['google', 'facebook'],
    overrides: { revocation: { intervalMs: 0 }, audit: { retentionDays: 30 } },
    postgres: database === 'PostgreSQL',
  });
  let social: SocialService;
  beforeAll(() => {
    social = env.app.app.get(SocialService);
  });
  beforeEach(async () => {
    await env.app.dataSource.query('DELETE FROM social_connection_audit');
  });

  it('records created, updated, flagged, removed and revoked, newest first, never a token', async () => {
    const flows = new Flows(env.app, new TestBrowser(), 'google');
    await flows.logInAs('u1');
    await flows.connect('allow', 'alice');
    const [connection] = await env.app.connections('u1');
    const tokens = [connection!.accessToken, connection!.refreshToken].filter(Boolean) as string[];
    await flows.connect('allow', 'alice'); // the same account again: tokens updated
    env.sandbox.revokeAll('google');
    await expect(
      (await social.google.getApi('u1'))!.request({ url: 'oauth2/v3/userinfo' }),
    ).rejects.toBeDefined();
    await flows.reconnect('alice');
    await flows.browser.post(flows.url('/connect/google'), { _method: 'DELETE' });

    const trail = await social.auditTrail('u1');
    // The reconnect's new tokens are an update (which also sets the connection active again).
    expect(trail.map((entry) => entry.action)).toEqual([
      'revoked',
      'removed',
      'updated',
      'flagged',
      'updated',
      'created',
    ]);
    for (const entry of trail) {
      expect(entry).toMatchObject({
        userId: 'u1',
        providerId: 'google',
        providerUserId: connection!.providerUserId,
        connectionId: connection!.id,
      });
      expect(entry.createdAt).toBeInstanceOf(Date);
    }
    expect(trail.find((e) => e.action === 'created')).toMatchObject({
      actor: 'user',
      requestId: expect.any(String),
    });
    expect(trail.find((e) => e.action === 'flagged')?.detail).toContain('api_unauthorized');
    // Never a token, in any column.
    const rows = await env.app.dataSource.query('SELECT * FROM social_connection_audit');
    const dump = JSON.stringify(rows);
    for (const token of tokens) expect(dump).not.toContain(token);
  });

  it('a refresh through getApi() is recorded as token_refreshed', async () => {
    const flows = new Flows(env.app, new TestBrowser(), 'google');
    await flows.logInAs('u1');
    await flows.connect('allow', 'alice');
    await env.app.dataSource
      .getRepository(Connection)
      .update({ providerId: 'google' }, { expiresAt: new Date(Date.now() - 1000) });
    const api = (await social.google.getApi('u1'))!;
    await api.request({ url: 'oauth2/v3/userinfo' });
    const [latest] = await social.auditTrail('u1');
    expect(latest).toMatchObject({ action: 'token_refreshed', providerId: 'google' });
  });

  it('pages with limit and before', async () => {
    const flows = new Flows(env.app, new TestBrowser(), 'facebook');
    await flows.logInAs('u1');
    await flows.connect('allow', 'alice');
    await flows.connect('allow', 'alice');
    await flows.connect('allow', 'alice');
    const all = await social.auditTrail('u1');
    const first = await social.auditTrail('u1', { limit: 2 });
    const next = await social.auditTrail('u1', { limit: 2, before: first.at(-1)!.id });
    expect([...first, ...next].map((e) => e.id)).toEqual(all.slice(0, 4).map((e) => e.id));
    expect(await social.auditTrail('someone-else')).toEqual([]);
  });

  it('the worker prunes entries older than audit.retentionDays, and only those', async () => {
    const flows = new Flows(env.app, new TestBrowser(), 'google');
    await flows.logInAs('u1');
    await flows.connect('allow', 'alice');
    const [recent] = await social.auditTrail('u1');
    const old = new Date(Date.now() - 31 * 24 * 3600 * 1000);
    await env.app.dataSource
      .createQueryBuilder()
      .insert()
      .into('social_connection_audit')
      .values({ ...recent, id: undefined, action: 'updated', createdAt: old })
      .execute();
    expect(await social.auditTrail('u1')).toHaveLength(2);
    await env.app.app.get(RevocationWorker).runOnce();
    const kept = await social.auditTrail('u1');
    expect(kept.map((e) => e.id)).toEqual([recent!.id]);
  });
});
