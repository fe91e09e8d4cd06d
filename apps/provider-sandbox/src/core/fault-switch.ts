import type { Response } from 'express';
import {
  SANDBOX_ENDPOINTS,
  SANDBOX_PROVIDERS,
  type SandboxEndpoint,
  type SandboxFault,
  type SandboxFaultKind,
  type SandboxProviderId,
} from '../sandbox.types.js';
import type { CallCounter } from './call-counter.js';

const KINDS: readonly SandboxFaultKind[] = [
  'delay',
  'status',
  'malformed',
  'body',
  'extra',
  'invalid_grant',
  'no_callback_confirmed',
  'no_access_token',
  'redirect_uri_mismatch',
  'id_token_bad_signature',
  'id_token_wrong_issuer',
  'id_token_wrong_audience',
  'id_token_wrong_nonce',
  'id_token_expired',
  'id_token_missing',
];

/** How a provider answers the provider-specific fault kinds on one endpoint. */
export type FaultAnswers = Partial<
  Record<'invalid_grant' | 'no_access_token', (res: Response) => void>
>;

/** What a handler learns from {@link FaultSwitch.enter}. */
export interface FaultOutcome {
  /** The response is already dealt with (fault answer sent, or client gone): return at once. */
  answered: boolean;
  /** The kind of the fault that applied, for the ones the handler itself implements. */
  kind?: SandboxFaultKind;
}

/** Armed faults, and the call counting every instrumented endpoint goes through. */
export class FaultSwitch {
  private readonly faults = new Map<string, SandboxFault>();
  private readonly pendingDelays = new Set<() => void>();

  constructor(private readonly calls: CallCounter) {}

  /** Arms a fault, replacing one on the same endpoint. Throws a TypeError on bad input. */
  set(fault: SandboxFault): void {
    assertFault(fault);
    this.faults.set(keyOf(fault.provider, fault.endpoint), { ...fault });
  }

  clear(): void {
    this.faults.clear();
  }

  /**
   * Counts the call, then applies the armed fault: generic kinds are answered here, the
   * provider-specific ones through `answers`, and the rest are left to the handler via `kind`.
   */
  async enter(
    res: Response,
    provider: SandboxProviderId,
    endpoint: SandboxEndpoint,
    answers: FaultAnswers = {},
  ): Promise<FaultOutcome> {
    this.calls.count(provider, endpoint);
    const fault = this.consume(provider, endpoint);
    if (!fault) return { answered: false };
    switch (fault.kind) {
      case 'delay':
        return { answered: !(await this.wait(res, fault.delayMs ?? 0)) };
      case 'status':
        res
          .status(fault.status ?? 500)
          .type('html')
          .send('<html>error</html>');
        return { answered: true, kind: fault.kind };
      case 'malformed':
        res.status(200).type('json').send('not json{');
        return { answered: true, kind: fault.kind };
      case 'body':
        res
          .status(200)
          .type('json')
          .send(JSON.stringify(fault.body ?? null));
        return { answered: true, kind: fault.kind };
      case 'extra':
        mergeIntoJson(res, fault.body);
        return { answered: false, kind: fault.kind };
      case 'invalid_grant':
      case 'no_access_token': {
        const answer = answers[fault.kind];
        if (!answer) return { answered: false, kind: fault.kind };
        answer(res);
        return { answered: true, kind: fault.kind };
      }
      default:
        return { answered: false, kind: fault.kind };
    }
  }

  /** Cuts pending delays short and drops their connections (used by close()). */
  dispose(): void {
    // Each cancel removes itself; deleting the current entry is safe while iterating a Set.
    for (const cancel of this.pendingDelays) cancel();
  }

  private consume(
    provider: SandboxProviderId,
    endpoint: SandboxEndpoint,
  ): SandboxFault | undefined {
    const key = keyOf(provider, endpoint);
    const fault = this.faults.get(key);
    if (!fault) return undefined;
    if (fault.times !== undefined) {
      fault.times -= 1;
      if (fault.times <= 0) this.faults.delete(key);
    }
    return fault;
  }

  /** Resolves true after `ms`, or false as soon as the client goes away or the sandbox closes. */
  private wait(res: Response, ms: number): Promise<boolean> {
    return new Promise((resolve) => {
      const finish = (alive: boolean) => {
        clearTimeout(timer);
        res.off('close', onClose);
        this.pendingDelays.delete(cancel);
        resolve(alive);
      };
      const onClose = () => finish(false);
      const cancel = () => {
        finish(false);
        res.destroy();
      };
      const timer = setTimeout(() => finish(!res.destroyed), ms);
      res.on('close', onClose);
      this.pendingDelays.add(cancel);
    });
  }
}

/** Makes the handler's JSON answer carry the fields of `extra` too. */
function mergeIntoJson(res: Response, extra: unknown): void {
  const json = res.json.bind(res);
  res.json = (body: unknown) =>
    json(body && typeof body === 'object' ? { ...body, ...(extra as object) } : body);
}

function keyOf(provider: SandboxProviderId, endpoint: SandboxEndpoint): string {
  return `${provider}:${endpoint}`;
}

function assertFault(fault: SandboxFault): void {
  if (typeof fault !== 'object' || fault === null) throw new TypeError('fault must be an object');
  if (!SANDBOX_PROVIDERS.includes(fault.provider)) {
    throw new TypeError(`fault.provider must be one of ${SANDBOX_PROVIDERS.join(', ')}`);
  }
  if (!SANDBOX_ENDPOINTS.includes(fault.endpoint)) {
    throw new TypeError(`fault.endpoint must be one of ${SANDBOX_ENDPOINTS.join(', ')}`);
  }
  if (!KINDS.includes(fault.kind))
    throw new TypeError(`fault.kind must be one of ${KINDS.join(', ')}`);
  if (fault.delayMs !== undefined && !(Number.isInteger(fault.delayMs) && fault.delayMs >= 0)) {
    throw new TypeError('fault.delayMs must be a non-negative integer');
  }
  if (
    fault.status !== undefined &&
    !(Number.isInteger(fault.status) && fault.status >= 100 && fault.status <= 599)
  ) {
    throw new TypeError('fault.status must be an HTTP status code');
  }
  if (fault.times !== undefined && !(Number.isInteger(fault.times) && fault.times >= 1)) {
    throw new TypeError('fault.times must be a positive integer');
  }
}
