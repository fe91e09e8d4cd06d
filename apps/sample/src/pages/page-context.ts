import type { Request, Response } from 'express';
import type { CsrfTokens } from '../session/csrf-tokens.js';
import { takeFlashes } from './html.util.js';

/** What every page needs: its flash messages and the CSRF token of its forms. */
export function pageContext(req: Request, res: Response, csrf: CsrfTokens) {
  return { flashes: takeFlashes(req), csrfToken: csrf.forPage(req, res) };
}
