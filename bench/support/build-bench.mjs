// Compiles the bench, the library (libs/social/src) and the test helpers it reuses to plain
// JavaScript under dist/bench-js, so that every process the bench measures runs Node alone (no
// loader thread, no compiler in memory). swc strips the types and emits legacy decorators with
// their metadata, as tsc does for Nest; `nestjs-social` imports are rewritten through the
// `paths` of tsconfig.json, so the library is the source in this worktree, never a package.
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { transformFileSync } from '@swc/core';

const root = fileURLToPath(new URL('../../', import.meta.url));
export const OUT = join(root, 'dist/bench-js');
const SOURCES = ['bench', 'libs/social/src', 'test/support'];

const { paths } = JSON.parse(readFileSync(join(root, 'tsconfig.json'), 'utf8')).compilerOptions;
/** `nestjs-social` and `nestjs-social/testing` -> their compiled entry, absolute. */
const aliases = Object.entries(paths)
  .filter(([name]) => !name.includes('*'))
  .map(([name, [target]]) => [name, join(OUT, target.replace(/\.ts$/, '.js'))]);

const SWC = {
  jsc: {
    parser: { syntax: 'typescript', decorators: true },
    transform: { legacyDecorator: true, decoratorMetadata: true, useDefineForClassFields: true },
    target: 'es2022',
    keepClassNames: true,
  },
  module: { type: 'es6' },
  sourceMaps: false,
};

function* typescriptFiles(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* typescriptFiles(path);
    else if (/(?<!\.d|\.spec|\.bench)\.ts$/.test(entry.name)) yield path;
  }
}

rmSync(OUT, { recursive: true, force: true });
let count = 0;
for (const source of SOURCES) {
  for (const file of typescriptFiles(join(root, source))) {
    const out = join(OUT, relative(root, file)).replace(/\.ts$/, '.js');
    let { code } = transformFileSync(file, SWC);
    for (const [name, target] of aliases) {
      const specifier = relative(dirname(out), target).replace(/^(?!\.)/, './');
      code = code
        .replaceAll(`from '${name}'`, `from '${specifier}'`)
        .replaceAll(`from "${name}"`, `from "${specifier}"`);
    }
    mkdirSync(dirname(out), { recursive: true });
    writeFileSync(out, code);
    count += 1;
  }
}
console.log(`bench: compiled ${count} files to ${relative(resolve('.'), OUT) || OUT}`);
