import { IDENTITY_PARAM } from '../provider/bench-client.js';
import { WELCOME_PATH } from '../apps/shared/app-env.js';
import type { AppUnderTest } from './apps-under-test.js';
import { CookieJar } from './cookie-jar.js';
import type { Answer, HttpDriver } from './http-driver.js';

/** A flow that did not end logged in: the bench fails. */
export class FlowError extends Error {
  override readonly name = 'FlowError';
}

export interface SignInOptions {
  /** The provider identity (a new one signs up, a known one logs in again). */
  sub: string;
  /** End with a logout, so the session store does not grow (the RSS run). */
  logout?: boolean;
}

/**
 * One complete sign-in as a new browser: the app's start, the provider's authorization (no
 * consent page), the callback. Returns the callback's time in ms; throws `FlowError` when the
 * flow does not end on the welcome page with a new session cookie.
 */
export async function signIn(
  driver: HttpDriver,
  app: AppUnderTest,
  appUrl: string,
  { sub, logout = false }: SignInOptions,
): Promise<number> {
  const jar = new CookieJar();
  const startUrl = new URL(app.start.path, appUrl);
  const origin: Record<string, string> =
    app.start.method === 'POST' ? { origin: startUrl.origin } : {};
  const start = await driver.send(app.start.method, startUrl, jar, origin);
  const authorizeUrl = redirectOf(start, startUrl, 'start');
  authorizeUrl.searchParams.set(IDENTITY_PARAM, sub);
  const authorized = await driver.send('GET', authorizeUrl, jar);
  const callbackUrl = redirectOf(authorized, authorizeUrl, 'authorization');
  const began = performance.now();
  const callback = await driver.send('GET', callbackUrl, jar);
  const callbackMs = performance.now() - began;
  const landed = redirectOf(callback, callbackUrl, 'callback');
  if (landed.origin !== startUrl.origin || landed.pathname !== WELCOME_PATH) {
    throw new FlowError(`callback went to ${landed.href}, not ${WELCOME_PATH}`);
  }
  if (callback.setCookie.length === 0) throw new FlowError('callback set no session cookie');
  if (logout)
    redirectOf(await driver.send('GET', new URL('/logout', appUrl), jar), startUrl, 'logout');
  return callbackMs;
}

function redirectOf(answer: Answer, from: URL, step: string): URL {
  if (answer.status !== 302 || !answer.location) {
    throw new FlowError(`${step} (${from.pathname}) answered ${answer.status}, not a redirect`);
  }
  return new URL(answer.location, from);
}
