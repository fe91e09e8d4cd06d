import {
  SANDBOX_ENDPOINTS,
  SANDBOX_PROVIDERS,
  type SandboxCallCounts,
  type SandboxEndpoint,
  type SandboxProviderId,
} from '../sandbox.types.js';

/** Counts requests per provider endpoint, failed ones included. */
export class CallCounter {
  private counts = emptyCounts();

  count(provider: SandboxProviderId, endpoint: SandboxEndpoint): void {
    this.counts[provider][endpoint] += 1;
  }

  get(provider: SandboxProviderId, endpoint: SandboxEndpoint): number {
    return this.counts[provider][endpoint];
  }

  reset(): void {
    this.counts = emptyCounts();
  }

  /** A copy of every count. */
  snapshot(): SandboxCallCounts {
    return structuredClone(this.counts);
  }
}

function emptyCounts(): SandboxCallCounts {
  const perEndpoint = () =>
    Object.fromEntries(SANDBOX_ENDPOINTS.map((endpoint) => [endpoint, 0])) as Record<
      SandboxEndpoint,
      number
    >;
  return Object.fromEntries(
    SANDBOX_PROVIDERS.map((provider) => [provider, perEndpoint()]),
  ) as SandboxCallCounts;
}
