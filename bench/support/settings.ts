/** The bench's parameters, from the environment (defaults: the settings). */
export interface BenchSettings {
  /** Measured flows per app, path and cycle. */
  flows: number;
  /** Flows before each measured phase, not counted. */
  warmup: number;
  /** Flows in flight at once. */
  concurrency: number;
  /** Times every app is measured, each time in new processes. */
  cycles: number;
  /** Stretches the measured flows of a path are cut into, the apps taking turns. */
  stretches: number;
  /** Stored connections the lookup is measured at. */
  lookupSizes: number[];
  /** Lookups timed per size and round. */
  lookupOps: number;
  /** Measured flows of the RSS growth run. */
  rssFlows: number;
  /** The apps the RSS run follows. */
  rssApps: string[];
  /** Starts of the sample per cold-start measurement. */
  coldStarts: number;
  /** Measured flows per path of the profiled run. */
  profileFlows: number;
}

/** Every part `npm run bench` runs, in order. */
export const PARTS = ['flows', 'lookup', 'memory', 'cold-start', 'profile', 'round-trip'] as const;
export type PartName = (typeof PARTS)[number];

export function loadSettings(env: NodeJS.ProcessEnv = process.env): BenchSettings {
  return {
    flows: count(env, 'BENCH_FLOWS', 2000),
    warmup: count(env, 'BENCH_WARMUP', 1000, 0),
    concurrency: count(env, 'BENCH_CONCURRENCY', 16),
    cycles: count(env, 'BENCH_CYCLES', 2),
    stretches: count(env, 'BENCH_STRETCHES', 10),
    lookupSizes: (env.BENCH_LOOKUP_SIZES ?? '1e3,1e6').split(',').map((size) => {
      const value = Number(size.trim());
      if (!Number.isInteger(value) || value < 1000) {
        throw new Error(`BENCH_LOOKUP_SIZES: ${size} is not an integer >= 1000`);
      }
      return value;
    }),
    lookupOps: count(env, 'BENCH_LOOKUP_OPS', 2000),
    rssFlows: count(env, 'BENCH_RSS_FLOWS', 10_000),
    rssApps: (env.BENCH_RSS_APPS ?? 'floor,nestjs-social').split(',').map((id) => id.trim()),
    coldStarts: count(env, 'BENCH_COLD_STARTS', 5),
    profileFlows: count(env, 'BENCH_PROFILE_FLOWS', 2000),
  };
}

/** The parts named on the command line (`npm run bench -- flows lookup`), else all of them. */
export function selectedParts(argv: string[]): PartName[] {
  if (argv.length === 0) return [...PARTS];
  for (const name of argv) {
    if (!(PARTS as readonly string[]).includes(name)) {
      throw new Error(`Unknown bench part "${name}"; the parts are: ${PARTS.join(', ')}`);
    }
  }
  return argv as PartName[];
}

function count(env: NodeJS.ProcessEnv, name: string, fallback: number, min = 1): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min) {
    throw new Error(`${name} must be an integer >= ${min}, got ${JSON.stringify(raw)}`);
  }
  return value;
}
