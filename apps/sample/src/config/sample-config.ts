import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

/** The sample's settings, from the environment (see the README's configuration table). */
export interface SampleConfig {
  port: number;
  appUrl: string;
  databaseUrl: string;
  sessionSecret: string;
  sandboxUrl: string;
  env: NodeJS.ProcessEnv;
}

/** Reads the configuration; stops with a clear message where production needs a setting. */
export function loadSampleConfig(env: NodeJS.ProcessEnv = process.env): SampleConfig {
  const port = Number(env.PORT ?? 3000);
  const sandboxPort = Number(env.SANDBOX_PORT ?? 3001);
  return {
    port,
    appUrl: (env.APP_URL ?? `http://localhost:${port}`).replace(/\/+$/, ''),
    databaseUrl: env.DATABASE_URL ?? 'sqlite:data/sample.sqlite',
    sessionSecret: sessionSecret(env),
    sandboxUrl: (env.SANDBOX_URL ?? `http://localhost:${sandboxPort}`).replace(/\/+$/, ''),
    env,
  };
}

function sessionSecret(env: NodeJS.ProcessEnv): string {
  if (env.SESSION_SECRET) return env.SESSION_SECRET;
  if (env.NODE_ENV === 'production') {
    throw new Error(
      'SESSION_SECRET is required in production: set it to a long random value (e.g. `openssl rand -hex 32`)',
    );
  }
  // Development: one generated secret kept under data/, so sessions survive restarts.
  const file = resolve('data/session-secret');
  try {
    return readFileSync(file, 'utf8').trim();
  } catch {
    mkdirSync(dirname(file), { recursive: true });
    const secret = randomBytes(32).toString('hex');
    writeFileSync(file, secret, { mode: 0o600 });
    return secret;
  }
}
