import { randomBytes } from 'node:crypto';
import { hostImports } from './fixtures/host-imports.js';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Logger, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { DataSource, type Repository } from 'typeorm';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import {
  Connection,
  type NewConnection,
  reencryptTokens,
  SocialModule,
  SocialOptionsError,
  SocialService,
  TokenCipher,
  TokenDecryptError,
  TypeOrmConnectionRepository,
  UnknownTokenKeyError,
  SOCIAL_ENTITIES,
} from 'nestjs-social';
import { startSandbox, type RunningSandbox } from '../apps/provider-sandbox/src/index.js';
import { startSocialTestApp } from './fixtures/social-test-app.js';
import { TestUsers } from './fixtures/test-users.js';
import { TestBrowser } from './support/browser.js';
import { postgres, sqlite } from './support/databases.js';
import { Flows } from './support/flows.js';

const newKey = (kid: string) => `${kid}:${randomBytes(32).toString('base64')}`;
const K1 = newKey('k1');
const K2 = newKey('k2');

let serial = 0;

/** A new connection with tokens that can be told apart. */
function values(overrides: Partial<NewConnection> = {}): NewConnection {
  serial += 1;
  return {
    userId: 'alice',
    providerId: 'twitter',
    providerUserId: `t-${serial}`,
    displayName: `@alice${serial}`,
    fullName: null,
    email: null,
    profileUrl: null,
    imageUrl: null,
    accessToken: `access-${serial}-plaintext`,
    secret: `secret-${serial}-plaintext`,
    refreshToken: `refresh-${serial}-plaintext`,
    expiresAt: null,
    scope: null,
    ...overrides,
  };
}

/** Silences and records the module's error log. */
function spyOnErrorLog() {
  return vi.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);
}

afterEach(() => {
  vi.restoreAllMocks();
});

