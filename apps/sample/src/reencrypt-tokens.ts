// Re-encrypts the stored provider tokens with the current (first) key of SOCIAL_TOKEN_KEYS: run
// it after putting a new key first, then drop the old key. It also moves plaintext rows under
// encryption. Built with the sample: `node dist/apps/sample/apps/sample/src/reencrypt-tokens.js`.
import { NestFactory } from '@nestjs/core';
import { reencryptTokens } from 'nestjs-social';
import { AppModule } from './app.module.js';
import { loadSampleConfig } from './config/sample-config.js';

const app = await NestFactory.createApplicationContext(AppModule.forRoot(loadSampleConfig()));
try {
  await reencryptTokens(app);
} finally {
  await app.close();
}
