import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';

/** The repository root. */
export const ROOT = resolve(import.meta.dirname, '../..');

/** The app the README's setup section shows, file for file (test/package/app). */
export const README_APP_DIR = join(ROOT, 'test/package/app');

/** What `nest new` puts in package.json before you add anything (@nestjs/schematics 12). */
export const NEST_NEW_DEPENDENCIES = [
  '@nestjs/common',
  '@nestjs/core',
  '@nestjs/platform-express',
  'reflect-metadata',
  'rxjs',
];
export const NEST_NEW_DEV_DEPENDENCIES = ['typescript', '@types/express', '@types/node'];

function readme(): string {
  return readFileSync(join(ROOT, 'README.md'), 'utf8');
}

/** The packages the README's "Install" section tells you to add: `npm install` and `npm install -D`. */
export function readmeInstall(): { dependencies: string[]; devDependencies: string[] } {
  const section = /^## Install\n([\s\S]*?)^## /m.exec(readme())?.[1] ?? '';
  const block = /```bash\n([\s\S]*?)```/.exec(section)?.[1];
  if (!block) throw new Error('README.md has no ```bash block under "## Install"');
  const result = { dependencies: [] as string[], devDependencies: [] as string[] };
  for (const line of block.split('\n')) {
    const command = /^npm install (.+?)\s*(?:#.*)?$/.exec(line.trim());
    if (!command) continue;
    const words = command[1]!.split(/\s+/);
    const dev = words[0] === '-D';
    result[dev ? 'devDependencies' : 'dependencies'].push(...words.filter((w) => w !== '-D'));
  }
  return result;
}

/**
 * The README's setup snippets: every ```ts block whose first line is `// src/<path>`, keyed by
 * that path, with their text as in the file.
 */
export function readmeSnippets(): Map<string, string> {
  const snippets = new Map<string, string>();
  for (const match of readme().matchAll(/```ts\n(\/\/ (src\/\S+)\n[\s\S]*?)```/g)) {
    snippets.set(match[2]!, match[1]!);
  }
  return snippets;
}

/** The app's source files, relative to the app folder (`src/main.ts`, ...). */
export function appSourceFiles(): string[] {
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else files.push(relative(README_APP_DIR, path));
    }
  };
  walk(join(README_APP_DIR, 'src'));
  return files.sort();
}
