import session from 'express-session';

/** The session middleware of both Nest apps: express-session's MemoryStore, the usual flags. */
export function benchSession(secret: string) {
  return session({
    secret,
    resave: false,
    saveUninitialized: false,
    cookie: { httpOnly: true, sameSite: 'lax' },
  });
}
