import type { OnModuleDestroy } from '@nestjs/common';
import type { Request } from 'express';
import type { TokenCipher } from '../crypto/token-cipher.js';
import { OAuthStateStore, type PendingRoundTrip } from './oauth-state.store.js';
import { RoundTripCodec, type StoredRoundTrip } from './round-trip-codec.js';
import { sessionBinding } from './session-binding.util.js';

/** The part of an ioredis client the store uses (typed here, so ioredis stays an optional peer). */
export interface RedisStateClient {
  set(key: string, value: string, expiryMode: 'PX', milliseconds: number): Promise<unknown>;
  getdel(key: string): Promise<string | null>;
  quit(): Promise<unknown>;
}

/**
 * Pending round trips in Redis, for several instances: each under its own key with Redis's own
 * expiry, taken with `GETDEL` (Redis 6.2+), so exactly one callback gets it.
 *
 * @publicApi
 */
export class RedisOAuthStateStore extends OAuthStateStore implements OnModuleDestroy {
  private readonly codec: RoundTripCodec;

  /**
   * @param client an ioredis client
   * @param ownsClient close the client on shutdown (the module made it from `redis.url`)
   */
  constructor(
    private readonly client: RedisStateClient,
    cipher: TokenCipher | null,
    private readonly keyPrefix = 'social:oauth-state:',
    private readonly ownsClient = false,
  ) {
    super();
    this.codec = new RoundTripCodec(cipher);
  }

  async save(req: Request, roundTrip: PendingRoundTrip): Promise<void> {
    const stored = this.codec.encode(roundTrip, sessionBinding(req));
    const ttl = Math.max(1, roundTrip.expiresAt - Date.now());
    await this.client.set(
      this.key(roundTrip.providerId, roundTrip.handle),
      JSON.stringify(stored),
      'PX',
      ttl,
    );
  }

  async take(req: Request, providerId: string, handle: string): Promise<PendingRoundTrip | null> {
    const binding = sessionBinding(req);
    const value = await this.client.getdel(this.key(providerId, handle));
    return value ? this.codec.decode(JSON.parse(value) as StoredRoundTrip, binding) : null;
  }

  async onModuleDestroy(): Promise<void> {
    if (this.ownsClient) await this.client.quit();
  }

  private key(providerId: string, handle: string): string {
    return `${this.keyPrefix}${providerId}:${handle}`;
  }
}
