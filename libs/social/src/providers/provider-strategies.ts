import { randomUUID } from 'node:crypto';
import type { OnModuleDestroy } from '@nestjs/common';
import passport, { type Strategy } from 'passport';
import { IdTokenVerifier } from '../oauth/id-token.verifier.js';
import type { OAuthStateStore } from '../oauth/oauth-state.store.js';
import { ProviderNotEnabledError, SocialOptionsError } from '../social.exceptions.js';
import type { EnabledProvider, SocialStrategyClass } from './provider-definition.interface.js';

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

  private constructor(runtimes: ProviderRuntime[]) {
    for (const runtime of runtimes) this.runtimes.set(runtime.config.id, runtime);
  }

  /**
   * Loads each enabled provider's strategy class (its passport package is an optional peer),
   * builds the strategy and registers it. A package that is not installed stops the boot with
   * the command that installs it.
   */
  static async create(
    providers: ReadonlyMap<string, EnabledProvider>,
    stateStore: OAuthStateStore,
  ): Promise<ProviderStrategies> {
    const instance = randomUUID().slice(0, 8);
    const runtimes: ProviderRuntime[] = [];
    for (const [id, provider] of providers) {
      const Strategy = await loadStrategy(provider);
      const { config } = provider;
      const idTokens = config.openId
        ? new IdTokenVerifier({ ...config, openId: config.openId })
        : undefined;
      const strategy = new Strategy({ config, stateStore, idTokens });
      runtimes.push({ ...provider, strategyName: `social:${instance}:${id}`, strategy });
    }
    for (const { strategyName, strategy } of runtimes) passport.use(strategyName, strategy);
    return new ProviderStrategies(runtimes);
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

async function loadStrategy({ definition, config }: EnabledProvider): Promise<SocialStrategyClass> {
  try {
    return await definition.strategy();
  } catch (error) {
    const missing = definition.package && isMissingPackage(error, definition.package);
    if (!missing) throw error;
    throw new SocialOptionsError(
      `providers.${config.id} needs the package ${definition.package}: npm install ${definition.package}`,
    );
  }
}

/** Whether an import failed because `name` is not installed (not because it failed to load). */
function isMissingPackage(error: unknown, name: string): boolean {
  const e = error as { code?: unknown; message?: unknown };
  return (
    (e?.code === 'ERR_MODULE_NOT_FOUND' || e?.code === 'MODULE_NOT_FOUND') &&
    typeof e.message === 'string' &&
    e.message.includes(`'${name}'`)
  );
}
