// A key rotation rolled out instance by instance: while one instance already writes under the
// new key and another does not know it yet, the old one answers 503 and flags nothing.
import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { TestBrowser } from './support/browser.js';
import { Flows, JSON_ACCEPT } from './support/flows.js';
import { cookieHeader, useTwoInstances } from './support/two-instances.js';

const K1 = `k1:${randomBytes(32).toString('base64')}`;
const K2 = `k2:${randomBytes(32).toString('base64')}`;

// Instance A has made the new key current; instance B still runs the old keyring.
const env = useTwoInstances({ providers: ['google'] }, [
  { overrides: { tokenEncryptionKeys: [K2, K1] } },
  { overrides: { tokenEncryptionKeys: [K1] } },
]);

async function listFrom(url: string, cookie: string) {
  const response = await fetch(`${url}/connections`, { headers: { ...JSON_ACCEPT, cookie } });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

describe('the mixed-version window of a key rotation', () => {
  it('the instance without the new key answers 503 and logs, the row is never flagged, the other instance reads it', async () => {
    await env.a.clearConnections();
    const flows = new Flows(env.a, new TestBrowser(), 'google');
    await flows.logInAs('u1');
    await flows.connect('allow', 'alice');
    const [row] = await env.a.rows();
    expect(row!.encKeyId).toBe('k2');
    const cookie = cookieHeader(flows.browser.cookies(env.a.url));

    expect(await listFrom(env.b.url, cookie)).toMatchObject({
      status: 503,
      body: { ok: false, code: 'SERVICE_UNAVAILABLE' },
    });
    const [after] = await env.a.rows();
    expect(after!.status).toBe('active');
    expect(after!.statusReason).toBeNull();
    const fromA = await listFrom(env.a.url, cookie);
    expect(fromA.status).toBe(200);
    expect(fromA.body.connections).toEqual([expect.objectContaining({ status: 'active' })]);
  });

  it('a flag a decrypt failure set clears itself once a read decrypts; a refused refresh token stays flagged', async () => {
    await env.a.clearConnections();
    const flows = new Flows(env.a, new TestBrowser(), 'google');
    await flows.logInAs('u1');
    await flows.connect('allow', 'alice');
    const cookie = cookieHeader(flows.browser.cookies(env.a.url));
    const flag = (reason: string) =>
      env.a.dataSource.query(
        `UPDATE social_connection SET "status" = 'needs_reauth', "statusReason" = $1`,
        [reason],
      );

    await flag('decrypt_failed');
    expect((await listFrom(env.a.url, cookie)).body.connections).toEqual([
      expect.objectContaining({ status: 'active', statusReason: null }),
    ]);
    expect((await env.a.rows())[0]).toMatchObject({ status: 'active', statusReason: null });

    await flag('refresh_refused');
    expect((await listFrom(env.a.url, cookie)).body.connections).toEqual([
      expect.objectContaining({ status: 'needs_reauth', statusReason: 'refresh_refused' }),
    ]);
  });
});
