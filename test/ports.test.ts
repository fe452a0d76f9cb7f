import { Chart, Testing } from 'cdk8s';
import {
  BareMetalLB, Exposure, IngressController, LoadBalancerProvider, MeshGateway, MeshTls, PortAccess, PortProtocol, PublicWebApp, PublicWebAppProps,
} from '../src';
import { appWith, byKind, one } from './exposure/helpers';
import { expectError } from './util/errors';
import { expectValid } from './util/schema';
import { warningsOf } from '../src/internal/warnings';

const IMAGE = 'ghcr.io/acme/web:1.0.0';
const lb = () => Exposure.loadBalancer({ provider: LoadBalancerProvider.aws({ scheme: undefined }), loadBalancerSourceRanges: ['203.0.113.0/24'] });
const monitoring = PortAccess.internal([{ namespace: 'monitoring', podLabels: { 'app.kubernetes.io/name': 'prometheus' } }]);

function synth(exposure: Exposure, props: Partial<PublicWebAppProps> = {}, chart: Chart = Testing.chart()) {
  const { web } = appWith(exposure, props, chart);
  return { web, objects: Testing.synth(chart) };
}

function containerOf(objects: any[]): any {
  const w = objects.find((o) => o.kind === 'Deployment' || o.kind === 'DaemonSet');
  return w.spec.template.spec.containers[0];
}

function services(objects: any[]): Record<string, any> {
  return Object.fromEntries(byKind(objects, 'Service').map((s) => [s.metadata.name, s]));
}

/** The NetworkPolicy's ingress rules as `from-json -> ports` lines. */
function policyPorts(objects: any[]): Array<{ from: any[]; ports: string[] }> {
  return one(objects, 'NetworkPolicy').spec.ingress.map((r: any) => ({ from: r.from, ports: r.ports.map((p: any) => `${p.port}/${p.protocol}`) }));
}

describe('ports: http + internal metrics + gRPC behind an ingress', () => {
  const props: Partial<PublicWebAppProps> = {
    port: 8080,
    ports: [
      { name: 'metrics', port: 9090, access: monitoring },
      { name: 'debug', port: 6060, access: PortAccess.podLocal() },
      { name: 'grpc', port: 9000, appProtocol: 'kubernetes.io/h2c', access: PortAccess.internal([{ podLabels: { role: 'client' } }]) },
    ],
  };
  const { objects } = synth(Exposure.ingress({ controller: IngressController.traefik(), allowPlainHttp: true } as any), props);

  test('every port is a named container port; the pod-local one is on no Service', () => {
    expect(containerOf(objects).ports).toEqual([
      { containerPort: 8080, name: 'http' },
      { containerPort: 9090, name: 'metrics' },
      { containerPort: 6060, name: 'debug' },
      { containerPort: 9000, name: 'grpc' },
    ]);
    const svc = services(objects).web;
    expect(svc.spec.ports).toEqual([
      { name: 'http', port: 80, targetPort: 8080, protocol: 'TCP' },
      { name: 'metrics', port: 9090, targetPort: 9090, protocol: 'TCP' },
      { name: 'grpc', port: 9000, targetPort: 9000, protocol: 'TCP', appProtocol: 'kubernetes.io/h2c' },
    ]);
    expect(Object.keys(services(objects))).toEqual(['web']);
  });

  test('the NetworkPolicy admits the edge to http only, Prometheus to metrics, client pods to grpc, nobody to debug', () => {
    const rules = policyPorts(objects);
    expect(rules.find((r) => r.ports.includes('9090/TCP'))).toEqual({
      from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'monitoring' } }, podSelector: { matchLabels: { 'app.kubernetes.io/name': 'prometheus' } } }],
      ports: ['9090/TCP'],
    });
    expect(rules.find((r) => r.ports.includes('9000/TCP'))).toEqual({ from: [{ podSelector: { matchLabels: { role: 'client' } } }], ports: ['9000/TCP'] });
    expect(rules.flatMap((r) => r.ports)).not.toContain('6060/TCP');
    // the ingress controller's rule names the http port only
    const edge = rules.filter((r) => !r.ports.includes('9090/TCP') && !r.ports.includes('9000/TCP'));
    expect(edge.length).toBeGreaterThan(0);
    for (const r of edge) expect(r.ports).toEqual(['8080/TCP']);
  });

  test('probes stay on the public port; the Ingress routes the http Service port', () => {
    expect(containerOf(objects).readinessProbe.tcpSocket).toEqual({ port: 8080 });
    const rule = one(objects, 'Ingress').spec.rules[0].http.paths[0];
    expect(rule.backend.service.port).toEqual({ number: 80 });
  });

  test('schema-valid and restricted', () => {
    expectValid(objects);
  });
});

