import { Inject, Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { type Profile, Strategy } from 'passport-google-oauth20';
import { BENCH_CLIENT } from '../../provider/bench-client.js';
import type { AppEnv } from '../shared/app-env.js';
import { AuthService } from './auth.service.js';

export const APP_ENV = Symbol('APP_ENV');
export const CALLBACK_PATH = '/auth/google/callback';

/** passport-google-oauth20 with state and PKCE (passport-oauth2 keeps both in the session). */
@Injectable()
export class GoogleStrategy extends PassportStrategy(Strategy, 'google') {
  constructor(
    @Inject(APP_ENV) env: AppEnv,
    private readonly auth: AuthService,
  ) {
    super({
      clientID: BENCH_CLIENT.id,
      clientSecret: BENCH_CLIENT.secret,
      callbackURL: `${env.appUrl}${CALLBACK_PATH}`,
      ...env.endpoints,
      scope: ['openid', 'profile', 'email'],
      state: true,
      pkce: true,
    });
  }

  validate(accessToken: string, refreshToken: string | undefined, profile: Profile) {
    return this.auth.signIn(profile, accessToken, refreshToken);
  }
}
