import { SocialOptionsError } from '../social.exceptions.js';
import type { SocialProviderEndpoints } from '../social.types.js';

/** Loopback hosts: plain http to them never crosses a network. */
const LOOPBACK = /^(localhost|127(\.\d{1,3}){3}|\[::1\])$/i;

/**
 * In production, OAuth runs over TLS only (RFC 6749 §10.9, RFC 9700 §2.6): an http callback or
 * provider endpoint, or certificate checks turned off, stops the app at boot. `allowInsecureHttp`
 * lets http through to loopback hosts only (a production build benchmarked or tested on one
 * machine), never to another host.
 */
export function assertProductionTransport(
  appUrl: string,
  providers: { id: string; endpoints: SocialProviderEndpoints }[],
  env: NodeJS.ProcessEnv,
  allowInsecureHttp = false,
): void {
  if (env.NODE_ENV !== 'production') return;
  if (env.NODE_TLS_REJECT_UNAUTHORIZED === '0') {
    throw new SocialOptionsError(
      'NODE_TLS_REJECT_UNAUTHORIZED=0 turns off certificate checks of every provider call; unset it in production',
    );
  }
  const optIn = allowInsecureHttp
    ? ' (allowInsecureHttp lets http through to localhost/127.0.0.1/[::1] only)'
    : ' (for a production build on loopback only, tests and benchmarks: allowInsecureHttp: true)';
  if (!secureEnough(appUrl, allowInsecureHttp)) {
    throw new SocialOptionsError(
      `appUrl must be https:// in production (callback URLs carry authorization codes), got ${appUrl}${optIn}`,
    );
  }
  for (const { id, endpoints } of providers) {
    for (const [name, url] of Object.entries(endpoints)) {
      if (typeof url === 'string' && !secureEnough(url, allowInsecureHttp)) {
        throw new SocialOptionsError(
          `providers.${id}.${name} must be https:// in production, got ${url}${optIn}`,
        );
      }
    }
  }
}

function secureEnough(url: string, allowInsecureHttp: boolean): boolean {
  if (url.startsWith('https://')) return true;
  return allowInsecureHttp && url.startsWith('http://') && LOOPBACK.test(new URL(url).hostname);
}
