// Issue 9, item 3: a host app's setup mistakes stop the boot with the fix, or answer the first
// request with a message that names it: never a TypeError, never the provider blamed.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Injectable, Module, type DynamicModule, type Type } from '@nestjs/common';
import { EventEmitterModule } from '@nestjs/event-emitter';
import { TypeOrmModule, type TypeOrmModuleOptions } from '@nestjs/typeorm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  SOCIAL_ENTITIES,
  SOCIAL_MIGRATIONS,
  SocialMessages,
  SocialModule,
  SocialUsers,
} from 'nestjs-social';
import { TestUsers } from './fixtures/test-users.js';
import { bootError } from './support/boot.js';
import { TestBrowser } from './support/browser.js';
import { CapturingLogger } from './support/capturing-logger.js';
import { freshPostgresDatabase } from './support/databases.js';
import { JSON_ACCEPT, pageState } from './support/flows.js';
import { useSandboxApp } from './support/sandbox-app.js';

describe('no session middleware', () => {
  const logger = new CapturingLogger();
  const env = useSandboxApp({ providers: ['google', 'twitter'], logger, withoutSession: true });
  beforeEach(() => logger.clear());

  it.each(['google', 'twitter'] as const)(
    '%s: a start answers 500 SOCIAL_SETUP_ERROR, the provider is never called, the log names the fix once',
    async (provider) => {
      const browser = new TestBrowser();
      const url = `${env.app.url}/login/${provider}`;
      const first = await browser.post(url, {}, { headers: JSON_ACCEPT, follow: false });
      const again = await browser.post(url, {}, { headers: JSON_ACCEPT, follow: false });
      for (const page of [first, again]) {
        expect(page.status).toBe(500);
        expect(JSON.parse(page.text)).toEqual({
          statusCode: 500,
          ok: false,
          code: 'SOCIAL_SETUP_ERROR',
          message: SocialMessages.setupError(),
          redirect: '/after-login',
        });
      }
      // Logged once per app: by the first of these tests.
      const fixes = logger.lines.filter((line) => line.includes('no session middleware'));
      expect(fixes).toHaveLength(provider === 'google' ? 1 : 0);
      for (const fix of fixes) {
        expect(fix).toContain(
          'app.use(session({ secret: process.env.SESSION_SECRET, resave: false',
        );
        expect(fix).toContain("from 'express-session'");
      }
      expect(logger.lines.join('\n')).not.toMatch(/TypeError|could not complete/);
      expect(env.sandbox.calls(provider, provider === 'twitter' ? 'request_token' : 'token')).toBe(
        0,
      );
    },
  );

  it('a browser gets the message as text; the JSON list of connections says the same', async () => {
    const browser = new TestBrowser();
    const page = await browser.post(`${env.app.url}/login/google`, {}, { follow: false });
    expect(page.status).toBe(500);
    expect(page.text).toBe(SocialMessages.setupError());
    const list = await browser.get(`${env.app.url}/connections`, { headers: JSON_ACCEPT });
    expect(list.status).toBe(500);
    expect(JSON.parse(list.text).code).toBe('SOCIAL_SETUP_ERROR');
  });
});

describe('a flow started by a GET link (the start is a POST form)', () => {
  const env = useSandboxApp({ providers: ['google', 'twitter'] });

  it.each(['google', 'twitter'] as const)(
    '%s: GET /login answers 400 START_NEEDS_POST and never reaches the provider',
    async (provider) => {
      const name = provider === 'google' ? 'Google' : 'Twitter';
      const browser = new TestBrowser();
      const page = await browser.get(`${env.app.url}/login/${provider}`, {
        headers: JSON_ACCEPT,
        follow: false,
      });
      expect(page.status).toBe(400);
      expect(JSON.parse(page.text)).toMatchObject({
        ok: false,
        code: 'START_NEEDS_POST',
        message: SocialMessages.startNeedsPost(name),
        redirect: '/login',
      });
      expect(env.sandbox.calls(provider, provider === 'twitter' ? 'request_token' : 'token')).toBe(
        0,
      );
    },
  );

  it('a browser following the link lands on the login page with the message as a flash', async () => {
    const browser = new TestBrowser();
    const page = await browser.get(`${env.app.url}/login/google`);
    const state = pageState(page);
    expect(state.path).toBe('/login');
    expect(state.flashes['error']).toEqual([SocialMessages.startNeedsPost('Google')]);
  });

  it('a connect link of a logged-in user is refused the same way, back to connectDenyRedirect', async () => {
    const browser = new TestBrowser();
    await browser.post(`${env.app.url}/test/login/u1`);
    const page = await browser.get(`${env.app.url}/connect/google`, {
      headers: JSON_ACCEPT,
      follow: false,
    });
    expect(page.status).toBe(400);
    expect(JSON.parse(page.text)).toMatchObject({ code: 'START_NEEDS_POST', redirect: '/denied' });
  });

  it('a callback with only an error (the provider refusing) is still a callback', async () => {
    const browser = new TestBrowser();
    const page = await browser.get(`${env.app.url}/login/google?error=access_denied`, {
      headers: JSON_ACCEPT,
      follow: false,
    });
    expect(JSON.parse(page.text).code).not.toBe('START_NEEDS_POST');
  });
});

