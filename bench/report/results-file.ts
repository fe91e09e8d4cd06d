import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { PARTS, type PartName } from '../support/settings.js';

const HEADER = `# Benchmark results

Written by \`npm run bench\` (bench/run.ts); do not edit by hand. Each section says when and
where it was measured; \`npm run bench -- <part>\` rewrites only that part's section. What is
measured, and what was found, is in [README.md](README.md).
`;

const TITLES: Record<PartName, string> = {
  flows: 'Sign-in flows, side by side',
  lookup: "A returning login's connection lookup, 10³ to 10⁶ stored connections",
  memory: 'Memory over many flows',
  'cold-start': "The sample's cold start",
  profile: 'CPU profiles and SQL statements per flow',
  'round-trip': 'In-process round trip (Vitest bench)',
};

const marker = (name: string) => [`<!-- bench:${name} -->`, `<!-- /bench:${name} -->`] as const;

/** Writes the new sections into the results file, keeping the sections of parts not run this time. */
export function updateResults(file: string, sections: Map<PartName, string>): void {
  const previous = existsSync(file) ? readFileSync(file, 'utf8') : '';
  const body = PARTS.flatMap((name) => {
    const fresh = sections.get(name);
    if (fresh !== undefined) {
      const [open, close] = marker(name);
      return [`${open}\n## ${TITLES[name]}\n\n${fresh}\n${close}`];
    }
    const kept = previousSection(previous, name);
    return kept ? [kept] : [];
  });
  writeFileSync(file, `${HEADER}\n${body.join('\n\n')}\n`);
}

function previousSection(text: string, name: string): string | undefined {
  const [open, close] = marker(name);
  const start = text.indexOf(open);
  const end = text.indexOf(close);
  return start >= 0 && end > start ? text.slice(start, end + close.length) : undefined;
}
