/** Profile values every provider maps its own response shape to (Flask-Social's connection values). */
export interface ProfileValues {
  /** The provider's stable id of the account, always a string. */
  providerUserId: string;
  /** Handle or short name ("@jack", "Jane Doe"). */
  displayName: string | null;
  fullName: string | null;
  email: string | null;
  profileUrl: string | null;
  imageUrl: string | null;
}

/** Tokens a provider handed out; never leaves the server. */
export interface ConnectionTokens {
  accessToken: string;
  /** OAuth 1.0a token secret. */
  secret: string | null;
  refreshToken: string | null;
  expiresAt: Date | null;
  scope: string | null;
}

/** What a provider said about the user who completed an OAuth round trip. */
export interface SocialProfile extends ProfileValues {
  providerId: string;
  /** True only when the provider asserts the email is verified (Google's boolean `email_verified`). */
  emailVerified: boolean;
}

/** A profile plus tokens: the outcome of a successful round trip, before anything is stored. */
export interface SocialAuthResult {
  profile: SocialProfile;
  tokens: ConnectionTokens;
}
