import type { Request, Response } from 'express';

/** The value when it is a single string; repeated or nested parameters count as absent. */
export function str(value: unknown): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/** A query parameter as a single string. */
export function queryParam(req: Request, name: string): string | undefined {
  return str((req.query as Record<string, unknown> | undefined)?.[name]);
}

/** A parsed-body parameter as a single string. */
export function bodyParam(req: Request, name: string): string | undefined {
  const body: unknown = req.body;
  return typeof body === 'object' && body !== null
    ? str((body as Record<string, unknown>)[name])
    : undefined;
}

/** A parameter from the body, else from the query (providers that take both). */
export function anyParam(req: Request, name: string): string | undefined {
  return bodyParam(req, name) ?? queryParam(req, name);
}

/** The token of an `Authorization: Bearer` header. */
export function bearerToken(req: Request): string | undefined {
  const match = /^Bearer +([^\s]+) *$/i.exec(req.headers.authorization ?? '');
  return match?.[1];
}

/** `url` with `params` appended to its query (undefined values skipped) and an optional fragment. */
export function withQuery(
  url: string,
  params: Record<string, string | undefined>,
  fragment?: string,
): string {
  const target = new URL(url);
  for (const [name, value] of Object.entries(params)) {
    if (value !== undefined) target.searchParams.append(name, value);
  }
  if (fragment !== undefined) target.hash = fragment;
  return target.toString();
}

/** Sends JSON with a status, never cached. */
export function sendJson(res: Response, status: number, body: unknown): void {
  res.status(status).setHeader('Cache-Control', 'no-store');
  res.json(body);
}

/** Sends an `application/x-www-form-urlencoded` body, as OAuth 1.0a token endpoints do. */
export function sendForm(res: Response, status: number, params: Record<string, string>): void {
  res.status(status).setHeader('Cache-Control', 'no-store');
  res.type('application/x-www-form-urlencoded').send(new URLSearchParams(params).toString());
}

/** A 302 to `location`, as providers answer authorization decisions. */
export function redirect(res: Response, location: string): void {
  res.setHeader('Cache-Control', 'no-store');
  res.redirect(302, location);
}

/** HTTP Basic client credentials (RFC 6749 §2.3.1: each part form-urlencoded before base64). */
export function basicCredentials(req: Request): { id: string; secret: string } | undefined {
  const match = /^Basic +([A-Za-z0-9+/=]+) *$/i.exec(req.headers.authorization ?? '');
  if (!match) return undefined;
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon === -1) return undefined;
  const decode = (part: string) => {
    try {
      return decodeURIComponent(part.replace(/\+/g, ' '));
    } catch {
      return part;
    }
  };
  return { id: decode(decoded.slice(0, colon)), secret: decode(decoded.slice(colon + 1)) };
}
