import { ingressControllerOf } from './edge-rules';
import { LintSeverity } from './finding';
import { ingresses } from './ingress-rules';
import { describe, ObjRef } from './manifest-index';
import { Rule, rule } from './rule';
import { nearest } from '../internal/struct-keys';

/**
 * ingress-nginx annotations that the controller silently ignores, and canary
 * Ingresses it drops. Facts from kubernetes/ingress-nginx @ dbb11b92
 * (controller v1.15.1, the last release):
 * - the annotations the controller parses are the rows of
 *   `docs/user-guide/nginx-configuration/annotations-risk.md` (generated from
 *   the parsers in `internal/ingress/annotations/*`), plus the aliases
 *   `whitelist-source-range` (ipallowlist) and `limit-whitelist` (ratelimit),
 *   all under the prefix `nginx.ingress.kubernetes.io/` (the default of
 *   `--annotations-prefix`); any other key under the prefix, and the
 *   pre-0.9 prefix `ingress.kubernetes.io/`, is ignored;
 * - `internal/ingress/controller/controller.go` `mergeAlternativeBackends`:
 *   a canary Ingress is merged into the location of a non-canary Ingress
 *   with the same host, path and pathType (in any namespace) whose backend
 *   is another Service; without one, the canary backend is deleted
 *   ("unable to find real backend for alternative backend") and the canary
 *   gets no traffic.
 */

const NGINX_PREFIX = 'nginx.ingress.kubernetes.io/';
const LEGACY_PREFIX = 'ingress.kubernetes.io/';
const INGRESS_NGINX = 'k8s.io/ingress-nginx';

/** The keys (after the prefix) ingress-nginx v1.15 parses. */
const NGINX_ANNOTATIONS = [
  'affinity', 'affinity-canary-behavior', 'affinity-mode', 'allowlist-source-range', 'app-root', 'auth-always-set-cookie',
  'auth-cache-duration', 'auth-cache-key', 'auth-keepalive', 'auth-keepalive-requests', 'auth-keepalive-share-vars',
  'auth-keepalive-timeout', 'auth-method', 'auth-proxy-set-headers', 'auth-realm', 'auth-request-redirect', 'auth-response-headers',
  'auth-secret', 'auth-secret-type', 'auth-signin', 'auth-signin-redirect-param', 'auth-snippet', 'auth-tls-error-page',
  'auth-tls-match-cn', 'auth-tls-pass-certificate-to-upstream', 'auth-tls-secret', 'auth-tls-verify-client', 'auth-tls-verify-depth',
  'auth-type', 'auth-url', 'backend-protocol', 'canary', 'canary-by-cookie', 'canary-by-header', 'canary-by-header-pattern',
  'canary-by-header-value', 'canary-weight', 'canary-weight-total', 'client-body-buffer-size', 'configuration-snippet',
  'connection-proxy-header', 'cors-allow-credentials', 'cors-allow-headers', 'cors-allow-methods', 'cors-allow-origin',
  'cors-expose-headers', 'cors-max-age', 'custom-headers', 'custom-http-errors', 'default-backend', 'denylist-source-range',
  'disable-proxy-intercept-errors', 'enable-access-log', 'enable-cors', 'enable-global-auth', 'enable-modsecurity', 'enable-opentelemetry',
  'enable-owasp-core-rules', 'enable-rewrite-log', 'fastcgi-index', 'fastcgi-params-configmap', 'force-ssl-redirect',
  'from-to-www-redirect', 'http2-push-preload', 'limit-allowlist', 'limit-burst-multiplier', 'limit-connections', 'limit-rate',
  'limit-rate-after', 'limit-rpm', 'limit-rps', 'limit-whitelist', 'load-balance', 'mirror-host', 'mirror-request-body', 'mirror-target',
  'modsecurity-snippet', 'modsecurity-transaction-id', 'opentelemetry-operation-name', 'opentelemetry-trust-incoming-span',
  'permanent-redirect', 'permanent-redirect-code', 'preserve-trailing-slash', 'proxy-body-size', 'proxy-buffer-size', 'proxy-buffering',
  'proxy-buffers-number', 'proxy-busy-buffers-size', 'proxy-connect-timeout', 'proxy-cookie-domain', 'proxy-cookie-path',
  'proxy-http-version', 'proxy-max-temp-file-size', 'proxy-next-upstream', 'proxy-next-upstream-timeout', 'proxy-next-upstream-tries',
  'proxy-read-timeout', 'proxy-redirect-from', 'proxy-redirect-to', 'proxy-request-buffering', 'proxy-send-timeout', 'proxy-ssl-ciphers',
  'proxy-ssl-name', 'proxy-ssl-protocols', 'proxy-ssl-secret', 'proxy-ssl-server-name', 'proxy-ssl-verify', 'proxy-ssl-verify-depth',
  'relative-redirects', 'rewrite-target', 'satisfy', 'server-alias', 'server-snippet', 'service-upstream',
  'session-cookie-change-on-failure', 'session-cookie-conditional-samesite-none', 'session-cookie-domain', 'session-cookie-expires',
  'session-cookie-max-age', 'session-cookie-name', 'session-cookie-path', 'session-cookie-samesite', 'session-cookie-secure',
  'ssl-ciphers', 'ssl-passthrough', 'ssl-prefer-server-ciphers', 'ssl-redirect', 'stream-snippet', 'temporal-redirect',
  'temporal-redirect-code', 'upstream-hash-by', 'upstream-hash-by-subset', 'upstream-hash-by-subset-size', 'upstream-vhost',
  'use-port-in-redirects', 'use-regex', 'whitelist-source-range', 'x-forwarded-prefix',
];
const KNOWN = new Set(NGINX_ANNOTATIONS);