describe('ports: a DNS server on UDP and TCP 53 on the host network', () => {
  const props: Partial<PublicWebAppProps> = {
    ports: [
      { name: 'dns-udp', port: 53, protocol: PortProtocol.UDP, access: PortAccess.exposure() },
      { name: 'dns-tcp', port: 53, protocol: PortProtocol.TCP, access: PortAccess.exposure() },
    ],
  };
  const { web, objects } = synth(Exposure.hostNetwork({ acknowledgePrivilegedNamespace: true }), props);

  test('one container port per protocol, NET_BIND_SERVICE, TCP probes on the TCP port', () => {
    const c = containerOf(objects);
    expect(c.ports).toEqual([{ containerPort: 53, name: 'dns-udp', protocol: 'UDP' }, { containerPort: 53, name: 'dns-tcp' }]);
    expect(c.securityContext.capabilities.add).toEqual(['NET_BIND_SERVICE']);
    expect(c.readinessProbe.tcpSocket).toEqual({ port: 53 });
    expect(services(objects).web.spec.ports).toEqual([
      { name: 'dns-udp', port: 53, targetPort: 53, protocol: 'UDP' },
      { name: 'dns-tcp', port: 53, targetPort: 53, protocol: 'TCP' },
    ]);
  });

  test('the public port is the first one; notes list both', () => {
    expect(web.port).toBe(53);
    expect(web.notes()).toContain('dns-tcp 53/TCP: through the hostNetwork way in');
    expect(web.notes()).toContain('dns-udp 53/UDP: the public port');
  });

  test('the NetworkPolicy rule carries both protocols', () => {
    expect(policyPorts(objects).map((r) => r.ports)).toEqual([['53/UDP', '53/TCP']]);
  });

  test('schema-valid', () => {
    expectValid(objects, { privilegedWorkloads: ['web'] });
  });

  test('an internal port on the host network is warned about (NetworkPolicy does not apply)', () => {
    const { web: w } = synth(Exposure.hostNetwork({ acknowledgePrivilegedNamespace: true }), {
      ports: [...props.ports!, { name: 'metrics', port: 9153, access: monitoring }],
    });
    expect(warningsOf(w).join('\n')).toMatch(/metrics \(9153\/TCP\) is internal or pod-local, but a hostNetwork pod .* NetworkPolicy does not apply/);
  });

  test('a UDP-only app gets no probe and a warning; healthCheckPath is refused', () => {
    const udp = [{ name: 'syslog', port: 5514, protocol: PortProtocol.UDP, access: PortAccess.exposure() }];
    const { web: w, objects: o } = synth(Exposure.nodePort(), { ports: udp });
    expect(containerOf(o).readinessProbe).toBeUndefined();
    expect(warningsOf(w).join('\n')).toContain('no TCP port, so it gets no readiness or liveness probe');
    expectError(() => appWith(Exposure.nodePort(), { ports: udp, healthCheckPath: '/healthz' }), 'healthCheckPath="/healthz"', 'needs a TCP port');
  });
});

