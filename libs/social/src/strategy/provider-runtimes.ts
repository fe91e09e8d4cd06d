import { Inject, Injectable } from '@nestjs/common';
import type { Strategy } from 'passport';
import type {
  ResolvedProviderConfig,
  SocialProviderDefinition,
} from '../providers/provider-definition.interface.js';
import { OAuth1RequestTokenStore } from '../security/oauth1-request-token.store.js';
import { OAuth2StateStore } from '../security/oauth2-state.store.js';
import type { ResolvedSocialOptions } from '../social-options.resolver.js';
import { RESOLVED_SOCIAL_OPTIONS } from '../social.internal-constants.js';
import { guardOAuthCallbacks } from './guard-oauth-callbacks.util.js';
import { toAuthResult } from './to-auth-result.util.js';

/** An enabled provider with its passport strategy, built once for this module instance. */
export interface ProviderRuntime {
  definition: SocialProviderDefinition;
  config: ResolvedProviderConfig;
  strategy: Strategy;
}

/**
 * One strategy instance per enabled provider. They are used directly, never registered in
 * passport's global registry, so two app instances in one process (tests, multi-tenant) with
 * different credentials cannot replace each other's strategies.
 */
@Injectable()
export class ProviderRuntimes {
  private readonly runtimes = new Map<string, ProviderRuntime>();

  constructor(@Inject(RESOLVED_SOCIAL_OPTIONS) options: ResolvedSocialOptions) {
    for (const [id, { definition, config }] of options.providers) {
      const store =
        definition.protocol === 'oauth1'
          ? new OAuth1RequestTokenStore(id)
          : new OAuth2StateStore(id, definition.pkce === true);
      // passport picks the verify signature from its arity: (req, token, tokenSecret|refreshToken, params, profile, done).
      const verify = (
        _req: unknown,
        token: string,
        secretOrRefresh: string | undefined,
        params: Record<string, unknown>,
        profile: { _json?: unknown },
        done: (err: unknown, user?: unknown) => void,
      ) => {
        try {
          done(null, toAuthResult(definition, config, token, secretOrRefresh, params, profile));
        } catch (error) {
          done(error);
        }
      };
      const strategy = definition.createStrategy(config, { verify, store });
      guardOAuthCallbacks(strategy);
      this.runtimes.set(id, { definition, config, strategy });
    }
  }

  /** The runtime of an enabled provider, or undefined. */
  get(providerId: string): ProviderRuntime | undefined {
    return this.runtimes.get(providerId);
  }

  /** Every enabled provider, in configuration order. */
  all(): ProviderRuntime[] {
    return [...this.runtimes.values()];
  }
}
