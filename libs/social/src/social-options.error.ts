/**
 * The module's options are wrong; thrown at boot with what to fix.
 *
 * @publicApi
 */
export class SocialOptionsError extends Error {
  override readonly name = 'SocialOptionsError';
  constructor(problem: string) {
    super(`nestjs-social: ${problem}`);
  }
}
