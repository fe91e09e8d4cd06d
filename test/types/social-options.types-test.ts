// Compile-time checks of the public option types, run by `npm run typecheck` (tsc over test/):
// each `@ts-expect-error` fails the typecheck if the line below it ever compiles.
import {
  SocialModule,
  type SocialModuleOptions,
  SocialUsers,
  type SocialProfile,
} from 'nestjs-social';
import type { EntityManager } from 'typeorm';
import { TestUsers } from '../fixtures/test-users.js';

const base = {
  appUrl: 'https://app.example',
  users: TestUsers,
  tokenEncryptionKeys: false as const,
};
const config = { get: (key: string): string | undefined => key };

// forRoot: an object literal, so misspelled keys were always errors.
SocialModule.forRoot({ ...base, providers: {} });
// @ts-expect-error a misspelled option
SocialModule.forRoot({ ...base, providers: {}, loginUrl: '/login' });

// forRootAsync: the factory's result is checked as strictly, sync or async, at both levels.
SocialModule.forRootAsync({
  inject: ['config'],
  useFactory: (c: typeof config) => ({
    ...base,
    providers: {
      google: { clientId: c.get('ID'), clientSecret: c.get('SECRET') },
      twitter: undefined,
    },
  }),
});
SocialModule.forRootAsync({
  useFactory: async () => ({ ...base, providers: {}, loginPage: '/in' }),
});
SocialModule.forRootAsync({
  // @ts-expect-error a misspelled option in a factory's result
  useFactory: () => ({ ...base, providers: {}, loginUrl: '/login' }),
});
SocialModule.forRootAsync({
  // @ts-expect-error a misspelled option in an async factory's result
  useFactory: async () => ({ ...base, providers: {}, connectAlowRedirect: '/' }),
});
SocialModule.forRootAsync({
  // @ts-expect-error a misspelled provider key
  useFactory: async () => ({
    ...base,
    providers: { google: { clientId: 'i', clientSecrett: 's' } },
  }),
});
// A value already typed as the options passes as it is.
const typed: SocialModuleOptions = { ...base, providers: {} };
SocialModule.forRootAsync({ useFactory: () => typed });

// tokenEncryptionKeys is required: keys, or false to opt out explicitly.
// @ts-expect-error tokenEncryptionKeys left out
const noKeys: SocialModuleOptions = {
  appUrl: 'https://app.example',
  users: TestUsers,
  providers: {},
};
const keys: SocialModuleOptions = { ...typed, tokenEncryptionKeys: ['k1:…'] };

// createUserFromProfile's transaction is TypeORM's EntityManager.
export abstract class SignUpUsers extends SocialUsers {
  override async createUserFromProfile(_p: SocialProfile, _req: unknown, manager: EntityManager) {
    const { identifiers } = await manager.insert('user', { email: 'a@example.com' });
    // @ts-expect-error an EntityManager has no such method
    await manager.insertUser({});
    return String(identifiers[0]?.['id']);
  }
}

export { noKeys, keys };
