// The hand-written Nest app: @nestjs/passport + passport-google-oauth20 + TypeORM +
// express-session, as a competent Nest developer writes a Google sign-in.
import passport from 'passport';
import { readAppEnv } from '../shared/app-env.js';
import { serveInBench } from '../shared/bench-child.js';
import { listenNestApp } from '../shared/nest-app.js';
import { HandWrittenModule } from './hand-written.module.js';

const env = readAppEnv();
serveInBench(() =>
  listenNestApp(HandWrittenModule.forRoot(env), env, (app) => {
    app.use(passport.initialize());
    app.use(passport.session());
  }),
);
