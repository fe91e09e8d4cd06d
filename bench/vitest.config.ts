import { defineConfig } from 'vitest/config';

// Benchmarks only: no PostgreSQL global setup, and --expose-gc for settled heap figures.
export default defineConfig({
  resolve: { tsconfigPaths: true },
  test: {
    root: './',
    include: [],
    execArgv: ['--expose-gc'],
    benchmark: { include: ['bench/**/*.bench.ts'] },
    hookTimeout: 30_000,
  },
});
