import { defineConfig } from 'vitest/config';

export default defineConfig({
  // Resolves the `nestjs-social` alias declared once, in tsconfig.json.
  resolve: { tsconfigPaths: true },
  test: {
    root: './',
    include: ['{libs,apps,test}/**/*.spec.ts'],
    exclude: ['node_modules/**', 'dist/**'],
    // Integration suites boot real HTTP servers and SQLite files; two cores here.
    testTimeout: 20_000,
    // Vitest's default is one worker fewer than the cores (one here); the suites mostly wait on
    // sockets and child servers, so two workers halve the run on a 2-core machine.
    maxWorkers: 2,
    hookTimeout: 30_000,
    // Throwaway PostgreSQL and Redis servers (or SOCIAL_TEST_POSTGRES_URL / SOCIAL_TEST_REDIS_URL).
    globalSetup: ['test/support/postgres.global-setup.ts', 'test/support/redis.global-setup.ts'],
  },
});
