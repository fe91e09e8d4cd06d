import { randomBytes } from 'node:crypto';
import { hostImports } from './fixtures/host-imports.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import passport from 'passport';
import { googleProvider, SocialModule, SocialOptionsError } from 'nestjs-social';
import { type RunningSandbox, startSandbox } from '../apps/provider-sandbox/src/index.js';
import {
  type Registration,
  startSocialTestApp,
  testCredentials,
} from './fixtures/social-test-app.js';
import { TestUsers } from './fixtures/test-users.js';
import { TestBrowser } from './support/browser.js';
import { Flows, pageState } from './support/flows.js';

let sandbox: RunningSandbox;
beforeAll(async () => {
  sandbox = await startSandbox({ logger: false });
});
afterAll(async () => {
  await sandbox?.close();
});

describe.each<[Registration, string]>([
  ['forRoot', ''],
  ['useFactory', '/auth'],
  ['useClass', ''],
  ['useExisting', '/social/'],
])('SocialModule.%s (urlPrefix %j)', (registration, urlPrefix) => {
  it('boots, connects and logs in through a provider', async () => {
    const app = await startSocialTestApp(sandbox, {
      registration,
      urlPrefix,
      providers: ['google'],
    });
    try {
      const prefix = urlPrefix.replace(/\/$/, '');
      const flows = new Flows(app, new TestBrowser(), 'google', prefix);
      await flows.logInAs('u1');
      expect(pageState(await flows.connect('allow', 'alice')).flashes).toEqual({
        success: ['Connection established to Google'],
      });
      await flows.logOut();
      expect(pageState(await flows.login('allow', 'alice'))).toMatchObject({ userId: 'u1' });
      expect(app.events.names()).toEqual([
        'connection.created',
        'connection.updated',
        'login.completed',
      ]);
    } finally {
      await app.close();
    }
  });
});

describe('options are validated at boot', () => {
  async function boot(options: Record<string, unknown>) {
    @Module({
      imports: hostImports(':memory:', SocialModule.forRoot(options as never)),
      providers: [TestUsers],
    })
    class BootModule {}
    const app = await NestFactory.create(BootModule, { logger: false, abortOnError: false });
    await app.close();
  }
  const base = {
    appUrl: 'http://127.0.0.1:1',
    users: TestUsers,
    tokenEncryptionKeys: [`k1:${randomBytes(32).toString('base64')}`],
  };

  it('a missing secret names the option to set', async () => {
    await expect(boot({ ...base, providers: { google: { clientId: 'x' } } })).rejects.toThrow(
      new SocialOptionsError('providers.google.clientSecret is required when google is enabled'),
    );
  });

  it('an unknown option key is an error that lists the valid ones, not a crash (Flask-Social #62)', async () => {
    await expect(boot({ ...base, providers: {}, connectAllowRedirects: '/' })).rejects.toThrow(
      /unknown option "connectAllowRedirects"; valid options are/,
    );
  });

  it('an unknown provider id is an error', async () => {
    await expect(
      boot({ ...base, providers: { github: { clientId: 'a', clientSecret: 'b' } } }),
    ).rejects.toThrow(/unknown provider "github"/);
  });

  it('a malformed URL is an error', async () => {
    await expect(
      boot({
        ...base,
        providers: { google: { ...testCredentials('google'), tokenURL: 'not a url' } },
      }),
    ).rejects.toThrow(/providers.google.tokenURL must be an absolute http\(s\) URL/);
  });

  it('a provider whose passport package is not installed names the package to install', async () => {
    const githubLike = {
      ...googleProvider,
      id: 'github',
      name: 'GitHub',
      package: 'passport-github-not-installed',
      strategy: async () => (await import('passport-github-not-installed' as string)).Strategy,
    };
    await expect(
      boot({
        ...base,
        customProviders: [githubLike],
        providers: { github: { clientId: 'a', clientSecret: 'b' } },
      }),
    ).rejects.toThrow(
      new SocialOptionsError(
        'providers.github needs the package passport-github-not-installed: npm install passport-github-not-installed',
      ),
    );
  });

  it('a provider left undefined (an unset env var) is simply off', async () => {
    await expect(boot({ ...base, providers: { twitter: undefined } })).resolves.toBeUndefined();
  });
});

describe('two apps in one process', () => {
  it('each runs its own strategies (registered under names of its own), removed from passport on shutdown', async () => {
    const a = await startSocialTestApp(sandbox, { providers: ['google', 'twitter'] });
    const b = await startSocialTestApp(sandbox, {
      providers: ['google', 'twitter'],
      client: 'other',
    });
    const registered = () =>
      Object.keys((passport as unknown as { _strategies: object })._strategies).filter((name) =>
        name.startsWith('social:'),
      );
    try {
      const names = registered();
      expect(names).toHaveLength(4);
      expect(new Set(names.map((n) => n.split(':')[1])).size).toBe(2);
      // Both at once: each app's callback comes back to that app, through its own strategy.
      const pages = await Promise.all(
        [a, b].flatMap((app) =>
          (['google', 'twitter'] as const).map(async (provider) => {
            const flows = new Flows(app, new TestBrowser(), provider);
            await flows.logInAs('u1');
            return pageState(await flows.connect('allow', 'alice'));
          }),
        ),
      );
      expect(pages.map((p) => p.path)).toEqual([
        '/connected',
        '/connected',
        '/connected',
        '/connected',
      ]);
      expect((await a.rows()).length + (await b.rows()).length).toBe(4);
    } finally {
      await a.close();
    }
    expect(registered()).toHaveLength(2);
    await b.close();
    expect(registered()).toEqual([]);
  });
});
