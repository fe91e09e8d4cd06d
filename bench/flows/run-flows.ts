export interface FlowRun {
  flows: number;
  wallMs: number;
  /** Callback times of the flows that succeeded, in ms. */
  callbackMs: number[];
  /** What went wrong in the flows that failed. */
  failures: string[];
}

/** Give up on a phase after this many failed flows: the app is broken, not slow. */
const MAX_FAILURES = 20;

/** Runs `count` flows, `concurrency` at a time; `flow(i)` runs the i-th and gives its callback time. */
export async function runFlows(
  count: number,
  concurrency: number,
  flow: (index: number) => Promise<number>,
): Promise<FlowRun> {
  const callbackMs: number[] = [];
  const failures: string[] = [];
  let next = 0;
  const worker = async () => {
    while (next < count && failures.length < MAX_FAILURES) {
      const index = next++;
      try {
        callbackMs.push(await flow(index));
      } catch (error) {
        // A FlowError is a wrong answer; anything else (a reset connection) fails the flow too.
        failures.push(`flow ${index}: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
  };
  const began = performance.now();
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker));
  return { flows: count, wallMs: performance.now() - began, callbackMs, failures };
}
