import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository's root: the first folder up from here with nest-cli.json (the bench runs compiled, from dist/bench-js). */
export const REPO_ROOT = findRoot(dirname(fileURLToPath(import.meta.url)));

function findRoot(dir: string): string {
  if (existsSync(join(dir, 'nest-cli.json'))) return dir;
  const parent = dirname(dir);
  if (parent === dir) throw new Error('nest-cli.json not found above the bench');
  return findRoot(parent);
}
