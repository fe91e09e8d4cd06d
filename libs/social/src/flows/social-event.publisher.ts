import { Injectable, Logger, Optional } from '@nestjs/common';
import { EventEmitter2 } from '@nestjs/event-emitter';

/**
 * Emits the module's events on the app's `EventEmitter2`. A listener that throws is logged and
 * never breaks the request that caused the event (the database write has committed by then).
 */
@Injectable()
export class SocialEventPublisher {
  private readonly logger = new Logger('SocialModule');

  constructor(@Optional() private readonly emitter?: EventEmitter2) {
    if (!emitter) {
      this.logger.warn(
        'EventEmitterModule.forRoot() is not imported: connection.* and login.* events are not emitted',
      );
    }
  }

  emit(name: string, payload: object): void {
    if (!this.emitter) return;
    try {
      const result = this.emitter.emitAsync(name, payload);
      result.catch((error: unknown) => this.logListenerError(name, error));
    } catch (error) {
      this.logListenerError(name, error);
    }
  }

  private logListenerError(name: string, error: unknown) {
    this.logger.error(
      `A "${name}" listener failed`,
      error instanceof Error ? error.stack : String(error),
    );
  }
}
