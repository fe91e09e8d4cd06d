// passport-foursquare ships no types; it is a passport-oauth2 strategy with three more options.
declare module 'passport-foursquare' {
  import type { Strategy as OAuth2Strategy } from 'passport-oauth2';
  const passportFoursquare: { Strategy: new (options: any, verify: any) => OAuth2Strategy };
  export default passportFoursquare;
}
