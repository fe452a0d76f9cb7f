/**
 * Request-header filtering at the edge (`requestHeaders` of
 * `Exposure.ingress()`, `Exposure.gateway()` and `Exposure.mesh()`).
 *
 * Without it the app receives every header a client invents: a spoofed
 * `True-Client-IP` or `Forwarded` in logs and allowlists, an
 * `X-Original-URL` that rewrites the path behind the edge's access rules.
 * By default the edge removes `SPOOFABLE_REQUEST_HEADERS` (plus, on an Istio
 * gateway, the forwarding headers Envoy passes through unchanged) wherever the
 * edge can filter headers per app. The forwarding headers the edge itself
 * writes (`X-Forwarded-For`, `X-Forwarded-Proto`, and on Traefik, Kong and
 * ingress-nginx also `X-Real-IP`, `X-Forwarded-Host`, `X-Forwarded-Port`)
 * are left alone: they carry the edge's own, trusted, values.
 */
export interface RequestHeaderOptions {
  /**
   * Header names removed from every client request, on top of the default
   * set (case-insensitive; RFC 9110 token characters).
   * @default - only the default set
   */
  readonly remove?: string[];
  /**
   * Headers set on every request, replacing whatever the client sent
   * (non-empty values without CR, LF or NUL; Traefik removes a header given
   * an empty value).
   * @default - none
   */
  readonly set?: { [name: string]: string };
  /**
   * Forward the default set of spoofable headers (`SPOOFABLE_REQUEST_HEADERS`)
   * untouched, e.g. when a CDN in front of the edge writes `True-Client-IP`
   * or `Forwarded` and the app trusts it.
   * @default false
   */
  readonly keepSpoofableHeaders?: boolean;
}

/**
 * Client-IP, forwarding and path-override headers that none of the edges this
 * library configures writes itself, so whatever value the app receives came
 * from the client: RFC 7239 `Forwarded`; `X-Original-Forwarded-For` (written
 * by ingress-nginx from the client's X-Forwarded-For); the path overrides
 * `X-Original-URL` and `X-Rewrite-URL` (honoured by some frameworks, a known
 * access-control bypass); the CDN client-IP headers `True-Client-IP`,
 * `X-Client-IP`, `X-Cluster-Client-IP`, `CF-Connecting-IP`,
 * `Fastly-Client-IP`. Envoy sanitizes only x-forwarded-for,
 * x-forwarded-proto, x-forwarded-client-cert, x-request-id and x-envoy-*
 * (envoyproxy.io, "HTTP header sanitizing"); Traefik rewrites the
 * X-Forwarded-* headers and X-Real-Ip of untrusted clients
 * (doc.traefik.io, entrypoints `forwardedHeaders`); Kong overwrites
 * X-Real-IP and X-Forwarded-* of clients outside `trusted_ips`
 * (developer.konghq.com, "Proxying").
 */
export const SPOOFABLE_REQUEST_HEADERS: string[] = [
  'Forwarded',
  'X-Original-Forwarded-For',
  'X-Original-URL',
  'X-Rewrite-URL',
  'True-Client-IP',
  'X-Client-IP',
  'X-Cluster-Client-IP',
  'CF-Connecting-IP',
  'Fastly-Client-IP',
];
