import { csrf } from '../session/csrf.middleware.js';
import { takeFlashes } from './html.util.js';

/** What every page needs: its flash messages and the session's CSRF token. */
export function pageContext(req: any) {
  return { flashes: takeFlashes(req), csrfToken: csrf.generateToken(req) };
}