describe.each([sqlite, postgres])('tokens at rest on $name', (backend) => {
  let dataSource: DataSource;
  let close: () => Promise<void>;
  let orm: Repository<Connection>;
  let repo: TypeOrmConnectionRepository;

  /** A repository over the same table with another keyring (or none). */
  const withKeys = (keys: string[] | null) =>
    new TypeOrmConnectionRepository(orm, keys ? new TokenCipher(keys) : null);

  beforeAll(async () => {
    ({ dataSource, close } = await backend.open());
    orm = dataSource.getRepository(Connection);
    repo = withKeys([K1]);
  });

  afterAll(async () => {
    await close?.();
  });

  beforeEach(async () => {
    await orm.clear();
  });

  /** Raw SQL written with $1.. placeholders, run on either database. */
  function sql(text: string, params: unknown[] = []) {
    return dataSource.query(
      backend.name === 'postgres' ? text : text.replace(/\$\d+/g, '?'),
      params,
    );
  }

  async function raw(id: string): Promise<Record<string, any>> {
    const rows = await sql('SELECT * FROM social_connection WHERE id = $1', [id]);
    expect(rows).toHaveLength(1);
    return rows[0];
  }

  /** Flips one byte of the ciphertext part of an envelope. */
  function tamper(envelope: string): string {
    const parts = envelope.split('.');
    const ct = Buffer.from(parts[3]!, 'base64url');
    ct[0]! ^= 0x01;
    parts[3] = ct.toString('base64url');
    return parts.join('.');
  }

  it('stores v1 envelopes, never the tokens; raw SQL shows no plaintext', async () => {
    const input = values();
    const created = await repo.createConnection(input);
    const row = await raw(created.id);
    for (const column of ['accessToken', 'secret', 'refreshToken'] as const) {
      expect(row[column]).not.toBe(input[column]);
      expect(row[column]).toMatch(/^v1\.k1\./);
      expect(row[column]).not.toContain(input[column]);
    }
    expect(row.encKeyId).toBe('k1');
    expect(row.status).toBe('active');
    const dump = JSON.stringify(await sql('SELECT * FROM social_connection'));
    expect(dump).not.toContain('plaintext');
  });

  it('round-trips through every read and through updateTokens', async () => {
    const input = values({ secret: null });
    const created = await repo.createConnection(input);
    expect(created).toMatchObject({
      accessToken: input.accessToken,
      secret: null,
      refreshToken: input.refreshToken,
      status: 'active',
    });
    expect((await repo.findConnection('alice', 'twitter'))?.accessToken).toBe(input.accessToken);
    expect((await repo.findConnections('alice'))[0]?.refreshToken).toBe(input.refreshToken);
    expect((await repo.findByProviderUser('twitter', input.providerUserId))?.accessToken).toBe(
      input.accessToken,
    );
    expect((await raw(created.id)).secret).toBeNull();

    const updated = await repo.updateTokens(created.id, {
      accessToken: 'renewed-access',
      secret: 'renewed-secret',
      refreshToken: null,
      expiresAt: null,
      scope: 'tweet.read',
    });
    // No new refresh token was issued: the stored one is kept (RFC 6749 §6), re-sealed.
    expect(updated).toMatchObject({
      accessToken: 'renewed-access',
      secret: 'renewed-secret',
      refreshToken: input.refreshToken,
      scope: 'tweet.read',
    });
    const row = await raw(created.id);
    expect(row.accessToken).toMatch(/^v1\.k1\./);
    expect(row.secret).toMatch(/^v1\.k1\./);
    expect(row.refreshToken).toMatch(/^v1\.k1\./);
  });

  it('a flipped ciphertext byte: TokenDecryptError, the row is set needs_reauth, read without tokens, logged once', async () => {
    const log = spyOnErrorLog();
    const created = await repo.createConnection(values());
    const tampered = tamper((await raw(created.id)).accessToken);
    await sql('UPDATE social_connection SET "accessToken" = $1 WHERE id = $2', [
      tampered,
      created.id,
    ]);
    const cipher = new TokenCipher([K1]);
    expect(() =>
      cipher.decrypt(tampered, { rowId: created.id, column: 'accessToken', userId: 'alice' }),
    ).toThrow(TokenDecryptError);

    const read = await repo.findConnection('alice', 'twitter');
    expect(read).toMatchObject({
      id: created.id,
      status: 'needs_reauth',
      accessToken: '',
      secret: null,
      refreshToken: null,
    });
    const row = await raw(created.id);
    expect(row.status).toBe('needs_reauth');
    // The ciphertext stays: restoring a lost key must still be possible.
    expect(row.accessToken).toBe(tampered);

    await repo.findConnections('alice');
    await repo.findByProviderUser('twitter', created.providerUserId);
    expect(log).toHaveBeenCalledTimes(1);
    const message = String(log.mock.calls[0]![0]);
    expect(message).toContain(created.id);
    expect(message).toContain('needs_reauth');
    expect(message).not.toContain('plaintext');
    expect(message).not.toContain(tampered);
  });

  it('a later updateTokens (connect, login, reconnect) makes it active again', async () => {
    spyOnErrorLog();
    const created = await repo.createConnection(values());
    await sql('UPDATE social_connection SET "accessToken" = $1 WHERE id = $2', [
      'not an envelope',
      created.id,
    ]);
    expect((await repo.findConnection('alice', 'twitter'))?.status).toBe('needs_reauth');
    const updated = await repo.updateTokens(created.id, {
      accessToken: 'fresh',
      secret: 'fresh-secret',
      refreshToken: null,
      expiresAt: null,
      scope: null,
    });
    expect(updated).toMatchObject({ status: 'active', accessToken: 'fresh' });
    expect((await raw(created.id)).status).toBe('active');
  });

  it('ciphertext copied from row A to row B (same user, or another) does not decrypt', async () => {
    spyOnErrorLog();
    const a = await repo.createConnection(values());
    const b = await repo.createConnection(values());
    const c = await repo.createConnection(values({ userId: 'bob' }));
    const fromA = await raw(a.id);
    const cipher = new TokenCipher([K1]);
    expect(() =>
      cipher.decrypt(fromA.accessToken, { rowId: b.id, column: 'accessToken', userId: 'alice' }),
    ).toThrow(TokenDecryptError);
    // Within one row, another column's ciphertext does not open either.
    expect(() =>
      cipher.decrypt(fromA.secret, { rowId: a.id, column: 'accessToken', userId: 'alice' }),
    ).toThrow(TokenDecryptError);

    for (const target of [b, c]) {
      await sql(
        'UPDATE social_connection SET "accessToken" = $1, secret = $2, "refreshToken" = $3 WHERE id = $4',
        [fromA.accessToken, fromA.secret, fromA.refreshToken, target.id],
      );
    }
    expect(await repo.findByProviderUser('twitter', b.providerUserId)).toMatchObject({
      status: 'needs_reauth',
      accessToken: '',
    });
    expect(await repo.findByProviderUser('twitter', c.providerUserId)).toMatchObject({
      status: 'needs_reauth',
      accessToken: '',
    });
    expect(await repo.findByProviderUser('twitter', a.providerUserId)).toMatchObject({
      status: 'active',
      accessToken: a.accessToken,
    });
  });

  it('rotation: old rows decrypt under a new current key; reencryptAll moves every row to it', async () => {
    const old = [
      await repo.createConnection(values()),
      await repo.createConnection(values({ secret: null, refreshToken: null })),
      await repo.createConnection(values({ userId: 'bob' })),
    ];
    const before = await Promise.all(old.map((c) => raw(c.id)));
    const rotated = withKeys([K2, K1]);
    for (const c of old) {
      expect(await rotated.findByProviderUser('twitter', c.providerUserId)).toMatchObject({
        accessToken: c.accessToken,
        secret: c.secret,
        refreshToken: c.refreshToken,
        status: 'active',
      });
    }
    const fresh = await rotated.createConnection(values());
    expect((await raw(fresh.id)).encKeyId).toBe('k2');

    expect(await rotated.reencryptAll(2)).toEqual({ reencrypted: 3, failed: 0 });
    const rows = await sql('SELECT * FROM social_connection');
    expect(rows).toHaveLength(4);
    for (const row of rows) {
      expect(row.encKeyId).toBe('k2');
      expect(row.accessToken).toMatch(/^v1\.k2\./);
    }
    // Bookkeeping, not a token refresh: updatedAt stays.
    for (const [i, c] of old.entries()) {
      expect((await raw(c.id)).updatedAt).toEqual(before[i]!.updatedAt);
    }
    // The old key can go now.
    const k2Only = withKeys([K2]);
    for (const c of [...old, fresh]) {
      expect(await k2Only.findByProviderUser('twitter', c.providerUserId)).toMatchObject({
        accessToken: c.accessToken,
        secret: c.secret,
        refreshToken: c.refreshToken,
        status: 'active',
      });
    }
    expect(await rotated.reencryptAll()).toEqual({ reencrypted: 0, failed: 0 });
  });

  it('an unknown key id is a rotation not rolled out here, not tampering: never flagged; reading it throws UnknownTokenKeyError, reencryptAll leaves it and counts it', async () => {
    spyOnErrorLog();
    const created = await repo.createConnection(values());
    const before = await raw(created.id);
    const withoutK1 = withKeys([K2]);
    expect(() =>
      new TokenCipher([K2]).decrypt(before.accessToken, {
        rowId: created.id,
        column: 'accessToken',
        userId: 'alice',
      }),
    ).toThrow(UnknownTokenKeyError);
    await expect(withoutK1.findConnection('alice', 'twitter')).rejects.toThrow(
      /unknown key id "k1": add it to tokenEncryptionKeys/,
    );
    expect(await withoutK1.reencryptAll()).toEqual({ reencrypted: 0, failed: 1 });
    const after = await raw(created.id);
    expect(after.status).toBe('active');
    expect(after.accessToken).toBe(before.accessToken);
    expect(after.encKeyId).toBe('k1');
    expect((await repo.findConnection('alice', 'twitter'))?.status).toBe('active');
  });

  it('a plaintext value in a row marked encrypted is an error, never taken as the token', async () => {
    spyOnErrorLog();
    const created = await repo.createConnection(values());
    await sql('UPDATE social_connection SET "accessToken" = $1 WHERE id = $2', [
      'ya29.looks-like-a-token',
      created.id,
    ]);
    expect(await repo.findConnection('alice', 'twitter')).toMatchObject({
      status: 'needs_reauth',
      accessToken: '',
    });
  });

  it('reencryptAll never overwrites a token update that lands while it runs', async () => {
    const created = await repo.createConnection(values());
    const other = await repo.createConnection(values());
    const rotated = withKeys([K2, K1]);
    const find = orm.find.bind(orm);
    // The app refreshes the first row's tokens between the job's read and its write.
    vi.spyOn(orm, 'find').mockImplementationOnce(async (options) => {
      const rows = await find(options);
      await rotated.updateTokens(created.id, {
        accessToken: 'refreshed-meanwhile',
        secret: null,
        refreshToken: null,
        expiresAt: null,
        scope: null,
      });
      return rows;
    });
    expect(await rotated.reencryptAll()).toEqual({ reencrypted: 1, failed: 0 });
    expect(await rotated.findByProviderUser('twitter', created.providerUserId)).toMatchObject({
      accessToken: 'refreshed-meanwhile',
      status: 'active',
    });
    expect(await rotated.findByProviderUser('twitter', other.providerUserId)).toMatchObject({
      accessToken: other.accessToken,
    });
    expect(
      (await sql('SELECT "encKeyId" FROM social_connection')).map((r: any) => r.encKeyId),
    ).toEqual(['k2', 'k2']);
  });

  it('tokenEncryptionKeys: false stores plaintext (encKeyId null); reencryptAll with keys migrates those rows', async () => {
    spyOnErrorLog();
    const plain = withKeys(null);
    const input = values();
    const created = await plain.createConnection(input);
    const row = await raw(created.id);
    expect(row.accessToken).toBe(input.accessToken);
    expect(row.secret).toBe(input.secret);
    expect(row.encKeyId).toBeNull();
    await expect(plain.reencryptAll()).rejects.toThrow(/needs tokenEncryptionKeys/);

    // Keys turned on later: plaintext rows (encKeyId null) still read, until the job moves them.
    expect((await repo.findConnection('alice', 'twitter'))?.accessToken).toBe(input.accessToken);
    expect(await repo.reencryptAll()).toEqual({ reencrypted: 1, failed: 0 });
    const migrated = await raw(created.id);
    expect(migrated.accessToken).toMatch(/^v1\.k1\./);
    expect(migrated.encKeyId).toBe('k1');
    expect(await repo.findConnection('alice', 'twitter')).toMatchObject({
      accessToken: input.accessToken,
      secret: input.secret,
      refreshToken: input.refreshToken,
    });

    // And turned off again: encrypted rows are not handed out as if they were plaintext.
    expect(await plain.findConnection('alice', 'twitter')).toMatchObject({
      status: 'needs_reauth',
      accessToken: '',
    });
  });

  it('reencryptAll refuses a batch size that is not a positive integer', async () => {
    await expect(repo.reencryptAll(0)).rejects.toThrow(RangeError);
  });
});

