// The ways to add a provider beyond the built-in ones, each through a full round trip against
// the sandbox: `type: 'oauth2'` in the options (passport-oauth2 reading a JSON profile), and a
// definition with a `SocialStrategy` subclass of its own in `customProviders`. (OpenID Connect
// by issuer and GitHub through passport-github2 run the whole flow suite: social-flows.spec.ts.)
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import passportOAuth2 from 'passport-oauth2';
import {
  bearerApiClient,
  SocialService,
  SocialStrategy,
  type SocialProviderDefinition,
  type SocialStrategyDeps,
} from 'nestjs-social';
import {
  type RunningSandbox,
  SANDBOX_IDENTITIES,
  sandboxEndpoints,
  startSandbox,
} from '../apps/provider-sandbox/src/index.js';
import { type SocialTestApp, startSocialTestApp } from './fixtures/social-test-app.js';
import { TestBrowser } from './support/browser.js';
import { Flows, pageState } from './support/flows.js';

/** A provider of one's own: passport-oauth2 with a profile read by hand (GitHub's /user here). */
class AcmeStrategy extends SocialStrategy(passportOAuth2.Strategy) {
  constructor(deps: SocialStrategyDeps) {
    const { config } = deps;
    super(
      {
        clientID: config.key,
        clientSecret: config.secret,
        authorizationURL: config.endpoints.authorizationURL,
        tokenURL: config.endpoints.tokenURL,
        scope: config.scope,
        pkce: true,
      },
      deps,
    );
  }

  userProfile(accessToken: string, done: (err: unknown, profile?: object) => void): void {
    const oauth2 = (this as unknown as { _oauth2: passportOAuth2['_oauth2'] })._oauth2;
    oauth2.get(this.config.endpoints.userProfileURL!, accessToken, (err, body) => {
      if (err)
        return done(new passportOAuth2.InternalOAuthError('Failed to fetch user profile', err));
      try {
        done(null, { _json: JSON.parse(String(body)) });
      } catch {
        done(new Error('Failed to parse user profile'));
      }
    });
  }

  override toProfileValues(json: unknown) {
    const user = json as { id: number; login: string; name: string; avatar_url: string };
    return {
      providerUserId: String(user.id),
      displayName: user.login,
      fullName: user.name,
      email: null,
      profileUrl: null,
      imageUrl: user.avatar_url,
    };
  }
}

function acmeProvider(base: string): SocialProviderDefinition {
  const github = sandboxEndpoints(base).github;
  return {
    id: 'acme',
    name: 'Acme',
    protocol: 'oauth2',
    endpoints: { ...github },
    scope: ['read:user'],
    pkce: true,
    strategy: () => AcmeStrategy,
    createApiClient: bearerApiClient,
  };
}

const alice = SANDBOX_IDENTITIES.github[0]!;

describe('providers added in the options and as definitions', () => {
  let sandbox: RunningSandbox;
  let app: SocialTestApp;

  beforeAll(async () => {
    sandbox = await startSandbox({ logger: false });
    const github = sandboxEndpoints(sandbox.url).github;
    app = await startSocialTestApp(sandbox, {
      providers: [],
      overrides: {
        customProviders: [acmeProvider(sandbox.url)],
        providers: {
          // Any OAuth 2 provider by endpoints, scopes and a profile mapping.
          gh: {
            type: 'oauth2',
            name: 'Git Hub',
            clientId: 'gh-key',
            clientSecret: 'gh-secret',
            authorizationURL: github.authorizationURL,
            tokenURL: github.tokenURL,
            userProfileURL: github.userProfileURL,
            apiURL: github.apiURL,
            scope: ['read:user'],
            profile: (json) => ({
              providerUserId: json.id,
              displayName: `@${json.login}`,
              fullName: json.name,
              imageUrl: json.avatar_url,
            }),
          },
          acme: { clientId: 'acme-key', clientSecret: 'acme-secret' },
        },
      },
    });
    for (const id of ['gh', 'acme']) {
      sandbox.registerClient({
        provider: 'github',
        clientId: `${id}-key`,
        clientSecret: `${id}-secret`,
        redirectUris: [`${app.url}/login/${id}`, `${app.url}/connect/${id}`],
      });
    }
  });
  afterAll(async () => {
    await app?.close();
    await sandbox?.close();
  });

  describe.each([
    { id: 'gh', name: 'Git Hub', display: '@alice-sandbox' },
    { id: 'acme', name: 'Acme', display: 'alice-sandbox' },
  ])('$id', ({ id, name, display }) => {
    it('connects, logs in, hands out an API client and disconnects', async () => {
      await app.clearConnections();
      const flows = new Flows(app, new TestBrowser(), id as never);
      await flows.logInAs('u1');
      const connected = pageState(await flows.connect('allow', 'alice'));
      expect(connected.flashes).toEqual({ success: [`Connection established to ${name}`] });
      const [row] = await app.rows({ providerId: id });
      expect(row).toMatchObject({
        userId: 'u1',
        providerUserId: alice.id,
        displayName: display,
        fullName: alice.name,
        imageUrl: `${sandbox.url}/__sandbox/avatars/github/alice.svg`,
      });
      // The start sent PKCE S256 and the state of the module's store.
      const location = new URL(await flows.start('connect'));
      expect(location.searchParams.get('code_challenge_method')).toBe('S256');
      expect(location.searchParams.get('state')).toMatch(/^[A-Za-z0-9_-]{43}$/);

      const api = await app.app.get(SocialService).provider(id).getApi('u1');
      expect(await api!.get<{ login: string }>('/user')).toMatchObject({ login: alice.username });

      await flows.logOut();
      expect(pageState(await flows.login('allow', 'alice'))).toMatchObject({ userId: 'u1' });
      const removed = pageState(
        await flows.browser.post(flows.url(`/connect/${id}`), { _method: 'DELETE' }),
      );
      expect(removed.flashes).toEqual({ info: [`All connections to ${name} removed`] });
      expect(await app.rows({ providerId: id })).toEqual([]);
    });
  });
});
