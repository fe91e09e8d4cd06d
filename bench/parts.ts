import { runColdStart } from './cold-start/cold-start-part.js';
import { runFlowBench } from './flows/flow-bench.js';
import { runLookupBench } from './lookup/lookup-part.js';
import { runRssBench } from './memory/rss-part.js';
import { runProfiles } from './profile/profile-part.js';
import { coldStartReport } from './report/cold-start-report.js';
import { flowsReport } from './report/flows-report.js';
import { lookupReport } from './report/lookup-report.js';
import { memoryReport } from './report/memory-report.js';
import { profileReport } from './report/profile-report.js';
import { runRoundTripBench } from './round-trip/round-trip-part.js';
import type { BenchSettings, PartName } from './support/settings.js';

/** A part's section of results.md, and whether every flow in it succeeded. */
export interface PartOutcome {
  markdown: string;
  ok: boolean;
}

type Part = (settings: BenchSettings, log: (line: string) => void) => Promise<PartOutcome>;

export const PART_RUNNERS: Record<PartName, Part> = {
  async flows(settings, log) {
    const results = await runFlowBench(settings, log);
    return {
      markdown: flowsReport(results, settings),
      ok: results.every((r) => r.failures.length === 0),
    };
  },
  async lookup(settings, log) {
    return {
      markdown: lookupReport(await runLookupBench(settings, log), settings.lookupOps),
      ok: true,
    };
  },
  async memory(settings, log) {
    const results = await runRssBench(settings, log);
    return {
      markdown: memoryReport(results, settings.rssFlows),
      ok: results.every((r) => r.failures.length === 0),
    };
  },
  async 'cold-start'(settings, log) {
    return { markdown: coldStartReport(await runColdStart(settings, log)), ok: true };
  },
  async profile(settings, log) {
    return {
      markdown: profileReport(await runProfiles(settings, log), settings.profileFlows),
      ok: true,
    };
  },
  async 'round-trip'() {
    return { markdown: runRoundTripBench(), ok: true };
  },
};