describe('tokens at rest in a running app', () => {
  let sandbox: RunningSandbox;
  beforeAll(async () => {
    sandbox = await startSandbox({ logger: false });
  });
  afterAll(async () => {
    await sandbox?.close();
  });

  it('getApi gives null for a connection whose tokens do not decrypt; a reconnect restores it', async () => {
    spyOnErrorLog();
    const app = await startSocialTestApp(sandbox, { providers: ['twitter'] });
    try {
      const flows = new Flows(app, new TestBrowser(), 'twitter');
      await flows.logInAs('u1');
      await flows.connect('allow', 'alice');
      const [row] = await app.rows();
      expect(row!.accessToken).toMatch(/^v1\.k1\./);
      expect(row!.secret).toMatch(/^v1\.k1\./);
      const social = app.app.get(SocialService);
      const api = await social.twitter.getApi('u1');
      const tweet = await api!.v2.tweet('signed with the decrypted secret');
      expect(tweet.data.text).toBe('signed with the decrypted secret');

      await app.dataSource.query('UPDATE social_connection SET secret = ? WHERE id = ?', [
        row!.accessToken,
        row!.id,
      ]);
      expect(await social.twitter.getApi('u1')).toBeNull();
      expect(await social.twitter.getConnection('u1')).toMatchObject({ status: 'needs_reauth' });
      expect((await app.rows())[0]!.status).toBe('needs_reauth');

      await flows.reconnect('alice');
      expect((await app.rows())[0]!.status).toBe('active');
      const again = await social.twitter.getApi('u1');
      expect(again).not.toBeNull();
      await again!.v2.tweet('reconnected');
    } finally {
      await app.close();
    }
  });

  it('tokenEncryptionKeys: false stores the tokens as they are', async () => {
    const app = await startSocialTestApp(sandbox, {
      providers: ['google'],
      overrides: { tokenEncryptionKeys: false },
    });
    try {
      const flows = new Flows(app, new TestBrowser(), 'google');
      await flows.logInAs('u1');
      await flows.connect('allow', 'alice');
      const [row] = await app.rows();
      expect(row!.encKeyId).toBeNull();
      expect(row!.accessToken).not.toMatch(/^v1\./);
      const api = await app.app.get(SocialService).google.getApi('u1');
      const userinfo = await api!.request<{ sub: string }>({
        url: `${sandbox.url}/google/oauth2/v3/userinfo`,
      });
      expect(userinfo.data).toHaveProperty('sub');
    } finally {
      await app.close();
    }
  });
});

