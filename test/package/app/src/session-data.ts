// src/session-data.ts
import 'express-session';

// What your app keeps in the session, typed on `req.session`.
declare module 'express-session' {
  interface SessionData {
    userId: string;
  }
}