describe('ports on a LoadBalancer', () => {
  test('internal ports move to a <name>-internal ClusterIP Service; the LoadBalancer carries only the ways-in ports', () => {
    const { web, objects } = synth(Exposure.loadBalancer({ allowPublicAccess: true }), {
      ports: [
        { name: 'game', port: 7777, protocol: PortProtocol.UDP, access: PortAccess.exposure() },
        { name: 'query', port: 7778, access: PortAccess.exposure() },
        { name: 'metrics', port: 9090, access: monitoring },
      ],
    });
    const svcs = services(objects);
    expect(svcs.web.spec.type).toBe('LoadBalancer');
    expect(svcs.web.spec.ports.map((p: any) => `${p.name}:${p.port}/${p.protocol}`)).toEqual(['game:7777/UDP', 'query:7778/TCP']);
    expect(svcs['web-internal'].spec.type).toBe('ClusterIP');
    expect(svcs['web-internal'].spec.ports).toEqual([{ name: 'metrics', port: 9090, targetPort: 9090, protocol: 'TCP' }]);
    expect(svcs['web-internal'].spec.selector).toEqual({ 'app.kubernetes.io/name': 'web' });
    expect(web.internalService).toBeDefined();
    expect(web.notes()).toContain('metrics 9090/TCP: from namespace monitoring, pods app.kubernetes.io/name=prometheus, at service web-internal port 9090');
    expectValid(objects);
  });

  test('the same for NodePort and externalIPs Services (they open every port of the Service)', () => {
    for (const exposure of [Exposure.nodePort(), Exposure.externalIps(['203.0.113.10'])]) {
      const { objects } = synth(exposure, { port: 8080, ports: [{ name: 'metrics', port: 9090, access: monitoring }] });
      expect(services(objects).web.spec.ports.map((p: any) => p.name)).toEqual(['http']);
      expect(services(objects)['web-internal'].spec.ports.map((p: any) => p.name)).toEqual(['metrics']);
      expect(services(objects)['web-internal'].spec.externalIPs).toBeUndefined();
    }
  });

  test('AWS: TCP and UDP on one number get the TCP_UDP listener annotation and the controller version in prerequisites', () => {
    const { web, objects } = synth(lb(), {
      ports: [
        { name: 'dns-udp', port: 53, protocol: PortProtocol.UDP, access: PortAccess.exposure() },
        { name: 'dns-tcp', port: 53, access: PortAccess.exposure() },
      ],
    });
    const svc = services(objects).web;
    expect(svc.metadata.annotations['service.beta.kubernetes.io/aws-load-balancer-enable-tcp-udp-listener']).toBe('true');
    expect(web.prerequisites().map((p) => p.why).join('\n')).toContain('v2.13 or newer to merge them into a TCP_UDP listener');
    expectValid(objects);
  });

  test('AWS: TCP only has no TCP_UDP annotation; TLS ports default to the TCP ports', () => {
    const { objects } = synth(Exposure.loadBalancer({
      provider: LoadBalancerProvider.aws({ tlsCertificateArns: ['arn:aws:acm:eu-west-1:123456789012:certificate/1234abcd-12ab-34cd-56ef-1234567890ab'] }),
      loadBalancerSourceRanges: ['203.0.113.0/24'],
    }), {
      ports: [
        { name: 'https', port: 8443, servicePort: 443, access: PortAccess.exposure() },
        { name: 'quic', port: 8443, servicePort: 443, protocol: PortProtocol.UDP, access: PortAccess.exposure() },
        { name: 'admin', port: 8444, access: PortAccess.exposure() },
      ],
    });
    const a = services(objects).web.metadata.annotations;
    expect(a['service.beta.kubernetes.io/aws-load-balancer-ssl-ports']).toBe('8444');
    expect(a['service.beta.kubernetes.io/aws-load-balancer-enable-tcp-udp-listener']).toBe('true');
  });

  test('AWS: a TLS port that carries UDP is refused', () => {
    expectError(() => appWith(Exposure.loadBalancer({
      provider: LoadBalancerProvider.aws({ tlsCertificateArns: ['arn:aws:acm:eu-west-1:123456789012:certificate/1234abcd-12ab-34cd-56ef-1234567890ab'], tlsPorts: [53] }),
      loadBalancerSourceRanges: ['203.0.113.0/24'],
    }), {
      ports: [
        { name: 'dns-udp', port: 53, protocol: PortProtocol.UDP, access: PortAccess.exposure() },
        { name: 'dns-tcp', port: 53, access: PortAccess.exposure() },
      ],
    }), 'exposure.provider.tlsPorts[0]=53', 'carries UDP');
  });

  test('SCTP is refused by every cloud provider, with the provider named', () => {
    const sctp = [{ name: 'diameter', port: 3868, protocol: PortProtocol.SCTP, access: PortAccess.exposure() }];
    const providers = [
      LoadBalancerProvider.aws(), LoadBalancerProvider.gcp(), LoadBalancerProvider.azure(), LoadBalancerProvider.alibaba(),
    ];
    for (const provider of providers) {
      expectError(() => appWith(Exposure.loadBalancer({ provider, allowPublicAccess: true, loadBalancerSourceRanges: ['203.0.113.0/24'] }), { ports: sctp }),
        'exposure.provider=', 'has no SCTP listener', 'diameter (3868/SCTP)');
    }
  });

  test('GCP: mixed protocols need a backend-service based load balancer', () => {
    const mixed = [
      { name: 'dns-udp', port: 53, protocol: PortProtocol.UDP, access: PortAccess.exposure() },
      { name: 'dns-tcp', port: 53, access: PortAccess.exposure() },
    ];
    const targetPool = LoadBalancerProvider.gcp({ backendServiceBased: false });
    expectError(() => appWith(Exposure.loadBalancer({ provider: targetPool, allowPublicAccess: true }), { ports: mixed }),
      'exposure.provider.backendServiceBased=false', 'mixed-protocol');
    const { objects } = synth(Exposure.loadBalancer({ provider: LoadBalancerProvider.gcp(), allowPublicAccess: true }), { ports: mixed });
    expect(services(objects).web.spec.ports.map((p: any) => p.protocol)).toEqual(['UDP', 'TCP']);
  });

  test('MetalLB: a shared address may carry TCP 53 on one Service and UDP 53 on another', () => {
    const chart = Testing.chart();
    const metal = new BareMetalLB(chart, 'lb', { pools: [{ name: 'pool', addresses: ['192.168.10.240-192.168.10.250'] }] });
    const provider = () => metal.provider({ pool: 'pool', address: '192.168.10.245', sharingKey: 'dns' });
    new PublicWebApp(chart, 'udp', { image: IMAGE, exposure: Exposure.loadBalancer({ provider: provider(), externalTrafficPolicy: 'Cluster' as any }), ports: [{ name: 'dns', port: 53, protocol: PortProtocol.UDP, access: PortAccess.exposure() }] });
    new PublicWebApp(chart, 'tcp', { image: IMAGE, exposure: Exposure.loadBalancer({ provider: provider(), externalTrafficPolicy: 'Cluster' as any }), ports: [{ name: 'dns', port: 53, access: PortAccess.exposure() }] });
    expect(byKind(Testing.synth(chart), 'Service').map((s) => s.metadata.name).sort()).toEqual(['tcp', 'udp']);
    expect(() => new PublicWebApp(chart, 'tcp2', { image: IMAGE, exposure: Exposure.loadBalancer({ provider: provider(), externalTrafficPolicy: 'Cluster' as any }), ports: [{ name: 'dns', port: 53, access: PortAccess.exposure() }] }))
      .toThrow(/also uses port 53\/TCP/);
  });
});

