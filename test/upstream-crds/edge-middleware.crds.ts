/**
 * `npm run test:crds`: the Traefik Middlewares and Kong KongPlugins the
 * Ingress controllers emit (rate limit, allowlist, body size, redirect, and
 * the request-header filtering and security headers of issue 18), and the
 * Traefik ServersTransport of backendTls, must pass the openAPIV3Schema of the
 * upstream CRDs (Traefik v3.7.11 traefik.io_middlewares.yaml and
 * traefik.io_serverstransports.yaml, Kong Ingress Controller 3.9
 * custom-resource-definitions.yaml), with structural-schema pruning treated
 * as an error. Read from $CDK8S_EXPOSE_CRDS_DIR or ../shared/crds, like
 * metallb.crds.ts; fails (never skips) when they are missing.
 */
import * as fs from 'fs';
import * as path from 'path';
import { Chart, Duration, Size, Testing } from 'cdk8s';
import { parseAllDocuments } from 'yaml';
import { Exposure, FrameOptions, IngressController, PublicWebApp, Tls } from '../../src';

const ROOT = path.join(__dirname, '..', '..');
const BASES = [
  process.env.CDK8S_EXPOSE_CRDS_DIR,
  path.join(ROOT, '..', 'shared', 'crds'),
  path.join(ROOT, '..', '..', 'shared', 'crds'),
].filter((d): d is string => d !== undefined);
const FILES = ['traefik-v3.7.11/traefik.io_middlewares.yaml', 'traefik-v3.7.11/traefik.io_serverstransports.yaml', 'kong-ingress-controller-3.9/custom-resource-definitions.yaml'];
const BASE = BASES.find((b) => FILES.every((f) => fs.existsSync(path.join(b, f))));

function loadAjv(): any {
  // eslint-disable-next-line @typescript-eslint/no-require-imports, import/no-extraneous-dependencies
  const mod = require('ajv');
  return mod.default ?? mod;
}

/** Structural-schema semantics: undeclared fields are pruned by the API server, so they are errors here. */
function strictify(schema: any): any {
  if (Array.isArray(schema)) return schema.map(strictify);
  if (schema === null || typeof schema !== 'object') return schema;
  const out: any = {};
  for (const [k, v] of Object.entries(schema)) {
    if (k.startsWith('x-kubernetes-') || k === 'description') continue;
    out[k] = k === 'properties' ? Object.fromEntries(Object.entries(v as any).map(([pk, pv]) => [pk, strictify(pv)])) : strictify(v);
  }
  if (out.type === 'object' && out.properties && out.additionalProperties === undefined && !schema['x-kubernetes-preserve-unknown-fields']) out.additionalProperties = false;
  return out;
}

function emitted(): any[] {
  const chart = new Chart(Testing.app(), 'shop', { namespace: 'shop' });
  const common = {
    rateLimit: { requestsPerSecond: 20 },
    allowSourceRanges: ['203.0.113.0/24'],
    maxRequestBodySize: Size.mebibytes(8),
    requestHeaders: { remove: ['X-Debug'], set: { 'X-Edge': 'public' } },
    securityHeaders: { hstsMaxAge: Duration.days(730), hstsIncludeSubdomains: true, hstsPreload: true, frameOptions: FrameOptions.SAMEORIGIN },
  };
  const tls = Tls.certManager({ clusterIssuer: 'letsencrypt-prod' });
  new PublicWebApp(chart, 'traefik', { image: 'ghcr.io/acme/shop:1.4.2', host: 'a.example.com', tls, exposure: Exposure.ingress({ controller: IngressController.traefik(), ...common }) });
  new PublicWebApp(chart, 'kong', { image: 'ghcr.io/acme/shop:1.4.2', host: 'b.example.com', tls, exposure: Exposure.ingress({ controller: IngressController.kong(), ...common }) });
  for (const [name, ca] of [['pods-cm', { caConfigMap: 'web-ca' }], ['pods-secret', { caSecret: 'web-ca' }]] as const) {
    new PublicWebApp(chart, name, {
      image: 'ghcr.io/acme/shop:1.4.2',
      host: `${name}.example.com`,
      tls,
      exposure: Exposure.ingress({ controller: IngressController.traefik(), backendTls: { hostname: `${name}.shop.svc.cluster.local`, ...ca } }),
    });
  }
  return Testing.synth(chart).filter((o) => ['Middleware', 'KongPlugin', 'ServersTransport'].includes(o.kind));
}

describe('upstream Traefik v3.7.11 and Kong 3.9 CRDs', () => {
  const validators = new Map<string, any>();
  beforeAll(() => {
    if (BASE === undefined) throw new Error(`the upstream Traefik/Kong CRDs are missing: looked for ${FILES.join(', ')} in ${BASES.join(', ')}`);
    const Ajv = loadAjv();
    // Kong's CRDs use Go (RE2) patterns such as `\-` that are invalid in a unicode JavaScript RegExp
    const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false, unicodeRegExp: false });
    for (const f of FILES) {
      for (const doc of parseAllDocuments(fs.readFileSync(path.join(BASE, f), 'utf8'))) {
        const crd = doc.toJS();
        if (crd?.kind !== 'CustomResourceDefinition' || !['Middleware', 'KongPlugin', 'ServersTransport'].includes(crd.spec.names.kind)) continue;
        for (const v of crd.spec.versions) {
          if (!v.served) continue;
          const schema = strictify(v.schema.openAPIV3Schema);
          schema.properties.metadata = { type: 'object' };
          validators.set(`${crd.spec.group}/${v.name}/${crd.spec.names.kind}`, ajv.compile(schema));
        }
      }
    }
  });

  test('every emitted Middleware, KongPlugin and ServersTransport validates against its served CRD version', () => {
    const objects = emitted();
    expect(objects.map((o) => o.metadata.name).sort()).toEqual([
      'kong-ip-restriction', 'kong-rate-limiting', 'kong-request-size-limiting', 'kong-request-transformer', 'kong-response-transformer',
      'pods-cm-backend-tls', 'pods-cm-redirect-https', 'pods-cm-request-headers', 'pods-cm-security-headers',
      'pods-secret-backend-tls', 'pods-secret-redirect-https', 'pods-secret-request-headers', 'pods-secret-security-headers',
      'traefik-allowlist', 'traefik-body-size', 'traefik-ratelimit', 'traefik-redirect-https', 'traefik-request-headers', 'traefik-security-headers',
    ]);
    for (const o of objects) {
      const validate = validators.get(`${o.apiVersion}/${o.kind}`);
      expect(validate).toBeDefined();
      const ok = validate(o);
      expect({ object: `${o.kind}/${o.metadata.name}`, errors: ok ? null : validate.errors }).toEqual({ object: `${o.kind}/${o.metadata.name}`, errors: null });
    }
  });

  test('the ServersTransport schema catches a misspelt field (the check can fail)', () => {
    const validate = validators.get('traefik.io/v1alpha1/ServersTransport');
    expect(validate({ apiVersion: 'traefik.io/v1alpha1', kind: 'ServersTransport', metadata: { name: 'x' }, spec: { rootCAs: [{ configmap: 'x' }] } })).toBe(false);
  });

  test('the Middleware schema catches an unknown headers field (the check can fail)', () => {
    const validate = validators.get('traefik.io/v1alpha1/Middleware');
    expect(validate({ apiVersion: 'traefik.io/v1alpha1', kind: 'Middleware', metadata: { name: 'x' }, spec: { headers: { stsSecond: 1 } } })).toBe(false);
  });
});
