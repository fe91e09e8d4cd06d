#!/usr/bin/env node
// Starts the provider sandbox and the sample app side by side (the README's first command).
// Each runs in its own process; stopping this one (Ctrl-C) stops both. The sample starts once
// the sandbox answers: it reads the sandbox's OpenID Connect discovery document at boot.
import { spawn } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';

const built = fileURLToPath(new URL('../dist/apps/sample/apps', import.meta.url));
const sandboxUrl = `http://localhost:${process.env.SANDBOX_PORT ?? 3001}`;
const children = [];
let stopping = false;

function run(name, entry) {
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
  children.push(child);
}

/** Waits until the sandbox serves its issuer's metadata (at most 30 s), or stops everything. */
async function sandboxReady() {
  const deadline = Date.now() + 30_000;
  while (!stopping && Date.now() < deadline) {
    try {
      const answer = await fetch(`${sandboxUrl}/oidc/.well-known/openid-configuration`);
      if (answer.ok) return true;
    } catch {
      // Not listening yet.
    }
    await sleep(200);
  }
  if (!stopping) {
    console.error(`[start] the provider sandbox did not answer on ${sandboxUrl}; stopping`);
    stop(1);
  }
  return false;
}

function stop(code = 0) {
  stopping = true;
  for (const child of children) if (child.exitCode === null) child.kill('SIGTERM');
  setTimeout(() => process.exit(code), 500).unref();
}
process.on('SIGINT', () => stop(0));
process.on('SIGTERM', () => stop(0));

run('sandbox', `${built}/provider-sandbox/src/main.js`);
if (await sandboxReady()) run('sample', `${built}/sample/src/main.js`);
