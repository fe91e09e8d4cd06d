import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadSampleConfig } from '../apps/sample/src/config/sample-config.js';
import { socialOptions } from '../apps/sample/src/config/social-options.js';
import { TestBrowser } from './support/browser.js';
import { answerConsent } from './support/consent.js';
import { freshPostgresDatabase } from './support/databases.js';
import {
  readPage,
  type RunningSampleForTest,
  startSampleForTest,
  submit,
} from './support/sample-app.js';

describe('the sample configuration', () => {
  const key = `k1:${Buffer.alloc(32, 7).toString('base64')}`;

  it('stops in production without SESSION_SECRET or SOCIAL_TOKEN_KEYS, saying what to set', () => {
    expect(() => loadSampleConfig({ NODE_ENV: 'production', SOCIAL_TOKEN_KEYS: key })).toThrow(
      /SESSION_SECRET is required in production/,
    );
    expect(() => loadSampleConfig({ NODE_ENV: 'production', SESSION_SECRET: 's' })).toThrow(
      /SOCIAL_TOKEN_KEYS is required in production/,
    );
  });

  it('reads SOCIAL_TOKEN_KEYS as a comma-separated keyring, current first', () => {
    const config = loadSampleConfig({
      SESSION_SECRET: 's',
      SOCIAL_TOKEN_KEYS: `${key}, k0:${key.slice(3)}`,
    });
    expect(config.tokenKeys).toEqual([key, `k0:${key.slice(3)}`]);
  });

  it('in development, generates the session secret and a token key once and keeps them under data/', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sample-config-'));
    const cwd = process.cwd();
    try {
      process.chdir(dir);
      const first = loadSampleConfig({});
      const second = loadSampleConfig({});
      expect(second.sessionSecret).toBe(first.sessionSecret);
      expect(second.tokenKeys).toEqual(first.tokenKeys);
      expect(first.tokenKeys[0]).toMatch(/^dev1:[A-Za-z0-9+/]{43}=$/);
      expect(readFileSync(join(dir, 'data/token-key'), 'utf8')).toBe(first.tokenKeys[0]);
      expect(first.databaseUrl).toBe('sqlite:data/sample.sqlite');
    } finally {
      process.chdir(cwd);
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('the extra OpenID Connect provider of the sample (SOCIAL_OIDC_*)', () => {
  const base = {
    SESSION_SECRET: 's',
    SOCIAL_TOKEN_KEYS: `k1:${Buffer.alloc(32, 7).toString('base64')}`,
  };

  it("is the sandbox's issuer by default, named OpenID Connect, under the id oidc", () => {
    const { providers } = socialOptions(loadSampleConfig({ ...base, SANDBOX_PORT: '4001' }));
    expect(providers.oidc).toEqual({
      type: 'oidc',
      name: 'OpenID Connect',
      issuer: 'http://localhost:4001/oidc',
      clientId: 'sandbox-oidc-key',
      clientSecret: 'sandbox-oidc-secret',
    });
  });

  it('is the issuer, client and name from the environment when SOCIAL_OIDC_ISSUER is set', () => {
    const { providers } = socialOptions(
      loadSampleConfig({
        ...base,
        SOCIAL_OIDC_ISSUER: 'https://sso.example.com/realms/acme',
        SOCIAL_OIDC_CLIENT_ID: 'acme-web',
        SOCIAL_OIDC_CLIENT_SECRET: 'acme-secret',
        SOCIAL_OIDC_NAME: 'Acme SSO',
      }),
    );
    expect(providers.oidc).toEqual({
      type: 'oidc',
      name: 'Acme SSO',
      issuer: 'https://sso.example.com/realms/acme',
      clientId: 'acme-web',
      clientSecret: 'acme-secret',
    });
  });

  it("SOCIAL_TWITTER_PROTOCOL=oauth2 puts Twitter on X's OAuth 2.0, with tweet.write for the status demo", () => {
    const { providers } = socialOptions(
      loadSampleConfig({ ...base, SANDBOX_PORT: '4001', SOCIAL_TWITTER_PROTOCOL: 'oauth2' }),
    );
    expect(providers.twitter).toMatchObject({
      protocol: 'oauth2',
      clientId: 'sandbox-twitter-key',
      scope: ['tweet.read', 'tweet.write', 'users.read', 'offline.access'],
      authorizationURL: 'http://localhost:4001/twitter/i/oauth2/authorize',
    });
  });
});

describe('the sample on PostgreSQL (DATABASE_URL=postgres://…)', () => {
  let database: Awaited<ReturnType<typeof freshPostgresDatabase>>;
  let sample: RunningSampleForTest;

  beforeAll(async () => {
    database = await freshPostgresDatabase();
    sample = await startSampleForTest({ databaseUrl: database.url });
  });

  afterAll(async () => {
    await sample?.close();
    await database?.drop();
  });

  it('keeps users, sessions and encrypted connections there', async () => {
    const browser = new TestBrowser();
    const registered = await submit(browser, sample.appUrl, '/register', {
      email: 'pg@example.com',
      password: 'long enough',
    });
    expect(readPage(registered.text).title).toBe('Hello pg@example.com');
    const consent = await submit(browser, sample.appUrl, '/connect/foursquare', {
      next: '/profile',
    });
    const profile = await answerConsent(browser, consent, 'allow', 'alice');
    expect(readPage(profile.text).flashes).toEqual(['Connection established to foursquare']);
    expect(sample.dataSource.options.type).toBe('postgres');
    const [row] = await sample.dataSource.query('SELECT "accessToken" FROM social_connection');
    expect(row.accessToken).toMatch(/^v1\./);
    const [{ count }] = await sample.dataSource.query(
      'SELECT count(*)::int AS count FROM sample_session',
    );
    expect(count).toBeGreaterThan(0);
  });
});
