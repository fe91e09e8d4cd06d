import { readFileSync } from 'node:fs';

/** What V8 writes for `node --cpu-prof` (the parts read here). */
export interface CpuProfile {
  nodes: ProfileNode[];
  /** µs, on the clock of `process.hrtime` */
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

export interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
}

interface ProfileNode {
  id: number;
  callFrame: CallFrame;
  children?: number[];
}

/** One sample: the node on top of the stack, and how long it stood for (µs). */
export interface Sample {
  frame: CallFrame;
  /** The frames below it, the sample's own first. */
  stack: CallFrame[];
  weightUs: number;
}

export function readCpuProfile(file: string): CpuProfile {
  return JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
}

/** The samples taken between `fromUs` and `toUs` (the bench's phase marks). */
export function samplesBetween(profile: CpuProfile, fromUs: number, toUs: number): Sample[] {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parents = new Map<number, number>();
  for (const node of profile.nodes)
    for (const child of node.children ?? []) parents.set(child, node.id);
  const stacks = new Map<number, CallFrame[]>();
  const stackOf = (id: number): CallFrame[] => {
    let stack = stacks.get(id);
    if (!stack) {
      const parent = parents.get(id);
      stack = [byId.get(id)!.callFrame, ...(parent === undefined ? [] : stackOf(parent))];
      stacks.set(id, stack);
    }
    return stack;
  };
  const samples: Sample[] = [];
  let time = profile.startTime;
  for (let i = 0; i < profile.samples.length; i++) {
    time += profile.timeDeltas[i]!;
    // A sample stands until the next one is taken.
    const weightUs = profile.timeDeltas[i + 1] ?? 0;
    if (time < fromUs || time > toUs) continue;
    const stack = stackOf(profile.samples[i]!);
    samples.push({ frame: stack[0]!, stack, weightUs });
  }
  return samples;
}
