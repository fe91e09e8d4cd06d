import type { CallFrame } from './cpu-profile.js';

/** Not work: the process waited (for I/O, the provider, the next request). */
export const IDLE = '(idle)';
/** The bottom of every stack. */
export const ROOT = '(root)';
/** SQLite itself, and TypeORM's query() that calls it (main-thread time: fsync waits included). */
export const SQLITE = 'SQLite via better-sqlite3 (in TypeORM query())';

/** Categories that are not one package or area of code, left out of the inclusive figures. */
export const NOT_CODE = new Set([IDLE, ROOT]);

/**
 * Which part of the app a frame's time belongs to: a package under node_modules, the module
 * (its crypto apart), the host app's own code, Node's internals by area, or V8.
 */
export function categoryOf({ url, functionName }: CallFrame): string {
  // better-sqlite3 runs SQLite natively inside TypeORM's query(): V8 books it there.
  if (functionName === 'query' && url.endsWith('/BetterSqlite3QueryRunner.js')) return SQLITE;
  if (!url) {
    if (functionName === '(root)') return ROOT;
    if (functionName === '(idle)') return IDLE;
    if (functionName === '(garbage collector)') return 'V8: garbage collector';
    if (functionName === '(program)') return 'V8: (program), native code outside JS';
    return 'V8/native builtins';
  }
  const pkg = /\/node_modules\/((?:@[^/]+\/)?[^/]+)\//.exec(url)?.[1];
  if (pkg) return pkg;
  if (url.includes('/libs/social/src/crypto/')) return 'nestjs-social: crypto/';
  if (url.includes('/libs/social/src/')) return 'nestjs-social: the rest of the module';
  if (url.includes('/bench/apps/')) return 'host app code (bench/apps)';
  if (url.includes('/apps/sample/src/')) return 'the sample app';
  if (url.includes('/apps/provider-sandbox/src/'))
    return 'the provider sandbox (the sample imports its endpoints)';
  if (url.startsWith('node:internal/crypto')) return 'node: crypto';
  if (url.startsWith('node:internal/modules')) return 'node: module loading';
  if (/^node:(internal\/)?(_?http|net|stream|internal\/streams|dns|tls)/.test(url))
    return 'node: http/net/streams';
  if (url.startsWith('node:')) return 'node: other';
  return url;
}

/** A frame as one line: `name (package-or-file:line)`. */
export function describeFrame(frame: CallFrame): string {
  const name = frame.functionName || '(anonymous)';
  if (!frame.url) return name;
  const short = frame.url
    .replace(/^file:\/\/.*?\/node_modules\//, '')
    .replace(/^file:\/\/.*?\/(libs|bench)\//, '$1/');
  return `${name} (${short}:${frame.lineNumber + 1})`;
}
