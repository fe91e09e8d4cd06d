import { SocialOptionsError } from '../social.exceptions.js';
import type { SocialProviderEndpoints } from '../social.types.js';

/**
 * In production, OAuth runs over TLS only (RFC 6749 §10.9, RFC 9700 §2.6): an http callback or
 * provider endpoint, or certificate checks turned off, stops the app at boot.
 */
export function assertProductionTransport(
  appUrl: string,
  providers: { id: string; endpoints: SocialProviderEndpoints }[],
  env: NodeJS.ProcessEnv,
): void {
  if (env.NODE_ENV !== 'production') return;
  if (env.NODE_TLS_REJECT_UNAUTHORIZED === '0') {
    throw new SocialOptionsError(
      'NODE_TLS_REJECT_UNAUTHORIZED=0 turns off certificate checks of every provider call; unset it in production',
    );
  }
  if (!appUrl.startsWith('https://')) {
    throw new SocialOptionsError(
      `appUrl must be https:// in production (callback URLs carry authorization codes), got ${appUrl}`,
    );
  }
  for (const { id, endpoints } of providers) {
    for (const [name, url] of Object.entries(endpoints)) {
      if (typeof url === 'string' && !url.startsWith('https://')) {
        throw new SocialOptionsError(
          `providers.${id}.${name} must be https:// in production, got ${url}`,
        );
      }
    }
  }
}
