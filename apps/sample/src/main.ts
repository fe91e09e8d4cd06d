import { Logger } from '@nestjs/common';
import { loadSampleConfig } from './config/sample-config.js';
import { createSampleApp } from './create-app.js';

const config = loadSampleConfig();
const app = await createSampleApp(config);
await app.listen(config.port);
new Logger('Sample').log(
  `Sample app on ${config.appUrl} (providers without keys use the sandbox at ${config.sandboxUrl})`,
);
