export { startSandbox, DEFAULT_CODE_TTL_MS } from './start-sandbox.js';
export {
  sandboxEndpoints,
  SANDBOX_DEFAULT_CLIENTS,
  SANDBOX_GRAPH_VERSION,
  type SandboxEndpoints,
} from './sandbox.endpoints.js';
export { SANDBOX_IDENTITIES } from './sandbox.identities.js';
export {
  SANDBOX_ENDPOINTS,
  SANDBOX_PROVIDERS,
  type RunningSandbox,
  type SandboxCallCounts,
  type SandboxClient,
  type SandboxEndpoint,
  type SandboxFault,
  type SandboxFaultKind,
  type SandboxIdentity,
  type SandboxOptions,
  type SandboxProviderId,
} from './sandbox.types.js';
export { oauth1AuthorizationHeader, type OAuth1SignInput } from './oauth1/oauth1-client.js';
export { completeConsent, type ConsentChoice } from './consent/complete-consent.js';
export { facebookSignedRequest } from './facebook/facebook-pings.js';
