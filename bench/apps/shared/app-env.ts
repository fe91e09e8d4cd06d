import { providerEndpoints, providerOpenId } from '../../provider/bench-client.js';

/** Where the driver says to run an app under test (environment variables set by the bench). */
export interface AppEnv {
  port: number;
  /** http://127.0.0.1:<port>: the app's public URL, its callbacks' base. */
  appUrl: string;
  /** The SQLite file of its database. */
  database: string;
  endpoints: ReturnType<typeof providerEndpoints>;
  /** The provider's issuer and keys, for a client that verifies its ID tokens. */
  openId: ReturnType<typeof providerOpenId>;
  sessionSecret: string;
}

/** The path every app redirects to once a login succeeded; any other answer is a failed flow. */
export const WELCOME_PATH = '/welcome';

export function readAppEnv(env: NodeJS.ProcessEnv = process.env): AppEnv {
  const port = Number(env.BENCH_APP_PORT);
  const providerUrl = env.BENCH_PROVIDER_URL;
  const database = env.BENCH_DATABASE;
  if (!port || !providerUrl || !database) {
    throw new Error('BENCH_APP_PORT, BENCH_PROVIDER_URL and BENCH_DATABASE must be set');
  }
  return {
    port,
    appUrl: `http://127.0.0.1:${port}`,
    database,
    endpoints: providerEndpoints(providerUrl),
    openId: providerOpenId(providerUrl),
    sessionSecret: 'bench-session-secret-bench-session-secret',
  };
}
