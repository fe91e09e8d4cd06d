import { cpus, loadavg, totalmem } from 'node:os';

/** One line on where a figure was measured: CPU, cores, memory, Node, load, date. */
export function describeMachine(): string {
  const cores = cpus();
  const load = loadavg()
    .map((value) => value.toFixed(2))
    .join(' ');
  return [
    `${cores[0]?.model ?? 'unknown CPU'} × ${cores.length} cores`,
    `${Math.round(totalmem() / 2 ** 30)} GiB RAM`,
    `Node ${process.version}`,
    `load average at start ${load}`,
    new Date().toISOString().replace(/\.\d+Z$/, 'Z'),
  ].join(', ');
}
