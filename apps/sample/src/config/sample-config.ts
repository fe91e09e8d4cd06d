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
  env: NodeJS.ProcessEnv;
}

/** Reads the configuration; stops with a clear message where production needs a setting. */
export function loadSampleConfig(env: NodeJS.ProcessEnv = process.env): SampleConfig {
  const port = Number(env.PORT ?? 3000);
  const sandboxPort = Number(env.SANDBOX_PORT ?? 3001);
  const production = env.NODE_ENV === 'production';
  return {
    port,
    appUrl: (env.APP_URL ?? `http://localhost:${port}`).replace(/\/+$/, ''),
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
    env,
  };
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
