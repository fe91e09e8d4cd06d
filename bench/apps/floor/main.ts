// The floor: bare node:http doing only what a sign-in cannot skip (state + PKCE, the code
// exchange, userinfo, two indexed upserts, a session), for the other apps' figures to be
// read against.
import { timingSafeEqual } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { readAppEnv, WELCOME_PATH } from '../shared/app-env.js';
import { serveInBench } from '../shared/bench-child.js';
import { CALLBACK_PATH, FloorOAuth } from './floor-oauth.js';
import { FloorSessions } from './floor-sessions.js';
import { FloorStore } from './floor-store.js';

const env = readAppEnv();
const store = new FloorStore(env.database);
const sessions = new FloorSessions();
const oauth = new FloorOAuth(env);

async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', env.appUrl);
  if (url.pathname === '/login') {
    const { state, verifier, url: authorizationUrl } = oauth.start();
    return redirect(res, authorizationUrl, sessions.create({ state, verifier }));
  }
  if (url.pathname === CALLBACK_PATH) {
    const pending = sessions.take(req);
    const state = url.searchParams.get('state') ?? '';
    const code = url.searchParams.get('code');
    if (!pending || !('state' in pending) || !code || !sameString(state, pending.state)) {
      res.writeHead(403).end();
      return;
    }
    const tokens = await oauth.exchange(code, pending.verifier);
    const profile = await oauth.userinfo(tokens.access_token);
    const userId = store.signIn(
      profile,
      tokens.access_token,
      Date.now() + tokens.expires_in * 1000,
    );
    return redirect(res, WELCOME_PATH, sessions.create({ userId }));
  }
  if (url.pathname === '/logout') {
    sessions.take(req);
    return redirect(res, '/');
  }
  res.writeHead(404).end();
}

function redirect(res: ServerResponse, location: string, cookie?: string): void {
  res.writeHead(302, cookie ? { location, 'set-cookie': cookie } : { location }).end();
}

function sameString(a: string, b: string): boolean {
  return a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));
}

serveInBench(async () => {
  const server = createServer((req, res) => {
    route(req, res).catch((error: unknown) => {
      console.error(error);
      if (!res.headersSent) res.writeHead(500);
      res.end();
    });
  });
  await new Promise<void>((resolve) => server.listen(env.port, '127.0.0.1', resolve));
  return {
    url: env.appUrl,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
});
