// src/main.ts
import { ConfigService } from '@nestjs/config';
import { NestFactory } from '@nestjs/core';
import session from 'express-session';
import { AppModule } from './app.module.js';

async function bootstrap() {
  const app = await NestFactory.create(AppModule);
  const config = app.get(ConfigService);
  app.use(
    session({
      secret: config.getOrThrow<string>('SESSION_SECRET'),
      resave: false,
      saveUninitialized: false,
      // Lax: the provider's redirect back to your app is a top-level GET, which keeps the cookie.
      cookie: { httpOnly: true, sameSite: 'lax', secure: 'auto' },
      // The default MemoryStore is for one process in development; see "Deployment".
    }),
  );
  await app.listen(config.get('PORT') ?? 3000);
}
void bootstrap();
