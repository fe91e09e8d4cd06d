/** foursquare's v2 API is versioned by date; every call carries `v`. */
export const FOURSQUARE_API_VERSION = '20240601';
