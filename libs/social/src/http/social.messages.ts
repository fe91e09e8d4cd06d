/**
 * The texts of the flash messages. The first eight are Flask-Social's own (with its "Unabled"
 * typo fixed); the rest cover cases Flask-Social answered with a 500.
 */
export const SocialMessages = {
  loginDenied: (name: string) => `Access was denied to your ${name} account`,
  loginNotAssociated: (name: string) => `${name} account not associated with an existing user`,
  connectEstablished: (name: string) => `Connection established to ${name}`,
  connectAlreadyEstablished: (name: string) =>
    `A connection is already established with ${name} to your account`,
  connectDenied: (name: string) => `Access was denied by ${name}`,
  removedAll: (name: string) => `All connections to ${name} removed`,
  removedOne: (name: string) => `Connection to ${name} removed`,
  removeFailed: (name: string) => `Unable to remove connection to ${name}`,
  loginRequired: () => 'Please log in to access this page.',
  alreadyAuthenticated: () => 'You are already logged in',
  crossSite: () => 'Cross-site request refused',
  providerNotFound: (id: string) => `No provider "${id.slice(0, 40)}" is configured`,
  connectRefreshed: (name: string) => `Connection to ${name} refreshed`,
  linkedToAnotherUser: (name: string) =>
    `This ${name} account is already connected to another user`,
  stateInvalid: (name: string) =>
    `The ${name} sign-in could not be verified or has expired. Please try again.`,
  badRequest: (name: string) => `The answer from ${name} was not understood. Please try again.`,
  providerError: (name: string) =>
    `${name} could not complete the sign-in. Please try again later.`,
  providerTimeout: (name: string) => `${name} did not answer in time. Please try again later.`,
  idTokenInvalid: (name: string) =>
    `The ${name} sign-in could not be verified: its identity token was refused. Please try again.`,
  codeRejected: (name: string) => `${name} refused the sign-in. Please try again.`,
  domainNotAllowed: (name: string) => `This ${name} account is not allowed to sign in here`,
  unavailable: () => 'The service is temporarily unavailable. Please try again.',
  lastLoginMethod: (name: string) =>
    `${name} is your only way to log in: set a password or connect another account before removing it`,
  // The app's registration refused by the provider: the visitor can only tell the site.
  clientRejected: (name: string) =>
    `Sign-in with ${name} is not set up correctly on this site (${name} refused its credentials). Please tell the site's administrators.`,
  callbackNotApproved: (name: string) =>
    `Sign-in with ${name} is not set up correctly on this site (${name} has not approved its callback address). Please tell the site's administrators.`,
  redirectUriMismatch: (name: string) =>
    `Sign-in with ${name} is not set up correctly on this site (${name} refused its redirect address). Please tell the site's administrators.`,
  setupError: () =>
    'The server is misconfigured: sign-in is not available. Its log says what to fix.',
  startNeedsPost: (name: string) =>
    `A ${name} sign-in starts with a form that POSTs to this address (a button), not with a link.`,
} as const;
