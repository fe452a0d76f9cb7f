/**
 * The fuzz properties of fuzz/properties.ts with a few cases each and a fixed
 * seed (deterministic), plus one regression test per bug the fuzzer found,
 * written out as plain props. `npm run fuzz` runs the same properties with
 * 10,000 random cases each.
 */
import { Chart, Duration, Size, Testing } from 'cdk8s';
import fc from 'fast-check';
import { checkScenario, edgesOf, lintProblems, PROPERTIES } from '../fuzz/properties';
import { Advertisement, BareMetalLB, Exposure, MeshGateway, MeshTls, PublicWebApp, Tls } from '../src';
import { exposeError } from './util/errors';
import { expectValid } from './util/schema';

const SEED = 20260601;
const RUNS = 60;

describe('fuzz properties (fixed seed, few cases)', () => {
  test.each(PROPERTIES.map((p) => [p.name, p]))('%s', (_name, p) => {
    fc.assert(p.property(), { numRuns: RUNS, seed: SEED });
  });
});

const chart = (namespace?: string) => new Chart(Testing.app(), 'c', namespace === undefined ? {} : { namespace });

describe('the oracle lints the output (library and linter agree)', () => {
  test('an error finding on the output is a disagreement; an accepted warning is not', () => {
    const c = chart('shop');
    new PublicWebApp(c, 'web', { image: 'nginx:1.27', exposure: Exposure.ingress({ allowPlainHttp: true }) });
    const objects = Testing.synth(c);
    expect(lintProblems(objects)).toEqual([]); // ingress-no-tls is accepted: allowPlainHttp asked for it
    // the same output with the controller's namespace taken out of the NetworkPolicy: the linter must object
    const np = objects.find((o) => o.kind === 'NetworkPolicy');
    np.spec.ingress = np.spec.ingress.map((r: any) => ({ ...r, from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'elsewhere' } } }] }));
    expect(lintProblems(objects)).toEqual([expect.stringMatching(/^the linter disagrees: error ingress-controller-network-policy Ingress shop\/web/)]);
  });

  test('custom installs of the scenario are told to the linter (edges)', () => {
    expect(edgesOf({
      charts: ['shop'],
      apps: [
        { props: { image: 'nginx' }, exposure: { kind: 'ingress', options: {}, controller: { kind: 'traefik', options: { namespace: 'edge' } } }, chart: 0 },
        { props: { image: 'nginx' }, exposure: { kind: 'gateway', options: { gatewayClassName: 'istio', proxyNamespace: 'proxies' } }, chart: 0 },
      ],
    })).toEqual([{ className: 'traefik', namespace: 'edge' }, { className: 'istio', namespace: 'proxies', podLabels: undefined }]);
  });
});

