import { randomBytes } from 'node:crypto';
import { DataSource, QueryFailedError, type Repository } from 'typeorm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  Connection,
  ConnectionConflictError,
  ConnectionGoneError,
  type ConnectionTokens,
  type NewConnection,
  type ProfileValues,
  TokenCipher,
  TypeOrmConnectionRepository,
} from 'nestjs-social';
import { postgres, sqlite } from './support/databases.js';

let serial = 0;

/** Tokens of a round trip that issued only an access token (set per test). */
const NO_TOKENS: ConnectionTokens = {
  accessToken: '',
  secret: null,
  refreshToken: null,
  expiresAt: null,
  scope: null,
};

/** Values of a new connection, with unique tokens so rows can be told apart. */
function values(overrides: Partial<NewConnection> = {}): NewConnection {
  serial += 1;
  return {
    userId: 'alice',
    providerId: 'google',
    providerUserId: `g-${serial}`,
    displayName: `Account ${serial}`,
    fullName: 'Alice Liddell',
    email: 'alice@example.com',
    profileUrl: null,
    imageUrl: `https://images.example.com/${serial}.png`,
    accessToken: `access-${serial}`,
    secret: null,
    refreshToken: `refresh-${serial}`,
    expiresAt: new Date('2030-01-01T00:00:00.000Z'),
    scope: 'openid email profile',
    ...overrides,
  };
}