/** A minimal host app around SocialModule: the given TypeORM options, users, and imports. */
function hostApp(
  typeorm: TypeOrmModuleOptions,
  {
    users = TestUsers as Type<SocialUsers>,
    register = true,
    events = true,
  }: { users?: Type<SocialUsers>; register?: boolean; events?: boolean } = {},
) {
  const imports: DynamicModule[] = [
    TypeOrmModule.forRoot(typeorm),
    ...(events ? [EventEmitterModule.forRoot()] : []),
    SocialModule.forRoot({
      appUrl: 'http://127.0.0.1:3000',
      users,
      providers: { google: { clientId: 'id', clientSecret: 'secret' } },
      tokenEncryptionKeys: false,
    }),
  ];
  @Module({ imports, providers: register ? [users] : [] })
  class HostModule {}
  return HostModule;
}

describe('the Connection entity and its table, checked at boot', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'nestjs-social-setup-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));
  const sqlite = () => ({ type: 'better-sqlite3' as const, database: join(dir, 'app.sqlite') });

  it('an entity missing from the data source stops the boot, naming autoLoadEntities and SOCIAL_ENTITIES', async () => {
    const error = await bootError(hostApp({ ...sqlite(), entities: [], synchronize: true }));
    expect(error?.message).toMatch(
      /the Connection entity is not registered with the TypeORM data source: set autoLoadEntities: true .* add SOCIAL_ENTITIES/,
    );
  });

  it('a missing table stops the boot, naming SOCIAL_MIGRATIONS', async () => {
    const error = await bootError(hostApp({ ...sqlite(), entities: SOCIAL_ENTITIES }));
    expect(error?.message).toMatch(
      /the table social_connection \(Connection\) does not exist: add SOCIAL_MIGRATIONS/,
    );
  });

  it('a table from before a migration stops the boot, naming the missing columns', async () => {
    const error = await bootError(
      hostApp({
        ...sqlite(),
        entities: SOCIAL_ENTITIES,
        migrations: SOCIAL_MIGRATIONS.slice(0, 1),
        migrationsRun: true,
      }),
    );
    expect(error?.message).toMatch(
      /the table social_connection \(Connection\) lacks the columns .*status/,
    );
  });

  it('the migrations run at boot: the app starts', async () => {
    const options = { ...sqlite(), entities: SOCIAL_ENTITIES, migrations: SOCIAL_MIGRATIONS };
    expect(await bootError(hostApp({ ...options, migrationsRun: true }))).toBeNull();
  });

  describe('on PostgreSQL', () => {
    let db: Awaited<ReturnType<typeof freshPostgresDatabase>>;
    beforeEach(async () => {
      db = await freshPostgresDatabase();
    });
    afterEach(async () => db.drop());

    it('a missing table stops the boot; with the migrations run it starts', async () => {
      const pg = { type: 'postgres' as const, url: db.url, entities: SOCIAL_ENTITIES };
      const missing = await bootError(hostApp(pg));
      expect(missing?.message).toMatch(/the table social_connection \(Connection\) does not exist/);
      const migrated = { ...pg, migrations: SOCIAL_MIGRATIONS, migrationsRun: true };
      expect(await bootError(hostApp(migrated))).toBeNull();
    });
  });
});

@Injectable()
class UsersDirectory {}

/** A users class with a dependency of its own, as an app's usually is. */
@Injectable()
class UsersService extends TestUsers {
  constructor(readonly directory: UsersDirectory) {
    super();
  }
}

describe('the users class, resolved at boot', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'nestjs-social-setup-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));
  const db = () => ({
    type: 'better-sqlite3' as const,
    database: join(dir, 'app.sqlite'),
    autoLoadEntities: true,
    synchronize: true,
  });

  it('one with dependencies, not registered as a provider, stops the boot with the fix', async () => {
    const error = await bootError(hostApp(db(), { users: UsersService, register: false }));
    expect(error?.message).toMatch(
      /the users class UsersService is not registered as a provider, and SocialModule cannot create it .* Add UsersService to the providers of one of your modules \(e\.g\. @Module\(\{ providers: \[UsersService\] \}\)/,
    );
  });

  it('one without dependencies needs no registration: the module creates it', async () => {
    expect(await bootError(hostApp(db(), { register: false }))).toBeNull();
  });

  it('EventEmitterModule missing: the app boots and warns that no events are emitted', async () => {
    const logger = new CapturingLogger();
    expect(await bootError(hostApp(db(), { events: false }), logger)).toBeNull();
    expect(logger.lines).toContainEqual(
      expect.stringContaining('EventEmitterModule.forRoot() is not imported'),
    );
  });
});