function isCanary(ing: ObjRef): boolean {
  return String(ing.obj.metadata?.annotations?.[`${NGINX_PREFIX}canary`]) === 'true';
}

/** host|path|pathType -> backend Service (namespace/name) of every rule path of an Ingress. */
function locations(ing: ObjRef): { key: string; host: string; path: string; backend: string; field: string }[] {
  const out: { key: string; host: string; path: string; backend: string; field: string }[] = [];
  (Array.isArray(ing.obj.spec?.rules) ? ing.obj.spec.rules : []).forEach((r: any, ri: number) => {
    const host = typeof r?.host === 'string' ? r.host : '';
    (Array.isArray(r?.http?.paths) ? r.http.paths : []).forEach((p: any, pi: number) => {
      const path = typeof p?.path === 'string' && p.path !== '' ? p.path : '/';
      const type = p?.pathType ?? 'ImplementationSpecific';
      const svc = p?.backend?.service?.name ?? p?.backend?.serviceName;
      out.push({ key: `${host}|${path}|${type}`, host: host || '(any host)', path, backend: `${ing.ns}/${svc}`, field: `spec.rules[${ri}].http.paths[${pi}]` });
    });
  });
  return out;
}

const UNKNOWN_FIX = `use an annotation ingress-nginx knows (docs/user-guide/nginx-configuration/annotations.md), with the prefix ${NGINX_PREFIX}`;
const CANARY_FIX = 'add (or fix) the main Ingress: a non-canary Ingress with the same host, path and pathType whose backend is the stable Service';

export const NGINX_RULES: Rule[] = [
  rule('nginx-annotation-unknown', LintSeverity.WARNING,
    `ingress-nginx ignores annotations it does not know: a misspelt key under ${NGINX_PREFIX}, or a known one under the pre-0.9 prefix ${LEGACY_PREFIX} (e.g. ${LEGACY_PREFIX}whitelist-source-range), silently drops the setting (an allowlist, a rate limit, a redirect).`,
    UNKNOWN_FIX,
    (index, report, settings) => {
      for (const ing of ingresses(index)) {
        const annotations = ing.obj.metadata?.annotations;
        if (!annotations || typeof annotations !== 'object') continue;
        let nginx: boolean | undefined;
        for (const key of Object.keys(annotations)) {
          if (key.startsWith(NGINX_PREFIX)) {
            const name = key.slice(NGINX_PREFIX.length);
            if (KNOWN.has(name)) continue;
            const near = nearest(name, NGINX_ANNOTATIONS);
            report(ing, `${describe(ing)} sets ${key}, which ingress-nginx does not know and ignores${near ? ` (did you mean ${NGINX_PREFIX}${near}?)` : ''}`,
              near ? `rename it to ${NGINX_PREFIX}${near}` : UNKNOWN_FIX, `metadata.annotations.${key}`);
          } else if (key.startsWith(LEGACY_PREFIX) && KNOWN.has(key.slice(LEGACY_PREFIX.length))) {
            nginx ??= ingressControllerOf(index, ing, settings) === INGRESS_NGINX;
            if (!nginx) continue; // other controllers (Traefik 1.x, HAProxy) read this prefix
            report(ing, `${describe(ing)} is served by ingress-nginx but sets ${key}: the controller reads ${NGINX_PREFIX}${key.slice(LEGACY_PREFIX.length)} and ignores the old prefix`,
              `rename it to ${NGINX_PREFIX}${key.slice(LEGACY_PREFIX.length)}`, `metadata.annotations.${key}`);
          }
        }
      }
    }),

  rule('nginx-canary-without-main', LintSeverity.ERROR,
    'ingress-nginx merges a canary Ingress into the location of a non-canary Ingress with the same host, path and pathType and another backend Service; without one it deletes the canary backend and the canary gets no traffic.',
    CANARY_FIX,
    (index, report) => {
      const all = ingresses(index);
      const main = new Map<string, Set<string>>();
      for (const ing of all) {
        if (isCanary(ing)) continue;
        for (const l of locations(ing)) {
          let s = main.get(l.key);
          if (!s) main.set(l.key, s = new Set());
          s.add(l.backend);
        }
      }
      for (const ing of all) {
        if (!isCanary(ing)) continue;
        for (const l of locations(ing)) {
          const backends = main.get(l.key);
          if (backends && [...backends].some((b) => b !== l.backend)) continue;
          report(ing, backends
            ? `${describe(ing)} is an ingress-nginx canary for ${l.host}${l.path}, but the main Ingress there sends to the same Service ${l.backend}: the canary is not merged`
            : `${describe(ing)} is an ingress-nginx canary for ${l.host}${l.path} (pathType ${l.key.split('|')[2]}), but no non-canary Ingress serves that host, path and pathType: the canary gets no traffic`,
          CANARY_FIX, l.field);
        }
      }
    }),
];