describe('tokenEncryptionKeys at boot, and the re-encryption command', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'social-reencrypt-'));
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  function appModule(tokenEncryptionKeys: unknown) {
    @Module({
      imports: hostImports(
        join(dir, 'app.sqlite'),
        SocialModule.forRoot({
          appUrl: 'http://127.0.0.1:1',
          users: TestUsers,
          providers: {},
          ...(tokenEncryptionKeys === undefined ? {} : { tokenEncryptionKeys }),
        } as never),
      ),
      providers: [TestUsers],
    })
    class AppModule {}
    return AppModule;
  }

  it('refuses to boot without tokenEncryptionKeys, saying how to make a key or opt out', async () => {
    const boot = NestFactory.createApplicationContext(appModule(undefined), {
      logger: false,
      abortOnError: false,
    });
    await expect(boot).rejects.toThrow(SocialOptionsError);
    await expect(boot).rejects.toThrow(
      /tokenEncryptionKeys is required.*randomBytes\(32\).*tokenEncryptionKeys: false/,
    );
  });

  it('refuses to boot with a key that is not 32 bytes', async () => {
    const boot = NestFactory.createApplicationContext(
      appModule([`k1:${randomBytes(24).toString('base64')}`]),
      { logger: false, abortOnError: false },
    );
    await expect(boot).rejects.toThrow(/exactly 32 random bytes in base64, got 24 bytes/);
  });

  it('reencryptTokens(app) moves every row, plaintext ones included, to the current key', async () => {
    vi.spyOn(Logger.prototype, 'log').mockImplementation(() => undefined);
    // Rows written before: one under k1, one in plaintext (encryption was off).
    const seed = new DataSource({
      type: 'better-sqlite3',
      database: join(dir, 'app.sqlite'),
      entities: SOCIAL_ENTITIES,
      synchronize: true,
    });
    await seed.initialize();
    const orm = seed.getRepository(Connection);
    const encrypted = await new TypeOrmConnectionRepository(
      orm,
      new TokenCipher([K1]),
    ).createConnection(values());
    const plaintext = await new TypeOrmConnectionRepository(orm, null).createConnection(values());
    await seed.destroy();

    const app = await NestFactory.createApplicationContext(appModule([K2, K1]), {
      logger: false,
      abortOnError: false,
    });
    try {
      expect(await reencryptTokens(app)).toEqual({ reencrypted: 2, failed: 0 });
      const rows = await app.get(DataSource).query('SELECT * FROM social_connection');
      expect(rows.map((r: any) => r.encKeyId)).toEqual(['k2', 'k2']);
      const repository = new TypeOrmConnectionRepository(
        app.get(DataSource).getRepository(Connection),
        new TokenCipher([K2]),
      );
      for (const c of [encrypted, plaintext]) {
        expect(
          (await repository.findByProviderUser('twitter', c.providerUserId))?.accessToken,
        ).toBe(c.accessToken);
      }
    } finally {
      await app.close();
    }
  });
});
