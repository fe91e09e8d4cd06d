import { type INestApplicationContext, Logger } from '@nestjs/common';
import { ConnectionRepository } from '../connections/connection.repository.js';
import { TypeOrmConnectionRepository } from '../connections/typeorm-connection.repository.js';

/**
 * The key-rotation job: re-encrypts every stored token with the current key of
 * `tokenEncryptionKeys`, and moves plaintext rows (written with encryption off) under it. Run it
 * after deploying a new current key, then remove the old key. Safe to run again, and beside the
 * running app. Rows that do not decrypt are set `needs_reauth` and counted in `failed`.
 *
 * @example
 * // scripts/reencrypt-tokens.ts
 * const app = await NestFactory.createApplicationContext(AppModule);
 * try {
 *   await reencryptTokens(app);
 * } finally {
 *   await app.close();
 * }
 * @publicApi
 */
export async function reencryptTokens(
  app: INestApplicationContext,
  { batchSize = 500 }: { batchSize?: number } = {},
): Promise<{ reencrypted: number; failed: number }> {
  const repository = app.get(ConnectionRepository, { strict: false });
  if (!(repository instanceof TypeOrmConnectionRepository)) {
    throw new Error(
      'reencryptTokens works on the default TypeOrmConnectionRepository; ' +
        'a custom connectionRepository re-encrypts its own rows',
    );
  }
  const logger = new Logger('SocialModule');
  const result = await repository.reencryptAll(batchSize);
  logger.log(`Re-encrypted the tokens of ${result.reencrypted} connection(s)`);
  if (result.failed > 0) {
    logger.error(
      `${result.failed} connection(s) could not be decrypted and are set needs_reauth; ` +
        'check that every key still in use is in tokenEncryptionKeys',
    );
  }
  return result;
}
