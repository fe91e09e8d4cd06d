import type { PublicConnection } from '../connections/connection-values.js';
import type { ConnectionFailureReason, LoginFailureReason } from '../social.events.js';

/**
 * What each flow decided, knowing nothing of HTTP: `http/` turns every kind into a status, a
 * code, a flash message and a redirect (`social-answers.ts`). A failure's `reason` is also the
 * reason of the event the flow emitted for it.
 */

/** The end of a provider login. @publicApi */
export type LoginOutcome =
  | { kind: 'logged_in'; userId: string; connection: PublicConnection; next: string }
  | {
      kind: 'failed';
      reason: LoginFailureReason;
      /** The profile waits for the app's sign-up page (`signUpPage`). */
      signUp?: boolean;
    };

/** The end of a connect or reconnect. @publicApi */
export type ConnectOutcome =
  | {
      kind: 'connected' | 'reconnected' | 'already_connected';
      connection: PublicConnection;
      next: string;
    }
  | {
      kind: 'failed';
      /** `connection_gone`: disconnected in another tab while the provider answered. */
      reason: Exclude<ConnectionFailureReason, 'already_connected'> | 'connection_gone';
    };

/** The end of a disconnect. @publicApi */
export type DisconnectOutcome =
  | { kind: 'removed_all' | 'removed_one' }
  | { kind: 'failed'; reason: 'not_found' | 'last_login_method' };
