import type { LoggerService, Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';

/**
 * Boots a Nest app of `module` as `app.listen()` would (create, then init: the bootstrap hooks),
 * and returns what stopped it, or null when it booted. The app is closed either way.
 */
export async function bootError(
  module: Type,
  logger: LoggerService | false = false,
): Promise<Error | null> {
  let app: Awaited<ReturnType<typeof NestFactory.create>> | undefined;
  try {
    app = await NestFactory.create(module, { logger, abortOnError: false });
    await app.init();
    return null;
  } catch (error) {
    return error as Error;
  } finally {
    await app?.close().catch(() => undefined);
  }
}
