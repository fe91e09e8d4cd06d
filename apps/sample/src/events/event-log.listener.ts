import { Injectable } from '@nestjs/common';
import { OnEvent } from '@nestjs/event-emitter';
import { SocialEvent } from 'nestjs-social';

type Payload = {
  user?: { id?: string } | null;
  providerId?: string;
  reason?: string;
  providerUserId?: string;
  connection?: { id: string; providerId: string; providerUserId: string; userId: string };
};

/**
 * `SAMPLE_EVENT_LOG=json`: one JSON line on stdout per module event (never a token: payloads
 * carry none), for a load test or a log pipeline to count.
 */
@Injectable()
export class EventLogListener {
  @OnEvent(SocialEvent.ConnectionCreated)
  created(payload: Payload) {
    this.write(SocialEvent.ConnectionCreated, payload);
  }

  @OnEvent(SocialEvent.ConnectionUpdated)
  updated(payload: Payload) {
    this.write(SocialEvent.ConnectionUpdated, payload);
  }

  @OnEvent(SocialEvent.ConnectionFailed)
  failed(payload: Payload) {
    this.write(SocialEvent.ConnectionFailed, payload);
  }

  @OnEvent(SocialEvent.ConnectionRemoved)
  removed(payload: Payload) {
    this.write(SocialEvent.ConnectionRemoved, payload);
  }

  @OnEvent(SocialEvent.LoginCompleted)
  loggedIn(payload: Payload) {
    this.write(SocialEvent.LoginCompleted, payload);
  }

  @OnEvent(SocialEvent.LoginFailed)
  loginFailed(payload: Payload) {
    this.write(SocialEvent.LoginFailed, payload);
  }

  private write(event: string, { user, providerId, reason, providerUserId, connection }: Payload) {
    const line = {
      event,
      userId: user?.id ?? connection?.userId ?? null,
      providerId: providerId ?? connection?.providerId,
      providerUserId: providerUserId ?? connection?.providerUserId,
      connectionId: connection?.id,
      reason,
    };
    process.stdout.write(`${JSON.stringify(line)}\n`);
  }
}
