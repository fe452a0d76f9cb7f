/**
 * `npm run test:crds`: the Gateway API objects the library emits (Gateway,
 * HTTPRoute, GRPCRoute, TLSRoute, TCPRoute, UDPRoute, ListenerSet, ReferenceGrant,
 * BackendTLSPolicy)
 * must pass the openAPIV3Schema of the upstream v1.6.1 standard-channel CRDs
 * (kubernetes-sigs/gateway-api config/crd/standard, tag v1.6.1; ajv, fields
 * the schema does not declare refused), in a version the CRD serves. Read
 * from $CDK8S_EXPOSE_CRDS_DIR/gateway-api-v1.6.1 or ../shared/crds; fails
 * (never skips) when they are missing.
 */
import * as fs from 'fs';
import * as path from 'path';
import { App, Chart, Testing } from 'cdk8s';
import { crdFolder, loadAjv, strictify } from './crd-validators';
import { parseCrdYaml } from '../../scripts/crd-yaml';
import { Exposure, GatewayRouteKind, PublicWebApp, Tls } from '../../src';

const { candidates, dir } = crdFolder('gateway-api-v1.6.1');
const EXAMPLES = ['gateway-api-route', 'gateway-grpc-route', 'gateway-tcp-route', 'gateway-udp-dns', 'gateway-tls-passthrough', 'mesh-gateway-api', 'external-dns-gateway'];
const KINDS = ['Gateway', 'HTTPRoute', 'GRPCRoute', 'TLSRoute', 'TCPRoute', 'UDPRoute', 'ListenerSet', 'ReferenceGrant', 'BackendTLSPolicy'];

function emitted(): any[] {
  return EXAMPLES.flatMap((name) => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const example = require(path.join(__dirname, '..', '..', 'examples', name, 'main.ts'));
    const app: App = Testing.app();
    example.build(app);
    return app.charts.flatMap((c) => c.toJson());
  }).concat(crossNamespace()).filter((o) => o.apiVersion?.startsWith('gateway.networking.k8s.io/'));
}

/** ReferenceGrants: a certificate Secret read by a Gateway in another namespace, a canary backend in another namespace; a BackendTLSPolicy. */
function crossNamespace(): any[] {
  const app = Testing.app();
  const shop = new Chart(app, 'shop', { namespace: 'shop' });
  new PublicWebApp(shop, 'web', { image: 'ghcr.io/acme/shop:1.4.2', host: 'shop.example.com', tls: Tls.fromSecret('shop-tls'), exposure: Exposure.gateway({ gatewayClassName: 'eg', gatewayNamespace: 'edge' }) });
  const stable = new PublicWebApp(shop, 'pg', { image: 'ghcr.io/acme/pg:17.2', exposure: Exposure.gateway({ gatewayClassName: 'eg', routeKind: GatewayRouteKind.TCP }) });
  new PublicWebApp(new Chart(app, 'next', { namespace: 'next' }), 'pg-next', { image: 'ghcr.io/acme/pg:17.3', exposure: Exposure.gateway({ canary: { stable, weight: 5 } }) });
  // backendTls: a BackendTLSPolicy for pods that serve TLS
  new PublicWebApp(shop, 'tls-pods', {
    image: 'ghcr.io/acme/shop:1.4.2',
    host: 'pods.example.com',
    tls: Tls.fromSecret('pods-tls'),
    exposure: Exposure.gateway({ gatewayClassName: 'eg', backendTls: { hostname: 'tls-pods.shop.svc.cluster.local', caConfigMap: 'pods-ca' } }),
  });
  return app.charts.flatMap((c) => c.toJson());
}

describe('upstream Gateway API v1.6.1 CRDs', () => {
  const validators = new Map<string, any>();
  beforeAll(() => {
    if (dir === undefined) {
      throw new Error(`the upstream Gateway API CRDs are missing: looked in ${candidates.join(', ')} (set CDK8S_EXPOSE_CRDS_DIR to a folder holding gateway-api-v1.6.1/)`);
    }
    const Ajv = loadAjv();
    const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false });
    for (const file of fs.readdirSync(dir).filter((f) => f.endsWith('.yaml'))) {
      for (const crd of parseCrdYaml(path.join(dir, file))) {
        if (crd?.kind !== 'CustomResourceDefinition' || !KINDS.includes(crd.spec.names.kind)) continue;
        for (const v of crd.spec.versions) {
          if (!v.served) continue;
          const schema = strictify(v.schema.openAPIV3Schema);
          schema.properties.metadata = { type: 'object' };
          validators.set(`${crd.spec.group}/${v.name}/${crd.spec.names.kind}`, ajv.compile(schema));
        }
      }
    }
  });

  test('every emitted Gateway API object validates against a served version of its CRD', () => {
    const objects = emitted();
    expect(new Set(objects.map((o) => o.kind))).toEqual(new Set(KINDS));
    for (const o of objects) {
      const validate = validators.get(`${o.apiVersion}/${o.kind}`);
      expect({ object: `${o.apiVersion} ${o.kind}`, served: validate !== undefined }).toEqual({ object: `${o.apiVersion} ${o.kind}`, served: true });
      const ok = validate(o);
      expect({ object: `${o.kind}/${o.metadata.name}`, errors: ok ? null : validate.errors }).toEqual({ object: `${o.kind}/${o.metadata.name}`, errors: null });
    }
  });

  test('the CRD schema catches an unknown field (the check can fail)', () => {
    const validate = validators.get('gateway.networking.k8s.io/v1/TCPRoute');
    expect(validate({ apiVersion: 'gateway.networking.k8s.io/v1', kind: 'TCPRoute', metadata: { name: 'x' }, spec: { rules: [{ backendRefs: [{ name: 'a', port: 1 }] }], hostnames: ['a'] } })).toBe(false);
  });
});
