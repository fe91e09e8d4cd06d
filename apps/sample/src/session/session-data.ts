// What the sample keeps in its sessions, typed on express's Request through express-session.
declare module 'express-session' {
  interface SessionData {
    /** The logged-in user. */
    userId: string;
    /** Messages for the next page, in connect-flash's shape (the module leaves its own here). */
    flash: Record<string, string[]>;
  }
}

export {};
