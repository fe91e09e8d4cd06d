import { facebookProvider } from './facebook.provider.js';
import { foursquareProvider } from './foursquare.provider.js';
import { googleProvider } from './google.provider.js';
import type { SocialProviderDefinition } from './provider-definition.interface.js';
import { twitterProvider } from './twitter.provider.js';

/** The built-in providers, by id. */
export const BUILT_IN_PROVIDERS: ReadonlyMap<string, SocialProviderDefinition> = new Map(
  [twitterProvider, facebookProvider, googleProvider, foursquareProvider].map((p) => [p.id, p]),
);
