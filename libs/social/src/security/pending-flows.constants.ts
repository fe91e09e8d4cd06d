/** How long a started OAuth round trip stays valid (Better Auth: 10 min, Auth.js: 15). */
export const PENDING_FLOW_TTL_MS = 10 * 60 * 1000;
/** Pending round trips kept per provider and session: several tabs must not clobber each other. */
export const MAX_PENDING_FLOWS = 5;
