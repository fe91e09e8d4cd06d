import { cpuTimes, rssMb } from '../support/proc.js';
import { quantile } from '../support/stats.js';
import type { FlowRun } from './run-flows.js';
import type { RunningApp } from './running-app.js';

/** What one measured stretch of flows on one app gave, as read around it. */
export interface Stretch extends FlowRun {
  cpuMs: number;
  systemCpuMs: number;
  statements: number;
  rssBeforeMb: number;
  rssAfterMb: number;
}

/** A path's figures on one app, over all its measured stretches. */
export interface PhaseFigures {
  flows: number;
  flowsPerSec: number;
  callbackP50Ms: number;
  callbackP99Ms: number;
  /** The app process's user + system CPU per flow, from /proc. */
  cpuMsPerFlow: number;
  /** Of which system (kernel) time: syscalls, SQLite's file writes. */
  systemCpuMsPerFlow: number;
  /** RSS before the first stretch and after the last. */
  rssBeforeMb: number;
  rssAfterMb: number;
  sqlPerFlow: number;
  failures: string[];
}

/** Runs some flows and reads the app's CPU, RSS and statement count around them. */
export async function measureStretch(
  target: RunningApp,
  run: () => Promise<FlowRun>,
): Promise<Stretch> {
  const { pid } = target.child;
  const sqlBefore = await statements(target);
  const cpuBefore = cpuTimes(pid);
  const rssBeforeMb = rssMb(pid);
  const result = await run();
  const cpuAfter = cpuTimes(pid);
  const rssAfterMb = rssMb(pid);
  return {
    ...result,
    cpuMs: cpuAfter.userMs + cpuAfter.systemMs - cpuBefore.userMs - cpuBefore.systemMs,
    systemCpuMs: cpuAfter.systemMs - cpuBefore.systemMs,
    statements: (await statements(target)) - sqlBefore,
    rssBeforeMb,
    rssAfterMb,
  };
}

export function combine(stretches: Stretch[]): PhaseFigures {
  const sum = (pick: (s: Stretch) => number) => stretches.reduce((total, s) => total + pick(s), 0);
  const flows = sum((s) => s.flows);
  const callbackMs = stretches.flatMap((s) => s.callbackMs);
  return {
    flows,
    flowsPerSec: (flows * 1000) / sum((s) => s.wallMs),
    callbackP50Ms: quantile(callbackMs, 0.5),
    callbackP99Ms: quantile(callbackMs, 0.99),
    cpuMsPerFlow: sum((s) => s.cpuMs) / flows,
    systemCpuMsPerFlow: sum((s) => s.systemCpuMs) / flows,
    rssBeforeMb: stretches[0]!.rssBeforeMb,
    rssAfterMb: stretches.at(-1)!.rssAfterMb,
    sqlPerFlow: sum((s) => s.statements) / flows,
    failures: stretches.flatMap((s) => s.failures),
  };
}

async function statements(target: RunningApp): Promise<number> {
  return (await target.child.call<{ sql: number }>('stats')).sql;
}
