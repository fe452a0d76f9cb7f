/**
 * The request headers the edges remove by default, written out here (not
 * imported from the library) so a change to the default set fails the tests.
 */
export const DEFAULT_STRIPPED = [
  'Forwarded', 'X-Original-Forwarded-For', 'X-Original-URL', 'X-Rewrite-URL',
  'True-Client-IP', 'X-Client-IP', 'X-Cluster-Client-IP', 'CF-Connecting-IP', 'Fastly-Client-IP',
];
/** An Istio gateway's Envoy also passes these through from the client. */
export const ENVOY_STRIPPED = [...DEFAULT_STRIPPED, 'X-Real-IP', 'X-Forwarded-Host', 'X-Forwarded-Port'];
/** The HTTPRoute filter of the default set. */
export const DEFAULT_ROUTE_FILTERS = [{ type: 'RequestHeaderModifier', requestHeaderModifier: { remove: DEFAULT_STRIPPED } }];
/** The security response headers sent by default to an HTTPS app. */
export const DEFAULT_SECURITY_HEADERS = [
  { name: 'Strict-Transport-Security', value: 'max-age=31536000' },
  { name: 'X-Content-Type-Options', value: 'nosniff' },
  { name: 'X-Frame-Options', value: 'DENY' },
  { name: 'Referrer-Policy', value: 'strict-origin-when-cross-origin' },
];
/** The HTTPRoute filters of an HTTPS app by default: the request filter, then the security headers. */
export const HTTPS_ROUTE_FILTERS = [...DEFAULT_ROUTE_FILTERS, { type: 'ResponseHeaderModifier', responseHeaderModifier: { set: DEFAULT_SECURITY_HEADERS } }];
