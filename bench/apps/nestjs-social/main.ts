// nestjs-social under test, the library imported from source ('nestjs-social' resolves
// through tsconfig.json's paths, see bench/support/ts-hooks.mjs).
import { readAppEnv } from '../shared/app-env.js';
import { serveInBench } from '../shared/bench-child.js';
import { listenNestApp } from '../shared/nest-app.js';
import { SocialBenchModule } from './social-bench.module.js';

const env = readAppEnv();
serveInBench(() => listenNestApp(SocialBenchModule.forRoot(env), env));
