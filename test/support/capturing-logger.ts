import { inspect } from 'node:util';
import type { LoggerService } from '@nestjs/common';

/** Every line the app's Nest logger was given, whatever the level (`'<level> <message> …'`). */
export class CapturingLogger implements LoggerService {
  readonly lines: string[] = [];
  log(message: unknown, ...rest: unknown[]) {
    this.push('log', message, rest);
  }
  error(message: unknown, ...rest: unknown[]) {
    this.push('error', message, rest);
  }
  warn(message: unknown, ...rest: unknown[]) {
    this.push('warn', message, rest);
  }
  debug(message: unknown, ...rest: unknown[]) {
    this.push('debug', message, rest);
  }
  verbose(message: unknown, ...rest: unknown[]) {
    this.push('verbose', message, rest);
  }
  fatal(message: unknown, ...rest: unknown[]) {
    this.push('fatal', message, rest);
  }
  /** Forgets the lines so far. */
  clear() {
    this.lines.length = 0;
  }
  private push(level: string, message: unknown, rest: unknown[]) {
    this.lines.push([level, message, ...rest].map(text).join(' '));
  }
}

/** A logged value as text: strings as they are, anything else inspected. */
export function text(value: unknown): string {
  return typeof value === 'string' ? value : inspect(value, { depth: 8 });
}
