import type { DynamicModule } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { Served } from './bench-child.js';
import type { AppEnv } from './app-env.js';
import { benchSession } from './session.js';

/** Boots a Nest app under test on its port, sessions in express-session's MemoryStore. */
export async function listenNestApp(
  module: DynamicModule,
  env: AppEnv,
  configure: (app: NestExpressApplication) => void = () => undefined,
): Promise<Served> {
  const app = await NestFactory.create<NestExpressApplication>(module, { logger: ['error'] });
  app.use(benchSession(env.sessionSecret));
  configure(app);
  await app.listen(env.port, '127.0.0.1');
  return { url: env.appUrl, close: () => app.close() };
}
