import { Inject } from '@nestjs/common';
import { MODULE_OPTIONS_TOKEN } from './social.module-definition.js';

/** Injection token of the options given to `SocialModule.forRoot()` / `forRootAsync()`. @publicApi */
export const SOCIAL_MODULE_OPTIONS = MODULE_OPTIONS_TOKEN;

/** The options token, for `Test.createTestingModule(...).overrideProvider(...)`. @publicApi */
export const getSocialOptionsToken = () => SOCIAL_MODULE_OPTIONS;

/** Injects the module's options (`SocialModuleOptions`). @publicApi */
export const InjectSocialOptions = () => Inject(getSocialOptionsToken());
