import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

/** The sample's settings, from the environment (see the README's configuration table). */
export interface SampleConfig {
  port: number;
  appUrl: string;
  databaseUrl: string;
  sessionSecret: string;
  /** `SOCIAL_TOKEN_KEYS`: the keyring that encrypts provider tokens at rest (`kid:base64`, current first). */
  tokenKeys: string[];
  sandboxUrl: string;
  /**
   * `TRUST_PROXY`: how many reverse proxies stand in front of the sample (default 0: reached
   * directly, every `X-Forwarded-*` header ignored). With N ≥ 1 Express believes the proxy next
   * to the app: `X-Forwarded-Proto` says whether the browser used https (so the `Secure` session
   * cookie is sent; the outermost proxy must set that header, not append to the client's), and
   * the client address is read from `X-Forwarded-For` N hops from the right.
   */
  trustProxy?: number;
  /**
   * `SOCIAL_STATE_STORE`: where pending OAuth round trips wait: `session` (default, one
   * instance), `database` (the social_oauth_state table) or `redis` (`REDIS_URL`).
   */
  stateStore?: StateStoreChoice;
  /** `REDIS_URL`, for `SOCIAL_STATE_STORE=redis`. */
  redisUrl?: string;
  /** `SAMPLE_EVENT_LOG=json`: every module event as a JSON line on stdout. */
  eventLog?: boolean;
  env: NodeJS.ProcessEnv;
}

/** The state stores the sample can run with. */
export type StateStoreChoice = 'session' | 'database' | 'redis';
const STATE_STORES: readonly StateStoreChoice[] = ['session', 'database', 'redis'];

/** Reads the configuration; stops with a clear message where production needs a setting. */
export function loadSampleConfig(env: NodeJS.ProcessEnv = process.env): SampleConfig {
  const port = Number(env.PORT ?? 3000);
  const sandboxPort = Number(env.SANDBOX_PORT ?? 3001);
  const production = env.NODE_ENV === 'production';
  const appUrl = (env.APP_URL ?? `http://localhost:${port}`).replace(/\/+$/, '');
  const trustProxy = parseTrustProxy(env.TRUST_PROXY);
  if (appUrl.startsWith('https:') && trustProxy === 0) {
    // The sample serves plain http: an https APP_URL means a TLS proxy in front of it.
    throw new Error(
      'APP_URL is https but TRUST_PROXY is unset: the sample serves plain http behind a TLS ' +
        'proxy, so set TRUST_PROXY to the number of proxies in front of it (usually 1); ' +
        'otherwise the Secure session cookie is never sent',
    );
  }
  return {
    port,
    appUrl,
    databaseUrl: env.DATABASE_URL ?? 'sqlite:data/sample.sqlite',
    sessionSecret:
      env.SESSION_SECRET ??
      developmentSecret(
        production,
        'SESSION_SECRET',
        'session-secret',
        'a long random value (`openssl rand -hex 32`)',
        () => randomBytes(32).toString('hex'),
      ),
    tokenKeys: (
      env.SOCIAL_TOKEN_KEYS ??
      developmentSecret(
        production,
        'SOCIAL_TOKEN_KEYS',
        'token-key',
        "one or more `kid:<32 random bytes in base64>` entries, current first (`node -e \"console.log('k1:'+require('crypto').randomBytes(32).toString('base64'))\"`)",
        () => `dev1:${randomBytes(32).toString('base64')}`,
      )
    )
      .split(',')
      .map((key) => key.trim())
      .filter(Boolean),
    sandboxUrl: (env.SANDBOX_URL ?? `http://localhost:${sandboxPort}`).replace(/\/+$/, ''),
    trustProxy,
    ...stateStoreOf(env),
    eventLog: env.SAMPLE_EVENT_LOG === 'json',
    env,
  };
}

/** `SOCIAL_STATE_STORE` and, for Redis, `REDIS_URL`; a wrong value stops the sample with the fix. */
function stateStoreOf(env: NodeJS.ProcessEnv): Pick<SampleConfig, 'stateStore' | 'redisUrl'> {
  const stateStore = (env.SOCIAL_STATE_STORE ?? 'session') as StateStoreChoice;
  if (!STATE_STORES.includes(stateStore)) {
    throw new Error(
      `SOCIAL_STATE_STORE must be one of ${STATE_STORES.join(', ')}, got ${JSON.stringify(env.SOCIAL_STATE_STORE)}`,
    );
  }
  if (stateStore === 'redis' && !env.REDIS_URL) {
    throw new Error('SOCIAL_STATE_STORE=redis needs REDIS_URL, e.g. redis://127.0.0.1:6379');
  }
  return { stateStore, redisUrl: env.REDIS_URL };
}

/**
 * `TRUST_PROXY` as a hop count: unset or 0 trusts no `X-Forwarded-*` header, N trusts the N
 * proxies nearest the app. `true` (trust every hop) is refused: anyone could then claim https or
 * another client address.
 */
export function parseTrustProxy(value: string | undefined): number {
  const text = value?.trim() ?? '';
  if (text === '') return 0;
  if (!/^\d{1,2}$/.test(text)) {
    throw new Error(
      `TRUST_PROXY must be the number of reverse proxies in front of the sample (0, 1, 2…), got ${JSON.stringify(value)}`,
    );
  }
  return Number(text);
}

/**
 * A secret production must be given, made once and kept under data/ in development so that
 * sessions and encrypted tokens survive restarts.
 */
function developmentSecret(
  production: boolean,
  variable: string,
  fileName: string,
  what: string,
  generate: () => string,
): string {
  if (production) throw new Error(`${variable} is required in production: set it to ${what}`);
  const file = resolve('data', fileName);
  try {
    return readFileSync(file, 'utf8').trim();
  } catch {
    mkdirSync(dirname(file), { recursive: true });
    const secret = generate();
    writeFileSync(file, secret, { mode: 0o600 });
    return secret;
  }
}
