import type { SocialModuleOptions, SocialProviderOptions } from './social-options.interface.js';

/** `T` with every key `Shape` does not have typed `never`: a misspelled key is a compile error. */
type NoExtraKeys<T, Shape> = T & { [K in Exclude<keyof T, keyof Shape>]: never };

type NoExtraProviderKeys<V> = V extends object ? NoExtraKeys<V, SocialProviderOptions> : V;

/**
 * The options a `forRootAsync` factory returns, checked as strictly as `forRoot`'s object
 * literal: TypeScript does not check excess properties of a function's returned object, so a
 * misspelled option (`loginUrl`) or provider key (`clientSecrett`) is typed `never` instead.
 *
 * @publicApi
 */
export type StrictSocialOptions<T extends SocialModuleOptions> = NoExtraKeys<
  T,
  SocialModuleOptions
> &
  (T extends { providers: infer P }
    ? { providers: { [Id in keyof P]: NoExtraProviderKeys<P[Id]> } }
    : unknown);