describe('regressions found by the fuzzer', () => {
  test('an IPv6 CIDR written with an embedded IPv4 quad (as Go net.ParseCIDR reads it) passes the MultiNetworkPolicy check', () => {
    checkScenario({
      charts: [undefined],
      networkAttachments: [{ plugin: { kind: 'bridge', options: { bridge: 'eth1' } }, props: {} }],
      apps: [{ props: { image: 'ghcr.io/acme/shop:1.4.2', secondaryNetworks: [{ attachment: 0, allowEgressTo: [{ cidr: '::0:0:0.0.0.0/0' }, { cidr: '0.0.0.0/0' }] }, { attachment: 0 }] }, exposure: { kind: 'clusterIp', options: {} }, chart: 0 }],
    });
  });

  test('writablePaths listing one directory twice: ExposeError, not a construct-id clash', () => {
    const c = chart('shop');
    const e = exposeError(() => new PublicWebApp(c, 'web', { image: 'nginx', writablePaths: ['/tmp', '/tmp/'], exposure: Exposure.clusterIp() }));
    expect(e.message).toContain("PublicWebApp 'c/web': writablePaths[1]=\"/tmp/\": is the same directory as writablePaths[0]");
    expect(c.node.findChild('web').node.children).toHaveLength(0);
  });

  test('writablePaths whose volume names would collide or exceed 63 characters get distinct valid names', () => {
    const c = chart('shop');
    const long = '/' + 'long'.repeat(20);
    new PublicWebApp(c, 'web', { image: 'nginx', writablePaths: ['/var/cache/app', '/var/cache-app', long], exposure: Exposure.clusterIp() });
    const deploy = expectValid(c).find((o) => o.kind === 'Deployment');
    const names = deploy.spec.template.spec.volumes.map((v: any) => v.name);
    expect(new Set(names).size).toBe(3);
    for (const n of names) expect(n.length).toBeLessThanOrEqual(63);
  });

  test.each([
    ['Size.gibibytes(Number.MAX_VALUE)', Size.gibibytes(Number.MAX_VALUE)],
    ['Size.gibibytes(NaN)', Size.gibibytes(NaN)],
    ['Size.kibibytes(0.5)', Size.kibibytes(0.5)],
  ])('maxRequestBodySize %s: ExposeError instead of a cdk8s Size conversion error', (_n, maxRequestBodySize) => {
    const e = exposeError(() => new PublicWebApp(chart('shop'), 'web', { image: 'nginx', exposure: Exposure.ingress({ allowPlainHttp: true, maxRequestBodySize }) }));
    expect(e.message).toMatch(/exposure.maxRequestBodySize=.*must be from 1 KiB to 1 TiB/);
  });

  test('maxRequestBodySize of a fractional KiB count is rounded up, not a crash', () => {
    const c = chart('shop');
    new PublicWebApp(c, 'web', { image: 'nginx', exposure: Exposure.ingress({ allowPlainHttp: true, maxRequestBodySize: Size.kibibytes(1.5) }) });
    const ingress = expectValid(c).find((o) => o.kind === 'Ingress');
    expect(ingress.metadata.annotations['nginx.ingress.kubernetes.io/proxy-body-size']).toBe('2k');
  });

  test('BFD / BGP durations that are not whole milliseconds: ExposeError, not a cdk8s Duration error', () => {
    const peer = { name: 'r', myAsn: 64500, peerAsn: 64501, peerAddress: '10.0.0.1' };
    const e1 = exposeError(() => new BareMetalLB(chart(), 'lb', {
      pools: [{ name: 'p', addresses: ['10.0.0.0/24'] }],
      advertisement: Advertisement.bgp({ peers: [{ ...peer, bfd: { receiveInterval: Duration.millis(0.5) } }] }),
    }));
    expect(e1.message).toContain('advertisement.peers[0].bfd.receiveInterval="0.5ms": must be a whole number of milliseconds');
    const e2 = exposeError(() => new BareMetalLB(chart(), 'lb', {
      pools: [{ name: 'p', addresses: ['10.0.0.0/24'] }],
      advertisement: Advertisement.bgp({ peers: [{ ...peer, holdTime: Duration.seconds(1.0005) }] }),
    }));
    expect(e2.message).toContain('advertisement.peers[0].holdTime="1000.5ms": is not a whole number of seconds');
  });

  test.each([[''], ['Shop'], ['a_b']])('Chart namespace %j: ExposeError naming namespace, not an invalid manifest', (ns) => {
    const e = exposeError(() => new PublicWebApp(chart(ns), 'web', { image: 'nginx', exposure: Exposure.clusterIp() }));
    expect(e.message).toContain(`PublicWebApp 'c/web': namespace=${JSON.stringify(ns)}: is not a namespace name`);
  });

  test('a map key with CR/LF in the prop path keeps the message on one line', () => {
    const e = exposeError(() => new MeshGateway(chart('istio-system'), 'gw', {
      hosts: ['shop.example.com'], tls: MeshTls.simple({ credentialName: 'cert' }), selector: { 'a\r\nb': '' },
    }));
    expect(e.prop).toBe('selector.a\\u000d\\u000ab');
    expect(e.message).not.toMatch(/[\r\n]/);
    expect(e.message).toMatch(/^MeshGateway 'c\/gw': selector\.a\\u000d\\u000ab="a\\r\\nb": is not a label key/);
  });

  test('MetalLB pool addresses are written canonically (an IPv4-embedded IPv6 address is refused by the CRD check otherwise)', () => {
    const c = chart();
    new BareMetalLB(c, 'lb', { pools: [{ name: 'p', addresses: ['::0:0:0:0.0.0.1', '2001:DB8::/120', '10.0.0.1-10.0.0.5'] }] });
    const pool = expectValid(c).find((o) => o.kind === 'IPAddressPool');
    expect(pool.spec.addresses).toEqual(['::1/128', '2001:db8::/120', '10.0.0.1-10.0.0.5']);
  });

  test('a mesh app named like an earlier app is refused before it writes its mesh objects, naming name', () => {
    const c = chart('shop');
    const gw = new MeshGateway(c, 'gw', { hosts: ['*.example.com'], tls: MeshTls.simple({ credentialName: 'cert' }) });
    new PublicWebApp(c, 'a', { image: 'nginx', name: 'web', exposure: Exposure.clusterIp() });
    const e = exposeError(() => new PublicWebApp(c, 'b', { image: 'nginx', name: 'web', host: 'b.example.com', exposure: Exposure.mesh(gw) }));
    expect(e.message).toContain("PublicWebApp 'c/b': name=\"web\": another PublicWebApp ('c/a') already uses this name");
    expect(c.node.findChild('b').node.children).toHaveLength(0);
  });

  test('two mesh apps with one name: the error names name (a prop of PublicWebApp), not serviceName', () => {
    const c = chart('shop');
    const gw = new MeshGateway(c, 'gw', { hosts: ['*.example.com'], tls: MeshTls.simple({ credentialName: 'cert' }) });
    new PublicWebApp(c, 'a', { image: 'nginx', name: 'web', host: 'a.example.com', exposure: Exposure.mesh(gw) });
    const e = exposeError(() => new PublicWebApp(c, 'b', { image: 'nginx', name: 'web', host: 'c.example.com', exposure: Exposure.mesh(gw) }));
    expect(e.prop).toBe('name');
  });

  test('a mesh app on a host + path another app routes is refused before it writes its mesh objects', () => {
    const c = chart('shop');
    const gw = new MeshGateway(c, 'gw', { hosts: ['*.example.com'], tls: MeshTls.simple({ credentialName: 'cert' }) });
    new PublicWebApp(c, 'a', { image: 'nginx', name: 'shop', host: 'a.example.com', tls: Tls.fromSecret('a-tls'), exposure: Exposure.ingress() });
    const e = exposeError(() => new PublicWebApp(c, 'b', { image: 'nginx', name: 'web', host: 'a.example.com', exposure: Exposure.mesh(gw) }));
    expect(e.message).toContain("PublicWebApp 'c/b': host=\"a.example.com/\": 'c/a' already routes this host and path");
    expect(c.node.findChild('b').node.children).toHaveLength(0);
  });

  test('a MetalLB pool refusing the namespace names exposure.provider.pool (the PublicWebApp option path)', () => {
    const c = chart('shop');
    const lb = new BareMetalLB(c, 'lb', { pools: [{ name: 'p', addresses: ['192.168.1.0/24'], avoidBuggyIps: true, serviceAllocation: { namespaces: ['other'] } }] });
    const e = exposeError(() => new PublicWebApp(c, 'web', { image: 'nginx', exposure: Exposure.loadBalancer({ provider: lb.provider({ pool: 'p' }) }) }));
    expect(e.prop).toBe('exposure.provider.pool');
  });

  test.each([
    ['ingress', (annotations: Record<string, string>) => Exposure.ingress({ allowPlainHttp: true, annotations })],
    ['loadBalancer', (annotations: Record<string, string>) => Exposure.loadBalancer({ allowPublicAccess: true, annotations })],
  ])('%s annotation key with a name over 63 characters: ExposeError, not a manifest the API server refuses', (_kind, exposure) => {
    const key = 'x'.repeat(64);
    const e = exposeError(() => new PublicWebApp(chart('shop'), 'web', { image: 'nginx', exposure: exposure({ [key]: '1' }) }));
    expect(e.message).toContain(`exposure.annotations="${key}": is not a valid annotation key`);
  });

  test('two MeshGateways with one name in one namespace: ExposeError, not two Gateway objects with one name', () => {
    const c = chart('istio-system');
    new MeshGateway(c, 'a', { hosts: ['*'], tls: MeshTls.simple({ credentialName: 'wildcard-cert' }), name: 'gw' });
    const e = exposeError(() => new MeshGateway(c, 'b', { hosts: ['*.example.com'], tls: MeshTls.none({ acknowledgePlainHttp: true }), name: 'gw' }));
    expect(e.message).toContain("MeshGateway 'c/b': name=\"gw\": MeshGateway 'c/a' already writes a Gateway with this name in namespace istio-system");
    expect(c.node.findChild('b').node.children).toHaveLength(0);
  });

  test('checkScenario accepts a valid plain-props scenario', () => {
    expect(() => checkScenario({ charts: ['shop'], apps: [{ chart: 0, props: { image: 'nginx', host: 'shop.example.com' }, tls: { kind: 'fromSecret', secretName: 'shop-tls' } }] })).not.toThrow();
  });
});