describe('ports: hostPort', () => {
  test('every port of the way in gets a hostPort (the public one the exposure\'s), internal ones none', () => {
    const { objects } = synth(Exposure.hostPort({ acknowledgePrivilegedNamespace: true, hostPort: 8086 }), {
      port: 8086,
      ports: [
        { name: 'udp-in', port: 8089, protocol: PortProtocol.UDP, access: PortAccess.exposure() },
        { name: 'metrics', port: 9090, access: monitoring },
      ],
    });
    expect(containerOf(objects).ports).toEqual([
      { containerPort: 8086, name: 'http', hostPort: 8086 },
      { containerPort: 8089, name: 'udp-in', protocol: 'UDP', hostPort: 8089 },
      { containerPort: 9090, name: 'metrics' },
    ]);
    expectValid(objects, { privilegedWorkloads: ['web'] });
  });

  test('a further port on a node daemon port is refused under its own prop', () => {
    expectError(() => appWith(Exposure.hostPort({ acknowledgePrivilegedNamespace: true }), {
      ports: [{ name: 'http', port: 8080, access: PortAccess.exposure() }, { name: 'kubelet', port: 10250, access: PortAccess.exposure() }],
    }), 'ports[1].port=10250', 'kubelet');
  });
});

describe('ports: refusals', () => {
  const ingress = () => Exposure.ingress();
  test.each<[string, Partial<PublicWebAppProps>, string[]]>([
    ['duplicate names', { ports: [{ name: 'http', port: 9000, access: PortAccess.podLocal() }] }, ['ports[0].name="http"', 'same port name as port']],
    ['duplicate port/protocol', { ports: [{ name: 'other', port: 8080, access: PortAccess.podLocal() }] }, ['ports[0].port=8080', 'same container port and protocol (8080/TCP)']],
    ['duplicate Service port/protocol', { ports: [{ name: 'other', port: 9000, servicePort: 80, access: monitoring }] }, ['ports[0].servicePort=80', 'same Service port and protocol (80/TCP)']],
    ['invalid name', { ports: [{ name: 'Metrics_Port', port: 9090, access: PortAccess.podLocal() }] }, ['ports[0].name="Metrics_Port"', 'not a valid port name']],
    ['name longer than 15', { ports: [{ name: 'metrics-exporter-1', port: 9090, access: PortAccess.podLocal() }] }, ['ports[0].name="metrics-exporter-1"']],
    ['no access', { ports: [{ name: 'metrics', port: 9090 } as any] }, ['ports[0].access', 'who may reach the port']],
    ['empty internal peers', { ports: [{ name: 'metrics', port: 9090, access: PortAccess.internal([]) }] }, ['ports[0].access', 'at least one peer']],
    ['empty peer', { ports: [{ name: 'metrics', port: 9090, access: PortAccess.internal([{}]) }] }, ['ports[0].access.peers[0]', 'no namespace and no pod labels']],
    ['bad namespace', { ports: [{ name: 'metrics', port: 9090, access: PortAccess.internal([{ namespace: 'Mon' }]) }] }, ['ports[0].access.peers[0].namespace="Mon"']],
    ['bad appProtocol', { ports: [{ name: 'grpc', port: 9000, appProtocol: 'h2c over tls', access: PortAccess.podLocal() }] }, ['ports[0].appProtocol="h2c over tls"']],
    ['bad protocol', { ports: [{ name: 'x', port: 9000, protocol: 'ICMP' as any, access: PortAccess.podLocal() }] }, ['ports[0].protocol="ICMP"']],
    ['servicePort on a pod-local port', { ports: [{ name: 'x', port: 9000, servicePort: 90, access: PortAccess.podLocal() }] }, ['ports[0].servicePort=90', 'on no Service']],
    ['misspelt key', { ports: [{ name: 'x', port: 9000, acess: PortAccess.podLocal() } as any] }, ['acess']],
  ])('%s', (_what, props, fragments) => {
    expectError(() => appWith(ingress(), { port: 8080, ...props }), ...fragments);
  });

  test('no port reached through the exposure', () => {
    expectError(() => appWith(ingress(), { ports: [{ name: 'metrics', port: 9090, access: monitoring }] }), 'ports=', 'no port is reached through the exposure');
  });

  test('servicePort without port when ports is given', () => {
    expectError(() => appWith(ingress(), { servicePort: 80, ports: [{ name: 'web', port: 8080, access: PortAccess.exposure() }] }), 'servicePort=80', 'set servicePort on the entry of ports');
  });

  test('UDP behind an HTTP way in (ingress, gateway, mesh) is refused', () => {
    expectError(() => appWith(ingress(), { ports: [{ name: 'quic', port: 8443, protocol: PortProtocol.UDP, access: PortAccess.exposure() }] }),
      'ports[0].protocol="UDP"', 'Exposure.ingress() routes HTTP over TCP only');
    expectError(() => appWith(Exposure.gateway({ gateway: { name: 'edge', namespace: 'gw' } } as any), { ports: [{ name: 'quic', port: 8443, protocol: PortProtocol.UDP, access: PortAccess.exposure() }] }),
      'ports[0].protocol="UDP"', 'Exposure.gateway() routes HTTP over TCP only');
  });

  test('an internal port behind the mesh is refused (its AuthorizationPolicy admits only the gateway, STRICT mTLS)', () => {
    const chart = Testing.chart();
    const edge = new MeshGateway(chart, 'edge', { hosts: ['*.example.com'], tls: MeshTls.simple({ credentialName: 'wildcard-cert' }) });
    expectError(() => appWith(Exposure.mesh(edge), { host: 'shop.example.com', port: 8080, ports: [{ name: 'metrics', port: 9090, access: monitoring }] }, chart),
      'ports[0].access="internal"', 'AuthorizationPolicy admits only the gateway', 'PortAccess.podLocal()');
    // a pod-local port is fine (port-forward enters through the kubelet and the pod's loopback)
    const chart2 = Testing.chart();
    const edge2 = new MeshGateway(chart2, 'edge', { hosts: ['*.example.com'], tls: MeshTls.simple({ credentialName: 'wildcard-cert' }) });
    appWith(Exposure.mesh(edge2), { host: 'shop.example.com', port: 8080, ports: [{ name: 'pprof', port: 6060, access: PortAccess.podLocal() }] }, chart2);
    expect(byKind(Testing.synth(chart2), 'Deployment').map((d) => d.metadata.name)).toEqual(['web']);
  });

  test('a second public port behind an HTTP way in is refused', () => {
    expectError(() => appWith(ingress(), { port: 8080, ports: [{ name: 'grpc', port: 9000, access: PortAccess.exposure() }] }),
      'ports[0].access="exposure"', 'routes one HTTP port (http)', 'PortAccess.internal');
  });

  test('nothing is half-written: a refused app leaves the chart empty', () => {
    const chart = Testing.chart();
    expect(() => new PublicWebApp(chart, 'web', { image: IMAGE, ports: [{ name: 'metrics', port: 9090, access: PortAccess.internal([]) }] })).toThrow();
    expect(Testing.synth(chart)).toEqual([]);
  });
});

