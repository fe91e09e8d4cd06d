#!/usr/bin/env node
// Starts the provider sandbox and the sample app side by side (the README's first command).
// Each runs in its own process; stopping this one (Ctrl-C) stops both.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const built = fileURLToPath(new URL('../dist/apps/sample/apps', import.meta.url));
const children = [
  ['sandbox', `${built}/provider-sandbox/src/main.js`],
  ['sample', `${built}/sample/src/main.js`],
].map(([name, entry]) => {
  const child = spawn(process.execPath, ['--enable-source-maps', entry], {
    stdio: ['ignore', 'inherit', 'inherit'],
    env: process.env,
  });
  child.on('exit', (code, signal) => {
    if (!stopping) {
      console.error(`[start] ${name} exited (${signal ?? code}); stopping`);
      stop(code ?? 1);
    }
  });
  return child;
});

let stopping = false;
function stop(code = 0) {
  stopping = true;
  for (const child of children) if (child.exitCode === null) child.kill('SIGTERM');
  setTimeout(() => process.exit(code), 500).unref();
}
process.on('SIGINT', () => stop(0));
process.on('SIGTERM', () => stop(0));
