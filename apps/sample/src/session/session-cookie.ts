import type { SessionOptions, Store } from 'express-session';
import type { SampleConfig } from '../config/sample-config.js';

/**
 * The session cookie's name: `__Host-sample.sid` over https, which browsers accept only with
 * `Secure`, `Path=/` and no `Domain` (no subdomain can set or shadow it); plain `sample.sid`
 * over http (local development), where a `__Host-` cookie would be refused.
 */
export function sessionCookieName(appUrl: string): string {
  return appUrl.startsWith('https:') ? '__Host-sample.sid' : 'sample.sid';
}

/**
 * express-session options for the sample: the id only in a cookie that scripts cannot read,
 * `Secure` over https, `SameSite=Lax`, host-only, for the whole site.
 */
export function sessionOptions(config: SampleConfig, store: Store): SessionOptions {
  const https = config.appUrl.startsWith('https:');
  return {
    name: sessionCookieName(config.appUrl),
    secret: config.sessionSecret,
    store,
    resave: false,
    saveUninitialized: false,
    cookie: {
      httpOnly: true,
      // Lax, not Strict: the provider's redirect back is a cross-site navigation, and a Strict
      // cookie would not come with it (the round trip would fail its state check).
      sameSite: 'lax',
      // express-session sets a Secure cookie only on a request it sees as https (`req.secure`):
      // behind a TLS proxy that takes `trust proxy` (TRUST_PROXY), else no cookie at all.
      secure: https,
      path: '/',
      maxAge: 14 * 24 * 3600 * 1000,
    },
  };
}
