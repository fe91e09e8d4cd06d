import type { INestApplication } from '@nestjs/common';
import { EventEmitter2 } from '@nestjs/event-emitter';

/** Every event emitted on the app's bus, in order. */
export class EventRecorder {
  readonly events: { name: string; payload: any }[] = [];

  constructor(app: INestApplication) {
    app.get(EventEmitter2).onAny((name, payload) => {
      this.events.push({ name: String(name), payload });
    });
  }

  named(name: string) {
    return this.events.filter((e) => e.name === name).map((e) => e.payload);
  }

  names(): string[] {
    return this.events.map((e) => e.name);
  }

  clear() {
    this.events.length = 0;
  }
}
