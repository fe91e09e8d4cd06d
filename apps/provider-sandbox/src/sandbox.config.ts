import { SANDBOX_DEFAULT_CLIENTS } from './sandbox.endpoints.js';
import type { SandboxOptions } from './sandbox.types.js';

/** The environment main.ts reads. */
export interface SandboxEnv {
  SANDBOX_PORT?: string;
  SANDBOX_HOST?: string;
  APP_URL?: string;
}

/**
 * Options for the standalone sandbox: port `SANDBOX_PORT` (3001), host `SANDBOX_HOST`
 * (`localhost`, i.e. 127.0.0.1 and ::1, so http://localhost:3001 works in any browser) and the
 * default clients for the app at `APP_URL` (http://localhost:3000).
 */
export function sandboxConfigFromEnv(env: SandboxEnv): SandboxOptions & { appUrl: string } {
  const port = Number(env.SANDBOX_PORT ?? 3001);
  if (!Number.isInteger(port) || port < 0 || port > 65_535) {
    throw new Error(`SANDBOX_PORT must be a port number, got ${JSON.stringify(env.SANDBOX_PORT)}`);
  }
  const appUrl = env.APP_URL ?? 'http://localhost:3000';
  if (!/^https?:\/\//.test(appUrl) || !URL.canParse(appUrl)) {
    throw new Error(`APP_URL must be an absolute http(s) URL, got ${JSON.stringify(appUrl)}`);
  }
  return {
    port,
    host: env.SANDBOX_HOST || 'localhost',
    appUrl,
    clients: SANDBOX_DEFAULT_CLIENTS(appUrl),
  };
}
