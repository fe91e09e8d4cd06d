import type { Provider, Type } from '@nestjs/common';
import { getRepositoryToken } from '@nestjs/typeorm';
import type { Repository } from 'typeorm';
import type { TokenCipher } from './crypto/token-cipher.js';
import { OAuthStateRecord } from './oauth/oauth-state.entity.js';
import { OAuthStateStore } from './oauth/oauth-state.store.js';
import { RedisOAuthStateStore } from './oauth/redis-oauth-state.store.js';
import { SessionOAuthStateStore } from './oauth/session-oauth-state.store.js';
import { TypeOrmOAuthStateStore } from './oauth/typeorm-oauth-state.store.js';
import type { ResolvedRedis, ResolvedSocialOptions } from './options/social-options.resolver.js';
import { SocialOptionsError } from './social.exceptions.js';
import { RESOLVED_SOCIAL_OPTIONS, SOCIAL_TOKEN_CIPHER } from './social.internal-constants.js';

/**
 * The `OAuthStateStore` the `stateStore` extra names: the built-in three are built here with
 * what each needs (session keys, the table's repository, a Redis client), any other class by Nest.
 */
export function oauthStateStoreProvider(
  stateStore: Type<OAuthStateStore> | undefined,
  dataSource: string | undefined,
): Provider {
  if (stateStore === TypeOrmOAuthStateStore) {
    return {
      provide: OAuthStateStore,
      useFactory: (records: Repository<OAuthStateRecord>, cipher: TokenCipher | null) =>
        new TypeOrmOAuthStateStore(records, cipher),
      inject: [getRepositoryToken(OAuthStateRecord, dataSource), SOCIAL_TOKEN_CIPHER],
    };
  }
  if (stateStore === RedisOAuthStateStore) {
    return {
      provide: OAuthStateStore,
      useFactory: (options: ResolvedSocialOptions, cipher: TokenCipher | null) =>
        redisStateStore(options.redis, cipher),
      inject: [RESOLVED_SOCIAL_OPTIONS, SOCIAL_TOKEN_CIPHER],
    };
  }
  if (stateStore && stateStore !== SessionOAuthStateStore) {
    return { provide: OAuthStateStore, useClass: stateStore };
  }
  return {
    provide: OAuthStateStore,
    useFactory: (options: ResolvedSocialOptions, cipher: TokenCipher | null) =>
      new SessionOAuthStateStore(
        { login: options.postOAuthLoginSessionKey, connect: options.postOAuthConnectSessionKey },
        cipher,
      ),
    inject: [RESOLVED_SOCIAL_OPTIONS, SOCIAL_TOKEN_CIPHER],
  };
}

async function redisStateStore(redis: ResolvedRedis | undefined, cipher: TokenCipher | null) {
  if (!redis) {
    throw new SocialOptionsError(
      "stateStore: RedisOAuthStateStore needs the redis option, e.g. redis: 'redis://127.0.0.1:6379'",
    );
  }
  if ('client' in redis) return new RedisOAuthStateStore(redis.client, cipher, redis.keyPrefix);
  let Redis: typeof import('ioredis').Redis;
  try {
    ({ Redis } = await import('ioredis'));
  } catch {
    throw new SocialOptionsError(
      'stateStore: RedisOAuthStateStore needs the package ioredis: npm install ioredis',
    );
  }
  // Fail at boot, not at the first login, when Redis cannot be reached.
  const client = new Redis(redis.url, { lazyConnect: true, maxRetriesPerRequest: 2 });
  try {
    await client.connect();
  } catch (error) {
    client.disconnect();
    throw new SocialOptionsError(`redis: cannot connect (${(error as Error).message})`);
  }
  return new RedisOAuthStateStore(client, cipher, redis.keyPrefix, true);
}
