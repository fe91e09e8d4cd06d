import { NestFactory } from '@nestjs/core';
import { sendFacebookPing } from './facebook/facebook-pings.js';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { AddressInfo } from 'node:net';
import { SandboxContext } from './core/sandbox.context.js';
import { SandboxModule } from './sandbox.module.js';
import { baseUrl, bindAddresses, closeServer, listenAlso } from './sandbox.listen.js';
import type { RunningSandbox, SandboxOptions } from './sandbox.types.js';

/** Default lifetime of authorization codes. */
export const DEFAULT_CODE_TTL_MS = 60_000;

/**
 * Starts a provider sandbox: an HTTP server speaking the Twitter, Facebook, Google and foursquare
 * protocols, with the given clients registered. Listens on 127.0.0.1 and a free port by default.
 */
export async function startSandbox(options: SandboxOptions = {}): Promise<RunningSandbox> {
  const ctx = new SandboxContext(
    options.codeTtlMs ?? DEFAULT_CODE_TTL_MS,
    options.rotateRefreshTokens ?? false,
  );
  for (const client of options.clients ?? []) ctx.clients.register(client);

  const app = await NestFactory.create<NestExpressApplication>(SandboxModule.register(ctx), {
    // Form bodies are needed byte-exact for OAuth 1.0a signatures.
    rawBody: true,
    forceCloseConnections: true,
    ...(options.logger !== undefined ? { logger: options.logger } : {}),
  });
  app.disable('x-powered-by');
  app.set('etag', false);

  const host = options.host ?? '127.0.0.1';
  const [first, ...others] = bindAddresses(host);
  const requestedPort = options.port ?? 0;
  let extraServers: Awaited<ReturnType<typeof listenAlso>> = [];
  try {
    await app.listen(requestedPort, first);
    const { port } = app.getHttpServer().address() as AddressInfo;
    const handler = app.getHttpAdapter().getInstance();
    extraServers = await listenAlso(handler, port, others, requestedPort !== 0);
    ctx.url = baseUrl(host, port);
  } catch (error) {
    await app.close();
    throw error;
  }
  ctx.startSweeping();

  let closing: Promise<void> | undefined;
  return {
    url: ctx.url,
    registerClient: (client) => ctx.clients.register(client),
    setFault: (fault) => ctx.faults.set(fault),
    rotateKeys: (provider) => ctx.keys[provider].rotate(),
    clearFaults: () => ctx.faults.clear(),
    revokeAll: (provider) => {
      ctx.grants.revokeProvider(provider);
      if (provider === 'twitter') ctx.twitter.revokeAll();
    },
    facebookPing: (ping) => sendFacebookPing(ctx, ping),
    calls: (provider, endpoint) => ctx.calls.get(provider, endpoint),
    resetCalls: () => ctx.calls.reset(),
    close: () =>
      (closing ??= (async () => {
        ctx.dispose();
        await Promise.all(extraServers.map(closeServer));
        await app.close();
      })()),
  };
}
