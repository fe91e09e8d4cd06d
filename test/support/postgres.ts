import type { TestProject } from 'vitest/node';
import { POSTGRES_URL_ENV, PostgresCluster } from './postgres-cluster.js';

/**
 * A PostgreSQL server for the test run, as a Vitest globalSetup pair (`setup`/`teardown`).
 *
 * With SOCIAL_TEST_POSTGRES_URL set, that server is used as is (its user needs CREATEDB: each
 * suite makes its own database). Otherwise a throwaway `PostgresCluster` is started, and stopped
 * and deleted in teardown. Tests read the URL with `inject('postgresUrl')`.
 */

declare module 'vitest' {
  export interface ProvidedContext {
    /** `postgres://user@host:port/db` of a server where the tests may create databases. */
    postgresUrl: string;
  }
}

export { POSTGRES_URL_ENV };

let cluster: PostgresCluster | undefined;

export async function setup(project: TestProject): Promise<void> {
  const fromEnv = process.env[POSTGRES_URL_ENV];
  if (fromEnv) {
    project.provide('postgresUrl', fromEnv);
    return;
  }
  const started = Date.now();
  cluster = await PostgresCluster.create();
  project.provide('postgresUrl', cluster.url);
  if (process.env.SOCIAL_TEST_POSTGRES_DEBUG) {
    console.log(`[postgres] cluster ready at ${cluster.url} in ${Date.now() - started} ms`);
  }
}

export async function teardown(): Promise<void> {
  await cluster?.destroy();
  cluster = undefined;
}
