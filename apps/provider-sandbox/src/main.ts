import { Logger } from '@nestjs/common';
import { sandboxConfigFromEnv } from './sandbox.config.js';
import { startSandbox } from './start-sandbox.js';

const logger = new Logger('ProviderSandbox');
const { appUrl, ...options } = sandboxConfigFromEnv(process.env);
const sandbox = await startSandbox(options);
logger.log(`Provider sandbox on ${sandbox.url}; default clients redirect to ${appUrl}`);

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    void sandbox.close().then(() => process.exit(0));
  });
}