describe.each([sqlite, postgres])('TypeOrmConnectionRepository on $name', (backend) => {
  let dataSource: DataSource;
  let close: () => Promise<void>;
  let orm: Repository<Connection>;
  let repo: TypeOrmConnectionRepository;

  beforeAll(async () => {
    ({ dataSource, close } = await backend.open());
    orm = dataSource.getRepository(Connection);
    repo = new TypeOrmConnectionRepository(
      orm,
      new TokenCipher([`k1:${randomBytes(32).toString('base64')}`]),
    );
  });

  afterAll(async () => {
    await close?.();
  });

  beforeEach(async () => {
    await orm.clear();
  });

  /** The row as the database holds it, read with raw SQL. */
  async function rawRow(id: string): Promise<Record<string, unknown>> {
    const placeholder = backend.name === 'postgres' ? '$1' : '?';
    const rows = await dataSource.query(
      `SELECT * FROM social_connection WHERE id = ${placeholder}`,
      [id],
    );
    expect(rows).toHaveLength(1);
    return rows[0];
  }

  describe('createConnection and the finders', () => {
    it('creates a connection and finds it back with every value', async () => {
      const input = values({ providerUserId: '110169484474386276334' });
      const created = await repo.createConnection(input);
      expect(created.id).toMatch(/^[0-9a-f-]{36}$/);
      expect(created).toMatchObject({ ...input, rank: 1 });
      expect(created.createdAt).toBeInstanceOf(Date);
      expect(created.updatedAt).toBeInstanceOf(Date);
      expect(created.expiresAt).toEqual(new Date('2030-01-01T00:00:00.000Z'));

      expect(await repo.findConnection('alice', 'google')).toEqual(created);
      expect(await repo.findConnection('alice', 'google', '110169484474386276334')).toEqual(
        created,
      );
      expect(await repo.findByProviderUser('google', '110169484474386276334')).toEqual(created);
    });

    it('finds nothing for another user, provider or provider user id', async () => {
      await repo.createConnection(values({ providerUserId: 'g-1' }));
      expect(await repo.findConnection('bob', 'google')).toBeNull();
      expect(await repo.findConnection('alice', 'twitter')).toBeNull();
      expect(await repo.findConnection('alice', 'google', 'g-2')).toBeNull();
      expect(await repo.findByProviderUser('google', 'g-2')).toBeNull();
      expect(await repo.findByProviderUser('facebook', 'g-1')).toBeNull();
      expect(await repo.findConnections('bob')).toEqual([]);
    });

    it('numbers a second and third account of one provider with rank 2 and 3', async () => {
      const first = await repo.createConnection(values());
      const second = await repo.createConnection(values());
      const third = await repo.createConnection(values());
      const otherProvider = await repo.createConnection(values({ providerId: 'twitter' }));
      const otherUser = await repo.createConnection(values({ userId: 'bob' }));
      expect([first.rank, second.rank, third.rank]).toEqual([1, 2, 3]);
      expect(otherProvider.rank).toBe(1);
      expect(otherUser.rank).toBe(1);
    });

    it('findConnection without a provider user id returns the first by rank', async () => {
      const first = await repo.createConnection(values());
      const second = await repo.createConnection(values());
      expect((await repo.findConnection('alice', 'google'))?.id).toBe(first.id);
      expect((await repo.findConnection('alice', 'google', second.providerUserId))?.id).toBe(
        second.id,
      );
    });

    it('findConnections orders by provider, then rank, and filters by provider', async () => {
      const twitter = await repo.createConnection(values({ providerId: 'twitter' }));
      const google1 = await repo.createConnection(values({ providerId: 'google' }));
      const google2 = await repo.createConnection(values({ providerId: 'google' }));
      const facebook = await repo.createConnection(values({ providerId: 'facebook' }));
      await repo.createConnection(values({ userId: 'bob' }));

      const all = await repo.findConnections('alice');
      expect(all.map((c) => c.id)).toEqual([facebook.id, google1.id, google2.id, twitter.id]);
      const google = await repo.findConnections('alice', 'google');
      expect(google.map((c) => [c.id, c.rank])).toEqual([
        [google1.id, 1],
        [google2.id, 2],
      ]);
    });

    it('findByProviderUser finds the account whichever user holds it', async () => {
      const bobs = await repo.createConnection(values({ userId: 'bob', providerUserId: 'shared' }));
      expect((await repo.findByProviderUser('google', 'shared'))?.userId).toBe('bob');
      expect((await repo.findByProviderUser('google', 'shared'))?.id).toBe(bobs.id);
    });

    it('stores long tokens whole (text columns)', async () => {
      const accessToken = 'a'.repeat(8192);
      const created = await repo.createConnection(values({ accessToken }));
      expect((await repo.findByProviderUser('google', created.providerUserId))?.accessToken).toBe(
        accessToken,
      );
    });
  });

  describe('the unique (providerId, providerUserId)', () => {
    it('rejects a second connection to the same provider account with ConnectionConflictError', async () => {
      const existing = await repo.createConnection(values({ providerUserId: 'taken' }));
      const before = await rawRow(existing.id);

      const attempt = repo.createConnection(
        values({
          userId: 'mallory',
          providerUserId: 'taken',
          accessToken: 'mallory-token',
          displayName: 'Mallory',
        }),
      );
      await expect(attempt).rejects.toBeInstanceOf(ConnectionConflictError);
      await expect(attempt).rejects.toMatchObject({
        providerId: 'google',
        providerUserId: 'taken',
      });

      expect(await rawRow(existing.id)).toStrictEqual(before);
      expect(await orm.count()).toBe(1);
    });

    it('allows the same provider user id at another provider', async () => {
      await repo.createConnection(values({ providerId: 'google', providerUserId: '1234' }));
      await repo.createConnection(values({ providerId: 'facebook', providerUserId: '1234' }));
      expect(await orm.count()).toBe(2);
    });

    it('lets exactly one of 10 concurrent creates of one provider account win', async () => {
      const attempts = Array.from({ length: 10 }, (_, i) =>
        repo.createConnection(
          values({ providerUserId: 'raced', accessToken: `token-${i}`, userId: 'alice' }),
        ),
      );
      const results = await Promise.allSettled(attempts);
      const fulfilled = results.filter((r) => r.status === 'fulfilled');
      const rejected = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
      expect(fulfilled).toHaveLength(1);
      expect(rejected).toHaveLength(9);
      for (const r of rejected) expect(r.reason).toBeInstanceOf(ConnectionConflictError);
      expect(await orm.count()).toBe(1);
      const winner = (fulfilled[0] as PromiseFulfilledResult<Connection>).value;
      expect(await repo.findByProviderUser('google', 'raced')).toEqual(winner);
    });

    it('has the unique constraint and the (userId, providerId) index in the catalog', async () => {
      const { unique, indexes } = await backend.schema(dataSource);
      expect(unique).toContainEqual(['providerId', 'providerUserId']);
      expect(indexes.get('IDX_social_connection_user_provider')).toEqual(['userId', 'providerId']);
    });

    it(`fails a raw duplicate INSERT with ${backend.uniqueViolationCode}`, async () => {
      const p = (n: number) => (backend.name === 'postgres' ? `$${n}` : '?');
      const insert =
        `INSERT INTO social_connection (id, "userId", "providerId", "providerUserId", "accessToken") ` +
        `VALUES (${p(1)}, ${p(2)}, ${p(3)}, ${p(4)}, ${p(5)})`;
      await dataSource.query(insert, [
        '00000000-0000-4000-8000-000000000001',
        'a',
        'google',
        'dup',
        't',
      ]);
      const error = await dataSource
        .query(insert, ['00000000-0000-4000-8000-000000000002', 'b', 'google', 'dup', 't'])
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(QueryFailedError);
      expect((error as QueryFailedError & { driverError: { code: string } }).driverError.code).toBe(
        backend.uniqueViolationCode,
      );
    });
  });

  // updateTokensOf is updateTokens for a row just read: one UPDATE, nothing read back. Both
  // must give the same results, and the same row.
  describe.each(['updateTokens', 'updateTokensOf'] as const)('%s', (method) => {
    function update(
      read: Connection,
      tokens: ConnectionTokens,
      profile?: Partial<Omit<ProfileValues, 'providerUserId'>>,
    ) {
      return method === 'updateTokens'
        ? repo.updateTokens(read.id, tokens, profile)
        : repo.updateTokensOf(read, tokens, profile);
    }

    it('replaces the tokens and the profile values, and moves updatedAt', async () => {
      const created = await repo.createConnection(values());
      // Put updatedAt in the past, so the update must move it whatever the clock resolution.
      await dataSource
        .createQueryBuilder()
        .update(Connection)
        .set({ updatedAt: new Date('2001-01-01T00:00:00.000Z') })
        .where('id = :id', { id: created.id })
        .execute();
      const old = await repo.findByProviderUser('google', created.providerUserId);
      expect(old!.updatedAt).toEqual(new Date('2001-01-01T00:00:00.000Z'));

      const updated = await update(
        old!,
        {
          accessToken: 'new-access',
          secret: null,
          refreshToken: null,
          expiresAt: new Date('2031-06-01T12:00:00.000Z'),
          scope: 'openid',
        },
        { displayName: 'Renamed', email: null, imageUrl: 'https://images.example.com/new.png' },
      );
      expect(updated).toMatchObject({
        id: created.id,
        providerUserId: created.providerUserId,
        accessToken: 'new-access',
        // None was issued: the stored one stays (RFC 6749 §6).
        refreshToken: created.refreshToken,
        expiresAt: new Date('2031-06-01T12:00:00.000Z'),
        scope: 'openid',
        displayName: 'Renamed',
        email: null,
        imageUrl: 'https://images.example.com/new.png',
        // Not given: unchanged.
        fullName: 'Alice Liddell',
        rank: 1,
      });
      expect(updated.createdAt).toEqual(created.createdAt);
      expect(updated.updatedAt.getTime()).toBeGreaterThan(old!.updatedAt.getTime());
      expect(await repo.findByProviderUser('google', created.providerUserId)).toEqual(updated);
    });

    it('replaces the refresh token and the scope only when new ones are given', async () => {
      const created = await repo.createConnection(values());
      const kept = await update(created, {
        accessToken: 'a2',
        secret: null,
        refreshToken: null,
        expiresAt: null,
        scope: null,
      });
      expect(kept).toMatchObject({ refreshToken: created.refreshToken, scope: created.scope });
      const replaced = await update(kept, {
        accessToken: 'a3',
        secret: null,
        refreshToken: 'r-new',
        expiresAt: null,
        scope: 'openid',
      });
      expect(replaced).toMatchObject({ refreshToken: 'r-new', scope: 'openid' });
      expect(await repo.findById(created.id)).toEqual(replaced);
    });

    it('fits an oversized profile on update too', async () => {
      const created = await repo.createConnection(values());
      const updated = await update(
        created,
        { accessToken: 'x', secret: null, refreshToken: null, expiresAt: null, scope: null },
        { displayName: 'd'.repeat(100 * 1024), profileUrl: 'https://x.test/' + 'p'.repeat(600) },
      );
      expect(updated.displayName).toHaveLength(255);
      expect(updated.profileUrl).toBeNull();
    });

    it('keeps a refresh token rotated by another process after the read', async () => {
      const read = await repo.createConnection(values());
      await repo.updateTokens(read.id, {
        ...NO_TOKENS,
        accessToken: 'a2',
        refreshToken: 'r-rotated',
      });
      await update(read, { ...NO_TOKENS, accessToken: 'a3' });
      expect(await repo.findById(read.id)).toMatchObject({
        accessToken: 'a3',
        refreshToken: 'r-rotated',
      });
    });

    it('rejects with ConnectionGoneError when the row was removed after the read', async () => {
      const read = await repo.createConnection(values());
      await repo.removeConnection(read.userId, read.providerId, read.providerUserId);
      await expect(update(read, { ...NO_TOKENS, accessToken: 'a2' })).rejects.toBeInstanceOf(
        ConnectionGoneError,
      );
      expect(await orm.count()).toBe(0);
    });

    it('re-seals the whole row under the current key when it was read under another', async () => {
      const oldKey = `old:${randomBytes(32).toString('base64')}`;
      const newKey = `new:${randomBytes(32).toString('base64')}`;
      const before = new TypeOrmConnectionRepository(orm, new TokenCipher([oldKey]));
      const after = new TypeOrmConnectionRepository(orm, new TokenCipher([newKey, oldKey]));
      const created = await before.createConnection(values());
      const read = await after.findById(created.id);
      const updated =
        method === 'updateTokens'
          ? await after.updateTokens(read!.id, { ...NO_TOKENS, accessToken: 'a2' })
          : await after.updateTokensOf(read!, { ...NO_TOKENS, accessToken: 'a2' });
      expect(await rawRow(read!.id)).toMatchObject({ encKeyId: 'new' });
      expect(await after.findById(read!.id)).toEqual(updated);
      expect(updated.refreshToken).toBe(created.refreshToken);
    });
  });

  describe('removal', () => {
    it('removeConnection removes one of the user’s connections: true, then false', async () => {
      const kept = await repo.createConnection(values());
      const removed = await repo.createConnection(values());
      expect(await repo.removeConnection('alice', 'google', removed.providerUserId)).toBe(true);
      expect(await repo.removeConnection('alice', 'google', removed.providerUserId)).toBe(false);
      expect((await repo.findConnections('alice')).map((c) => c.id)).toEqual([kept.id]);
    });

    it('removeConnection does not remove another user’s connection', async () => {
      const bobs = await repo.createConnection(values({ userId: 'bob' }));
      expect(await repo.removeConnection('alice', 'google', bobs.providerUserId)).toBe(false);
      expect(await repo.findByProviderUser('google', bobs.providerUserId)).not.toBeNull();
    });

    it('removeConnections removes all the user’s connections to the provider and counts them', async () => {
      await repo.createConnection(values());
      await repo.createConnection(values());
      const twitter = await repo.createConnection(values({ providerId: 'twitter' }));
      const bobs = await repo.createConnection(values({ userId: 'bob' }));
      const bobsBefore = await rawRow(bobs.id);

      expect(await repo.removeConnections('alice', 'google')).toBe(2);
      expect(await repo.removeConnections('alice', 'google')).toBe(0);
      expect((await repo.findConnections('alice')).map((c) => c.id)).toEqual([twitter.id]);
      expect(await rawRow(bobs.id)).toStrictEqual(bobsBefore);
    });
  });

  describe('oversized provider values', () => {
    it('stores a 100 KB displayName as at most 255 characters, without an error', async () => {
      const created = await repo.createConnection(
        values({
          displayName: 'n'.repeat(100 * 1024),
          fullName: 'é'.repeat(1000),
          email: 'e'.repeat(300) + '@example.com',
          profileUrl: 'https://x.test/' + 'p'.repeat(600),
        }),
      );
      const row = await rawRow(created.id);
      expect(String(row.displayName)).toBe('n'.repeat(255));
      expect(String(row.fullName)).toBe('é'.repeat(255));
      expect(String(row.email).length).toBeLessThanOrEqual(255);
      expect(row.profileUrl).toBeNull();
    });
  });

  it('claimRefresh: of concurrent claims exactly one wins, until it releases or the claim lapses', async () => {
    const { id } = await repo.createConnection(values());
    const until = new Date(Date.now() + 60_000);
    const claims = await Promise.all(
      Array.from({ length: 10 }, () => repo.claimRefresh(id, until)),
    );
    expect(claims.filter(Boolean)).toHaveLength(1);
    expect(await repo.claimRefresh(id, until)).toBe(false);
    await repo.releaseRefresh(id);
    expect(await repo.claimRefresh(id, new Date(Date.now() - 1))).toBe(true);
    // A claim whose time has passed (its holder died) can be taken over.
    expect(await repo.claimRefresh(id, until)).toBe(true);
  });

  it('setStatus with the refresh token it used sets needs_reauth only while that is still the stored one', async () => {
    const { id } = await repo.createConnection(values({ refreshToken: 'old-refresh' }));
    await repo.updateTokens(id, { ...values(), refreshToken: 'new-refresh' });
    const refused = { reason: 'refresh_refused', ifRefreshToken: 'old-refresh' } as const;
    expect(await repo.setStatus(id, 'needs_reauth', refused)).toBeNull();
    expect(await repo.findById(id)).toMatchObject({
      status: 'active',
      refreshToken: 'new-refresh',
    });
    await repo.setStatus(id, 'needs_reauth', { ...refused, ifRefreshToken: 'new-refresh' });
    expect(await repo.findById(id)).toMatchObject({
      status: 'needs_reauth',
      statusReason: 'refresh_refused',
    });
  });
});