describe('ports: without ports the output is unchanged', () => {
  test('single http port, no protocol field on the container port, no internal Service', () => {
    const { objects } = synth(Exposure.loadBalancer({ allowPublicAccess: true }));
    expect(containerOf(objects).ports).toEqual([{ containerPort: 8080, name: 'http' }]);
    expect(Object.keys(services(objects))).toEqual(['web']);
    expect(policyPorts(objects).flatMap((r) => r.ports)).toEqual(['8080/TCP', '8080/TCP'].slice(0, policyPorts(objects).length));
  });
});

describe('one name for the client allowlist: Exposure.loadBalancer({ allowSourceRanges })', () => {
  const gcp = () => LoadBalancerProvider.gcp();
  test('allowSourceRanges is written to spec.loadBalancerSourceRanges and to the NetworkPolicy', () => {
    const { objects } = synth(Exposure.loadBalancer({ provider: gcp(), allowSourceRanges: ['203.0.113.0/24'] }));
    expect(services(objects).web.spec.loadBalancerSourceRanges).toEqual(['203.0.113.0/24']);
    expect(one(objects, 'NetworkPolicy').spec.ingress[0].from).toEqual([{ ipBlock: { cidr: '203.0.113.0/24' } }]);
    expectValid(objects);
  });

  test('the deprecated loadBalancerSourceRanges gives the same output', () => {
    const a = synth(Exposure.loadBalancer({ provider: gcp(), allowSourceRanges: ['203.0.113.0/24'] })).objects;
    const b = synth(Exposure.loadBalancer({ provider: gcp(), loadBalancerSourceRanges: ['203.0.113.0/24'] })).objects;
    expect(b).toEqual(a);
  });

  test('both at once are refused; refusals name the option the user set', () => {
    expectError(() => appWith(Exposure.loadBalancer({ provider: gcp(), allowSourceRanges: ['203.0.113.0/24'], loadBalancerSourceRanges: ['198.51.100.0/24'] })),
      'exposure.loadBalancerSourceRanges=', 'deprecated name of allowSourceRanges', 'keep only allowSourceRanges');
    expectError(() => appWith(Exposure.loadBalancer({ allowSourceRanges: [] })), 'exposure.allowSourceRanges=[]', 'an empty list means');
    expectError(() => appWith(Exposure.loadBalancer({ allowSourceRanges: ['0.0.0.0/0'] })), 'exposure.allowSourceRanges="0.0.0.0/0"', 'internet-facing');
    expectError(() => appWith(Exposure.loadBalancer({ provider: LoadBalancerProvider.alibaba(), allowSourceRanges: ['203.0.113.0/24'] })),
      'exposure.allowSourceRanges=', 'would not enforce them', 'drop allowSourceRanges');
  });
});
