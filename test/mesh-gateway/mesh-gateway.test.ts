import { Testing } from 'cdk8s';
import { expectExposeError } from './expect-error';
import { MeshGateway, MeshGatewayProps, MeshTls, MeshTlsMode, MeshTlsProtocolVersion } from '../../src';
import { expectValid } from '../util/schema';

const simple = MeshTls.simple({ credentialName: 'wildcard-cert' });

function gateway(props: Partial<MeshGatewayProps> = {}) {
  const chart = Testing.chart();
  const edge = new MeshGateway(chart, 'edge', { hosts: ['*.example.com'], tls: simple, ...props } as MeshGatewayProps);
  const [obj] = expectValid(chart);
  return { chart, edge, obj };
}

describe('MeshGateway defaults', () => {
  test('HTTPS on 443 with SIMPLE TLS, TLS 1.2 minimum, and an HTTP server that only redirects', () => {
    const { chart, edge, obj } = gateway();
    expect(Testing.synth(chart)).toMatchSnapshot();
    expect(obj.apiVersion).toBe('networking.istio.io/v1');
    expect(obj.kind).toBe('Gateway');
    expect(obj.metadata.namespace).toBe('istio-system');
    expect(obj.spec.selector).toEqual({ istio: 'ingressgateway' });
    expect(obj.spec.servers).toEqual([
      {
        name: 'https',
        port: { number: 443, name: 'https', protocol: 'HTTPS' },
        hosts: ['*.example.com'],
        tls: { mode: 'SIMPLE', credentialName: 'wildcard-cert', minProtocolVersion: 'TLSV1_2' },
      },
      {
        name: 'http-redirect',
        port: { number: 80, name: 'http', protocol: 'HTTP' },
        hosts: ['*.example.com'],
        tls: { httpsRedirect: true },
      },
    ]);
    expect(edge.namespace).toBe('istio-system');
    expect(edge.tlsMode).toBe(MeshTlsMode.SIMPLE);
    expect(edge.hosts).toEqual(['*.example.com']);
    expect(edge.selector).toEqual({ istio: 'ingressgateway' });
    expect(edge.principal).toBe('cluster.local/ns/istio-system/sa/istio-ingressgateway-service-account');
    expect(edge.gatewayRef).toBe(`istio-system/${obj.metadata.name}`);
    expect(edge.name).toBe(obj.metadata.name);
    expect(edge.gateway.kind).toBe('Gateway');
  });

  test('only objects of the gateway are created', () => {
    const { chart } = gateway();
    expect(Testing.synth(chart)).toHaveLength(1);
  });
});

describe('MeshGateway options', () => {
  test('the article public-gateway: hosts *, SIMPLE, wildcard-cert', () => {
    const { obj, edge } = gateway({ hosts: ['*'] });
    expect(obj.spec.servers[0].hosts).toEqual(['*']);
    expect(edge.covers('anything.example.org')).toBe(true);
  });

  test('MUTUAL with the CA in the credential Secret', () => {
    const { obj, edge } = gateway({ tls: MeshTls.mutual({ credentialName: 'shop-cert' }) });
    expect(obj.spec.servers[0].tls).toEqual({ mode: 'MUTUAL', credentialName: 'shop-cert', minProtocolVersion: 'TLSV1_2' });
    expect(edge.tlsMode).toBe(MeshTlsMode.MUTUAL);
  });

  test('MUTUAL with a separate CA Secret', () => {
    const { obj } = gateway({ tls: MeshTls.mutual({ credentialName: 'shop-cert', caCertCredentialName: 'partner-ca' }) });
    expect(obj.spec.servers[0].tls).toEqual({
      mode: 'MUTUAL', credentialName: 'shop-cert', caCertCredentialName: 'partner-ca', minProtocolVersion: 'TLSV1_2',
    });
  });

  test('plain HTTP only when acknowledged: one server on 80, no redirect', () => {
    const { chart, obj, edge } = gateway({ tls: MeshTls.none({ acknowledgePlainHttp: true }) });
    expect(Testing.synth(chart)).toMatchSnapshot();
    expect(obj.spec.servers).toEqual([{ name: 'http', port: { number: 80, name: 'http', protocol: 'HTTP' }, hosts: ['*.example.com'] }]);
    expect(edge.tlsMode).toBe(MeshTlsMode.NONE);
  });

  test('httpsRedirect: false drops the port-80 server', () => {
    const { obj } = gateway({ httpsRedirect: false });
    expect(obj.spec.servers.map((s: any) => s.port.number)).toEqual([443]);
  });

  test('TLS 1.3 minimum', () => {
    const { obj } = gateway({ minProtocolVersion: MeshTlsProtocolVersion.TLSV1_3 });
    expect(obj.spec.servers[0].tls.minProtocolVersion).toBe('TLSV1_3');
  });

  test('custom workload: selector, namespace, service account, trust domain and name', () => {
    const { obj, edge } = gateway({
      selector: { app: 'edge-gw' }, namespace: 'edge', serviceAccount: 'edge-gw', trustDomain: 'prod.example', name: 'public-gateway',
    });
    expect(obj.metadata).toEqual({ name: 'public-gateway', namespace: 'edge' });
    expect(obj.spec.selector).toEqual({ app: 'edge-gw' });
    expect(edge.principal).toBe('prod.example/ns/edge/sa/edge-gw');
    expect(edge.gatewayRef).toBe('edge/public-gateway');
  });

  test('several hosts; covers() follows wildcard rules', () => {
    const { obj, edge } = gateway({ hosts: ['shop.example.com', '*.api.example.com'] });
    expect(obj.spec.servers[0].hosts).toEqual(['shop.example.com', '*.api.example.com']);
    expect(edge.covers('shop.example.com')).toBe(true);
    expect(edge.covers('v1.api.example.com')).toBe(true);
    expect(edge.covers('api.example.com')).toBe(false);
    expect(edge.covers('a.v1.api.example.com')).toBe(false);
    expect(edge.covers('other.example.com')).toBe(false);
  });
});

