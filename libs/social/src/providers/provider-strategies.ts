import { randomUUID } from 'node:crypto';
import type { OnModuleDestroy } from '@nestjs/common';
import passport, { type Strategy } from 'passport';
import type { OAuthStateStore } from '../oauth/oauth-state.store.js';
import { ProviderNotEnabledError } from '../social.exceptions.js';
import type { EnabledProvider } from './provider-definition.interface.js';

/** An enabled provider with its passport strategy, registered under `strategyName`. */
export interface ProviderRuntime extends EnabledProvider {
  strategyName: string;
  strategy: Strategy;
}

/**
 * The enabled providers of one module instance and their passport strategies, built at boot.
 * Each is registered in passport under `social:<instance>:<provider>`, so two apps in one process
 * (tests, multi-tenant) never replace each other's strategies, and removed on shutdown.
 */
export class ProviderStrategies implements OnModuleDestroy {
  private readonly runtimes = new Map<string, ProviderRuntime>();

  constructor(providers: ReadonlyMap<string, EnabledProvider>, stateStore: OAuthStateStore) {
    const instance = randomUUID().slice(0, 8);
    for (const [id, provider] of providers) {
      const strategy = new provider.definition.strategy({ config: provider.config, stateStore });
      const strategyName = `social:${instance}:${id}`;
      passport.use(strategyName, strategy);
      this.runtimes.set(id, { ...provider, strategyName, strategy });
    }
  }

  /** An enabled provider, or undefined. */
  find(providerId: string): ProviderRuntime | undefined {
    return this.runtimes.get(providerId);
  }

  /** An enabled provider; throws `ProviderNotEnabledError` for one that is not. */
  get(providerId: string): ProviderRuntime {
    const runtime = this.runtimes.get(providerId);
    if (!runtime) {
      throw new ProviderNotEnabledError(
        `provider "${providerId}" is not enabled; enabled: ${[...this.runtimes.keys()].join(', ') || 'none'}`,
      );
    }
    return runtime;
  }

  /** Every enabled provider, in configuration order. */
  all(): ProviderRuntime[] {
    return [...this.runtimes.values()];
  }

  onModuleDestroy(): void {
    for (const { strategyName } of this.runtimes.values()) passport.unuse(strategyName);
  }
}
