import type { Sample } from './cpu-profile.js';
import { categoryOf, describeFrame, IDLE, NOT_CODE } from './frame-category.js';

export interface Share {
  name: string;
  /** ms per flow */
  msPerFlow: number;
  /** of the busy (non-idle) time */
  percent: number;
}

export interface ProfileSummary {
  flows: number;
  busyMsPerFlow: number;
  /** Self time by package / area. */
  selfByCategory: Share[];
  /** Time with the category anywhere on the stack (what it and everything it calls cost). */
  inclusiveByCategory: Share[];
  /** Self time, with Node's and V8's own time given to the package that called into them. */
  attributedByCategory: Share[];
  topFunctions: Share[];
}

/** Self and inclusive time per category, and the top functions by self time, per flow. */
export function summarise(samples: Sample[], flows: number, top = 25): ProfileSummary {
  const busy = samples.filter((sample) => categoryOf(sample.frame) !== IDLE);
  const busyUs = busy.reduce((sum, sample) => sum + sample.weightUs, 0);
  const self = new Map<string, number>();
  const inclusive = new Map<string, number>();
  const functions = new Map<string, number>();
  const attributed = new Map<string, number>();
  for (const sample of busy) {
    add(self, categoryOf(sample.frame), sample.weightUs);
    const caller = sample.stack.map(categoryOf).find((category) => !isRuntime(category));
    add(attributed, caller ?? categoryOf(sample.frame), sample.weightUs);
    add(functions, `${describeFrame(sample.frame)} — ${categoryOf(sample.frame)}`, sample.weightUs);
    for (const category of new Set(sample.stack.map(categoryOf))) {
      if (!isRuntime(category)) {
        add(inclusive, category, sample.weightUs);
      }
    }
  }
  const shares = (totals: Map<string, number>, limit = Infinity): Share[] =>
    [...totals]
      .sort((a, b) => b[1] - a[1])
      .slice(0, limit)
      .map(([name, us]) => ({ name, msPerFlow: us / 1000 / flows, percent: (100 * us) / busyUs }));
  return {
    flows,
    busyMsPerFlow: busyUs / 1000 / flows,
    selfByCategory: shares(self),
    inclusiveByCategory: shares(inclusive),
    attributedByCategory: shares(attributed),
    topFunctions: shares(functions, top),
  };
}

/** Node's internals, V8, and the profile's own nodes: time that some package's code asked for. */
function isRuntime(category: string): boolean {
  return NOT_CODE.has(category) || category.startsWith('V8') || category.startsWith('node:');
}

function add(totals: Map<string, number>, key: string, us: number): void {
  totals.set(key, (totals.get(key) ?? 0) + us);
}
