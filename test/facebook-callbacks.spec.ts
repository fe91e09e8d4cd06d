// Issue 11, item 5: Facebook's deauthorize callback and data-deletion request, pinged by the
// sandbox with real signed requests (HMAC-SHA256 with the app secret): a good one removes the
// user's connection and says so in an event and the audit trail; a bad one changes nothing.
// On SQLite and PostgreSQL.
import { type ConnectionRemovedEvent, SocialService } from 'nestjs-social';
import { describe, expect, it } from 'vitest';
import { facebookSignedRequest, SANDBOX_IDENTITIES } from '../apps/provider-sandbox/src/index.js';
import { testCredentials } from './fixtures/social-test-app.js';
import { TestBrowser } from './support/browser.js';
import { useSandboxApp } from './support/sandbox-app.js';
import { Flows, JSON_ACCEPT } from './support/flows.js';

const ALICE = SANDBOX_IDENTITIES.facebook[0]!;
const CLIENT_ID = testCredentials('facebook').clientId!;

describe.each(['SQLite', 'PostgreSQL'])('Facebook callbacks on %s', (database) => {
  const env = useSandboxApp({
    providers: ['facebook', 'google'],
    postgres: database === 'PostgreSQL',
  });

  async function connectAlice() {
    const flows = new Flows(env.app, new TestBrowser(), 'facebook');
    await flows.logInAs('u1');
    await flows.connect('allow', 'alice');
    expect(await env.app.rows({ providerId: 'facebook' })).toHaveLength(1);
  }
  const ping = (path: string) =>
    env.sandbox.facebookPing({
      clientId: CLIENT_ID,
      identity: 'alice',
      url: `${env.app.url}${path}`,
    });

  it('deauthorize: the connection is removed, connection.removed says deauthorized, nothing is revoked', async () => {
    await connectAlice();
    const answer = await ping('/deauthorize/facebook');
    expect(answer).toEqual({ status: 200, body: { removed: 1 } });
    expect(await env.app.rows({ providerId: 'facebook' })).toEqual([]);
    const [removed] = env.app.events.named('connection.removed') as ConnectionRemovedEvent[];
    expect(removed).toMatchObject({
      providerId: 'facebook',
      reason: 'deauthorized',
      revoked: true,
    });
    // The user already ended the grant at Facebook: nothing to call there.
    expect(env.sandbox.calls('facebook', 'revoke')).toBe(0);
    const trail = await env.app.app.get(SocialService).auditTrail('u1');
    expect(trail[0]).toMatchObject({
      action: 'removed',
      actor: 'provider',
      providerId: 'facebook',
    });
  });

  it.each([
    ['signed with another secret', facebookSignedRequest('not-the-app-secret', ALICE.id)],
    [
      'tampered payload',
      tamper(facebookSignedRequest(testCredentials('facebook').clientSecret!, ALICE.id)),
    ],
    ['not a signed request', 'hello'],
    ['empty', ''],
  ])(
    'deauthorize with a bad signed_request (%s): 400 SIGNED_REQUEST_INVALID, nothing removed',
    async (_, signed) => {
      await connectAlice();
      const res = await fetch(`${env.app.url}/deauthorize/facebook`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', ...JSON_ACCEPT },
        body: new URLSearchParams({ signed_request: signed }),
      });
      expect(res.status).toBe(400);
      expect(await res.json()).toMatchObject({ ok: false, code: 'SIGNED_REQUEST_INVALID' });
      expect(await env.app.rows({ providerId: 'facebook' })).toHaveLength(1);
      expect(env.app.events.named('connection.removed')).toEqual([]);
    },
  );

  it('data deletion: { url, confirmation_code } as Facebook documents, and a status page at that url', async () => {
    await connectAlice();
    const answer = await ping('/data-deletion/facebook');
    expect(answer.status).toBe(200);
    const { url, confirmation_code: code } = answer.body as {
      url: string;
      confirmation_code: string;
    };
    expect(code).toMatch(/^[0-9a-f]{32}$/);
    expect(url).toBe(`${env.app.url}/data-deletion/facebook/${code}`);
    expect(await env.app.rows({ providerId: 'facebook' })).toEqual([]);
    const [removed] = env.app.events.named('connection.removed') as ConnectionRemovedEvent[];
    expect(removed).toMatchObject({ reason: 'data_deletion' });

    const status = await fetch(url, { headers: JSON_ACCEPT });
    expect(await status.json()).toMatchObject({
      confirmation_code: code,
      status: 'completed',
      connections_removed: 1,
    });
    const page = await (await fetch(url)).text();
    expect(page).toContain(`Data deletion request ${code}`);
    expect(page).toContain('Status: <strong>completed</strong>');
  });

  it('an unknown confirmation code, or another provider, is a 404', async () => {
    const unknown = await fetch(`${env.app.url}/data-deletion/facebook/${'0'.repeat(32)}`, {
      headers: JSON_ACCEPT,
    });
    expect(unknown.status).toBe(404);
    const google = await fetch(`${env.app.url}/deauthorize/google`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...JSON_ACCEPT },
      body: new URLSearchParams({ signed_request: 'x.y' }),
    });
    expect(google.status).toBe(404);
  });
});

/** The same signature over a payload naming another user. */
function tamper(signed: string): string {
  const [signature] = signed.split('.');
  const payload = Buffer.from(
    JSON.stringify({ algorithm: 'HMAC-SHA256', issued_at: 1, user_id: 'someone-else' }),
  ).toString('base64url');
  return `${signature}.${payload}`;
}
