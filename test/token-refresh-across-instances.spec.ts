// One refresh per connection across instances, against a token server that rotates refresh
// tokens and revokes the whole grant when one is used twice (RFC 9700 §4.14.2).
import { ConnectionRepository, SocialService } from 'nestjs-social';
import { describe, expect, it } from 'vitest';
import { TestBrowser } from './support/browser.js';
import { Flows } from './support/flows.js';
import { useTwoInstances } from './support/two-instances.js';

const env = useTwoInstances({ providers: ['google'] }, [{}, {}], { rotateRefreshTokens: true });

describe('concurrent refreshes of one connection on two instances', () => {
  it('make one token call; the row ends with fresh, working tokens and is not flagged', async () => {
    const flows = new Flows(env.a, new TestBrowser(), 'google');
    await flows.logInAs('u1');
    await flows.connect('allow', 'alice');
    const [before] = await env.a.app.get(ConnectionRepository).findConnections('u1');
    expect(before!.refreshToken).toBeTruthy();
    await env.a.dataSource.query(
      `UPDATE social_connection SET "expiresAt" = now() - interval '1 hour'`,
    );
    env.sandbox.resetCalls();

    const [socialA, socialB] = [env.a, env.b].map((app) => app.app.get(SocialService));
    const clients = await Promise.all(
      [socialA, socialB, socialA, socialB, socialA, socialB].map((social) =>
        social.google.getApi('u1'),
      ),
    );
    expect(clients.every((client) => client !== null)).toBe(true);
    expect(env.sandbox.calls('google', 'token')).toBe(1);

    const [after] = await env.b.app.get(ConnectionRepository).findConnections('u1');
    expect(after!.status).toBe('active');
    expect(after!.refreshToken).not.toBe(before!.refreshToken);
    expect(after!.expiresAt!.getTime()).toBeGreaterThan(Date.now());
    const userinfo = await fetch(`${env.sandbox.url}/google/oauth2/v3/userinfo`, {
      headers: { authorization: `Bearer ${after!.accessToken}` },
    });
    expect(userinfo.status).toBe(200);
  });
});