describe('MeshGateway refuses', () => {
  const make = (props: any) => () => new MeshGateway(Testing.chart(), 'edge', { hosts: ['*.example.com'], tls: simple, ...props });

  test('no hosts', () => {
    expectExposeError(make({ hosts: [] }), 'hosts', [], /at least one host/);
    expectExposeError(make({ hosts: undefined }), 'hosts', undefined);
  });
  test('invalid and duplicate hosts', () => {
    expectExposeError(make({ hosts: ['https://shop.example.com'] }), 'hosts[0]', 'https://shop.example.com', /not a host name/);
    expectExposeError(make({ hosts: ['Shop.Example.com'] }), 'hosts[0]', 'Shop.Example.com');
    expectExposeError(make({ hosts: ['10.0.0.1'] }), 'hosts[0]', '10.0.0.1');
    expectExposeError(make({ hosts: ['a.*.example.com'] }), 'hosts[0]', 'a.*.example.com');
    expectExposeError(make({ hosts: ['ns/shop.example.com'] }), 'hosts[0]', 'ns/shop.example.com');
    expectExposeError(make({ hosts: ['a.example.com', 'a.example.com'] }), 'hosts[1]', 'a.example.com', /twice/);
  });
  test('missing TLS choice', () => {
    expectExposeError(make({ tls: undefined }), 'tls', undefined, /not a MeshTls/);
    expectExposeError(make({ tls: { mode: 'SIMPLE', credentialName: 'x' } }), 'tls', { mode: 'SIMPLE', credentialName: 'x' });
  });
  test('plain HTTP without acknowledgement', () => {
    expectExposeError(make({ tls: MeshTls.none({ acknowledgePlainHttp: false }) }), 'tls.acknowledgePlainHttp', false, /clear text/);
    expectExposeError(make({ tls: MeshTls.none({} as any) }), 'tls.acknowledgePlainHttp', false);
  });
  test('unknown credential settings', () => {
    expectExposeError(make({ tls: MeshTls.simple({ credentialName: '' }) }), 'tls.credentialName', '', /required/);
    expectExposeError(make({ tls: MeshTls.simple({} as any) }), 'tls.credentialName', undefined, /required/);
    expectExposeError(make({ tls: MeshTls.simple({ credentialName: 'kubernetes://wildcard-cert' }) }), 'tls.credentialName',
      'kubernetes://wildcard-cert', /not a Secret name/);
    expectExposeError(make({ tls: MeshTls.simple({ credentialName: 'istio-system/wildcard-cert' }) }), 'tls.credentialName',
      'istio-system/wildcard-cert');
    expectExposeError(make({ tls: MeshTls.simple({ credentialName: 'Wildcard_Cert' }) }), 'tls.credentialName', 'Wildcard_Cert');
    expectExposeError(make({ tls: MeshTls.mutual({ credentialName: 'shop-cacert' }) }), 'tls.credentialName', 'shop-cacert', /-cacert/);
    expectExposeError(make({ tls: MeshTls.mutual({ credentialName: 'shop', caCertCredentialName: 'shop' }) }), 'tls.caCertCredentialName', 'shop',
      /server certificate Secret again/);
    expectExposeError(make({ tls: MeshTls.mutual({ credentialName: 'shop', caCertCredentialName: 'Bad CA' }) }), 'tls.caCertCredentialName', 'Bad CA');
  });
  test('a CA Secret may use the -cacert suffix', () => {
    expect(() => make({ tls: MeshTls.mutual({ credentialName: 'shop', caCertCredentialName: 'shop-cacert' }) })()).not.toThrow();
  });
  test('TLS version settings that cannot apply', () => {
    expectExposeError(make({ minProtocolVersion: 'TLSV1_0' }), 'minProtocolVersion', 'TLSV1_0', /not a TLS version/);
    expectExposeError(make({ tls: MeshTls.none({ acknowledgePlainHttp: true }), minProtocolVersion: MeshTlsProtocolVersion.TLSV1_2 }),
      'minProtocolVersion', 'TLSV1_2', /no effect/);
  });
  test('workload settings', () => {
    expectExposeError(make({ namespace: 'Istio System' }), 'namespace', 'Istio System');
    expectExposeError(make({ selector: {} }), 'selector', {}, /every gateway workload/);
    expectExposeError(make({ selector: { 'bad key!': 'x' } }), 'selector.bad key!', 'bad key!', /label key/);
    expectExposeError(make({ selector: { istio: 'bad value!' } }), 'selector.istio', 'bad value!', /label value/);
    expectExposeError(make({ serviceAccount: 'SA' }), 'serviceAccount', 'SA');
    expectExposeError(make({ trustDomain: 'bad domain' }), 'trustDomain', 'bad domain');
    expectExposeError(make({ name: 'Public_Gateway' }), 'name', 'Public_Gateway');
    expectExposeError(make({ httpsRedirect: 'yes' }), 'httpsRedirect', 'yes');
  });
  test('errors name the construct and its path', () => {
    const msg = expectExposeError(make({ hosts: [] }), 'hosts', []);
    expect(msg).toMatch(/^MeshGateway 'test\/edge': /);
  });
});
