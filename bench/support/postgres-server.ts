import type { TestProject } from 'vitest/node';
import { setup, teardown } from '../../test/support/postgres.js';

/**
 * A PostgreSQL server for a bench part: the test suite's throwaway cluster from Debian's
 * binaries (test/support/postgres.ts), or SOCIAL_TEST_POSTGRES_URL when set.
 */
export async function startPostgres(): Promise<{ url: string; stop(): Promise<void> }> {
  let url: string | undefined;
  // setup() hands the URL to Vitest's `provide`; the bench only needs the value.
  const project = { provide: (_key: string, value: string) => (url = value) };
  await setup(project as unknown as TestProject);
  if (!url) throw new Error('the PostgreSQL setup gave no URL');
  return { url, stop: teardown };
}
