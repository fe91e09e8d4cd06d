import type { Strategy } from 'passport';
import type { StrategyOutcome } from './strategy-outcome.js';

/**
 * Runs a passport strategy on a request and resolves with how it ended, the way passport's own
 * middleware drives one (an instance with success/fail/redirect/error attached), but without
 * writing the response: the module saves the session before redirecting and maps every failure
 * to its own status. A deadline bounds the whole run, since node-oauth has no request timeout;
 * what the strategy does after it has no effect, because nothing is written before it resolves.
 */
export function runStrategy(
  strategy: Strategy,
  req: unknown,
  options: Record<string, unknown>,
  timeoutMs: number,
): Promise<StrategyOutcome> {
  return new Promise((resolve) => {
    let settled = false;
    const settle = (outcome: StrategyOutcome) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(outcome);
    };
    const timer = setTimeout(() => settle({ kind: 'timeout' }), timeoutMs);
    const run = Object.create(strategy) as Record<string, any>;
    run.success = (user: unknown, info: unknown) => settle({ kind: 'success', user, info });
    run.fail = (challenge: unknown, status?: number) =>
      settle({
        kind: 'fail',
        challenge: typeof challenge === 'number' ? undefined : challenge,
        status: typeof challenge === 'number' ? challenge : status,
      });
    run.redirect = (url: string) => settle({ kind: 'redirect', url });
    run.error = (error: unknown) => settle({ kind: 'error', error });
    run.pass = () => settle({ kind: 'error', error: new Error('strategy passed the request on') });
    try {
      run.authenticate(req, options);
    } catch (error) {
      settle({ kind: 'error', error });
    }
  });
}
