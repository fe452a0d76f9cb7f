/**
 * fast-check arbitraries for every public construct and exposure of
 * cdk8s-expose. They produce plain, printable SPECS (JSON-like data), not
 * constructs: `fuzz/properties.ts` turns a spec into constructs, so a failing
 * case prints as readable props and can be pasted into a regression test.
 *
 * Every spec is TYPE-CORRECT (what the TypeScript types of the public API
 * allow), but values mix plausible input with hostile input: empty strings,
 * whitespace, unicode, very long strings, `../`, YAML/JSON metacharacters,
 * upper-case DNS names, huge / negative / fractional / NaN numbers, empty and
 * duplicate lists, overlapping CIDRs, IPv6.
 */
import fc from 'fast-check';

// ------------------------------------------------------------------ hostile building blocks

/** Strings no validator should let through unchecked. */
export const HOSTILE_STRINGS = [
  '', ' ', '\t', '\n', ' a ', 'UPPER', 'Shop.Example.com', 'ünïcødé', 'a'.repeat(300), 'x'.repeat(64), '../etc/passwd', '..',
  'a: b', '- item', '{"a":1}', '[1]', '#c', "'q'", '"q"', '&anchor', '*alias', '!!str', '|', '>', '%', '@', '`',
  'null', 'true', '~', '0', '1e3', '-a', 'a-', 'a_b', 'a.b', 'a..b', '.a', 'a.', '*', '*.', '*.*.example.com', 'a*.example.com',
  '::1', '0.0.0.0', '127.0.0.1', '10.0.0.1', '1.2.3.4/32', '::/0', '0.0.0.0/0', 'fe80::1%eth0', '1.2.3', '256.1.1.1',
  'a/b', 'a/b/c', '/', '//', '/a b', '/{x}', '/a;b', '/%zz', '😀', 'ß', 'İ', '\u0000', '\u200b', 'a\r\nb',
];

/** Numbers on and beyond every boundary. */
export const HOSTILE_NUMBERS = [
  0, -0, -1, 1, 1.5, -1.5, 0.1, NaN, Infinity, -Infinity, 2 ** 31, 2 ** 31 - 1, 2 ** 32, 2 ** 53, Number.MAX_SAFE_INTEGER,
  Number.MAX_VALUE, Number.MIN_VALUE, 1e21, 65535, 65536, 30000, 32767, 32768, 29999, 100, 101, 1023, 1024, 22, 10250,
];


export interface SizeSpec { readonly unit: 'kibibytes' | 'mebibytes' | 'gibibytes'; readonly amount: number }
export interface DurationSpec { readonly unit: 'millis' | 'seconds' | 'minutes'; readonly amount: number }
export type TlsSpec =
  | { readonly kind: 'fromSecret'; readonly secretName: string }
  | { readonly kind: 'certManager'; readonly options: { clusterIssuer?: string; issuer?: string; secretName?: string } };
export type ControllerSpec =
  | { readonly kind: 'nginx'; readonly options: { className?: string; namespace?: string } }
  | { readonly kind: 'traefik'; readonly options: { className?: string; namespace?: string; httpEntryPoint?: string; httpsEntryPoint?: string } }
  | { readonly kind: 'kong'; readonly options: { className?: string; namespace?: string } }
  | { readonly kind: 'haproxy'; readonly options: { className?: string; namespace?: string; httpsPort?: number } }
  | { readonly kind: 'awsAlb'; readonly options: Record<string, any> };
export type AdvertisementSpec = { kind: 'l2'; options: any } | { kind: 'bgp'; options: any } | { kind: 'combine'; parts: AdvertisementSpec[] };
export type ExposureSpec =
  | { kind: 'ingress'; options: any; controller?: ControllerSpec; canary?: { stable: number; options: any } }
  | { kind: 'clusterIp'; options: any }
  | { kind: 'nodePort'; options: any }
  | { kind: 'loadBalancer'; options: any; provider?: { kind: string; options: any } }
  | { kind: 'externalIps'; addresses: string[] }
  | { kind: 'hostPort'; options: any }
  | { kind: 'hostNetwork'; options: any }
  | { kind: 'gateway'; options: any; canary?: { stable: number; options: any } }
  | { kind: 'mesh'; gateway: number; options: any; canary?: { stable: number; weight: number } };
export interface AppSpec {
  readonly props: Record<string, any>;
  readonly tls?: TlsSpec;
  readonly exposure?: ExposureSpec;
  /** chart index (scenarios may have two charts) */
  readonly chart: number;
  /** expose a cdk8s-plus workload of this kind through WorkloadExposure instead of building a PublicWebApp */
  readonly ownWorkload?: 'Deployment' | 'StatefulSet' | 'DaemonSet';
}
/** A NetworkAttachment as data: the plugin and IPAM factories with their options. */
export interface NetworkAttachmentSpec {
  readonly plugin: { kind: string; options: any };
  readonly ipam?: { kind: string; options: any };
  readonly props: Record<string, any>;
}
export interface Scenario {
  readonly charts: (string | undefined)[];
  /** NetworkAttachments, built in the first chart before the apps; apps name them by index in props.secondaryNetworks[].attachment */
  readonly networkAttachments?: NetworkAttachmentSpec[];
  readonly meshGateways?: Record<string, any>[];
  readonly bareMetalLbs?: Record<string, any>[];
  /** VirtualIps, built in the first chart after the BareMetalLBs; nodePort/hostPort apps name them by index in options.virtualIp */
  readonly virtualIps?: Record<string, any>[];
  readonly apps: AppSpec[];
}

/**
 * All arbitraries, built for one level of hostility: how often a field gets a
 * hostile value instead of a plausible one (weight `h` against 40). Level 0
 * mostly builds valid apps (the success path must be exercised too); high
 * levels mostly test refusals.
 */
export function makeArbitraries(h: number) {
  const hostileString = fc.constantFrom(...HOSTILE_STRINGS);
  const hostileNumber = fc.constantFrom(...HOSTILE_NUMBERS);
  const rare = Math.max(1, Math.round(h / 4));
  /** `plausible`, or (with weight h against 40) a hostile or fully random string. */
  function str(plausible: fc.Arbitrary<string>): fc.Arbitrary<string> {
    if (h === 0) return plausible;
    return fc.oneof({ arbitrary: plausible, weight: 40 }, { arbitrary: hostileString, weight: h }, { arbitrary: fc.string({ maxLength: 20 }), weight: rare });
  }

  /** `plausible`, or (with weight h against 40) a hostile or fully random number. */
  function num(plausible: fc.Arbitrary<number>): fc.Arbitrary<number> {
    if (h === 0) return plausible;
    return fc.oneof({ arbitrary: plausible, weight: 40 }, { arbitrary: hostileNumber, weight: h }, { arbitrary: fc.double(), weight: rare });
  }

  /** An optional value: undefined about half of the time. */
  function opt<T>(a: fc.Arbitrary<T>, freq = 2): fc.Arbitrary<T | undefined> {
    return fc.option(a, { nil: undefined, freq });
  }

  /**
   * A misspelt key a JavaScript caller might pass (`replica`, `nodeport`):
   * usually absent, present only at hostile levels. The library must refuse it
   * naming the nearest real prop, not ignore it.
   */
  function typo<T>(a: fc.Arbitrary<T>): fc.Arbitrary<T | undefined> {
    if (h === 0) return fc.constant(undefined);
    return fc.oneof({ arbitrary: fc.constant(undefined), weight: 40 }, { arbitrary: a, weight: rare });
  }

  /** Lists of `a`: usually short, sometimes empty, sometimes with a duplicate. */
  function list<T>(a: fc.Arbitrary<T>, maxLength = 3): fc.Arbitrary<T[]> {
    if (h === 0) return fc.array(a, { minLength: 1, maxLength });
    return fc.oneof(
      { arbitrary: fc.array(a, { minLength: 1, maxLength }), weight: 40 },
      { arbitrary: fc.constant([] as T[]), weight: h },
      { arbitrary: a.map((x) => [x, x]), weight: h },
    );
  }

  /** A `{ [key: string]: string }` map. */
  function strMap(key: fc.Arbitrary<string>, value: fc.Arbitrary<string>, maxKeys = 3): fc.Arbitrary<Record<string, string>> {
    return fc.dictionary(key, value, { maxKeys, noNullPrototype: true });
  }

  const bool = fc.boolean();

  // ------------------------------------------------------------------ plausible values

  const dnsLabel = fc.constantFrom('web', 'shop', 'api', 'a', 'a1', 'my-app', 'x0-y', 'v2', 'blue', 'green');
  const dnsName = fc.constantFrom('shop.example.com', 'api.example.com', 'a.b.c.example.org', 'example.com', 'x.example.com', 'localhost', 'shop');
  const hostName = fc.oneof(dnsName, fc.constantFrom('*.example.com', '*.b.example.org'));
  const namespace = fc.constantFrom('shop', 'default', 'kube-system', 'team-a', 'istio-system', 'metallb-system');
  const chartNamespace = opt(str(namespace), 3);
  const urlPath = fc.constantFrom('/', '/api', '/api/', '/a/b', '/v1.2', '/~user', '/a-b_c');
  const ipv4 = fc.tuple(fc.integer({ min: 0, max: 255 }), fc.integer({ min: 0, max: 255 }), fc.integer({ min: 0, max: 255 }), fc.integer({ min: 0, max: 255 }))
    .map((p) => p.join('.'));
  const plausibleIpv4 = fc.oneof(fc.constantFrom('203.0.113.10', '198.51.100.7', '192.168.10.240', '10.0.0.1', '172.16.5.4', '100.64.1.1'), ipv4);
  const ipv6 = fc.oneof(fc.constantFrom('2001:db8::1', '2001:db8:0:0:0:0:0:2', 'fd00::10', '::ffff:192.0.2.1', '2001:DB8::A', '::', '::1'), fc.ipV6());
  const ip = fc.oneof({ arbitrary: plausibleIpv4, weight: 3 }, { arbitrary: ipv6, weight: 1 });
  const cidr = fc.oneof(
    fc.constantFrom('203.0.113.0/24', '198.51.100.0/25', '10.0.0.0/8', '192.168.0.0/16', '0.0.0.0/0', '::/0', '2001:db8::/32', '10.0.0.1/32', '10.0.0.1/24', '10.0.0.0/33', 'fd00::/8'),
    fc.tuple(plausibleIpv4, fc.integer({ min: 0, max: 32 })).map(([a, p]) => `${a}/${p}`),
    fc.tuple(ipv6, fc.integer({ min: 0, max: 128 })).map(([a, p]) => `${a}/${p}`),
  );
  const labelKey = fc.constantFrom('app', 'tier', 'example.com/team', 'app.kubernetes.io/part-of', 'node-role.kubernetes.io/edge', 'a_b', 'A.b-C');
  const labelValue = fc.constantFrom('web', '', 'true', 'v1.2', 'a_b-c', 'X', '0');
  const labels = strMap(str(labelKey), str(labelValue));
  const image = fc.constantFrom('ghcr.io/acme/shop:1.4.2', 'nginx', 'registry.local:5000/a/b@sha256:' + 'a'.repeat(64), 'busybox:latest');
  const port = num(fc.integer({ min: 1, max: 65535 }));
  const headerName = fc.constantFrom('X-Canary', 'x-beta', 'Cookie', 'a', 'X_Y');

  // ------------------------------------------------------------------ specs

  /** cdk8s `Size` as data: the unit factory and the amount (non-negative: Size refuses negatives itself). */
  const size: fc.Arbitrary<SizeSpec> = fc.record({
    unit: fc.constantFrom('kibibytes', 'mebibytes', 'gibibytes'),
    amount: h === 0 ? fc.integer({ min: 1, max: 4096 }) : fc.oneof(fc.integer({ min: 0, max: 4096 }), fc.constantFrom(0, 0.5, 1.5, 1023, 1025, 1e9, 1e21, Number.MAX_VALUE, Infinity, NaN)),
  }) as fc.Arbitrary<SizeSpec>;

  /** cdk8s `Duration` as data (non-negative: Duration refuses negatives itself). */
  const duration: fc.Arbitrary<DurationSpec> = fc.record({
    unit: fc.constantFrom('millis', 'seconds', 'minutes'),
    amount: fc.oneof(fc.integer({ min: 0, max: 1000 }), fc.constantFrom(0, 0.5, 1.5, 3, 90, 300, 65535, 65536, 1e12, Infinity, NaN)),
  }) as fc.Arbitrary<DurationSpec>;

  const cleanTls: fc.Arbitrary<TlsSpec> = fc.oneof(
    fc.record({ kind: fc.constant('fromSecret' as const), secretName: fc.constantFrom('shop-tls', 'wildcard', 'a.b') }),
    fc.record({ kind: fc.constant('certManager' as const), options: fc.oneof(fc.record({ clusterIssuer: fc.constantFrom('letsencrypt-prod', 'ca') }), fc.record({ issuer: fc.constantFrom('local-ca', 'le') })) }),
  );
  const tls: fc.Arbitrary<TlsSpec> = h === 0 ? cleanTls : fc.oneof(
    fc.record({ kind: fc.constant('fromSecret' as const), secretName: str(fc.constantFrom('shop-tls', 'wildcard', 'a.b')) }),
    fc.record({
      kind: fc.constant('certManager' as const),
      options: fc.record({
        clusterIssuer: opt(str(fc.constantFrom('letsencrypt-prod', 'ca'))),
        issuer: opt(str(fc.constantFrom('local-ca', 'le'))),
        secretName: opt(str(fc.constantFrom('shop-tls', 'cert'))),
      }, { requiredKeys: [] }),
    }),
  );

  /** One entry of PublicWebAppProps.ports; `access` is a spec ({ kind, peers }) turned into a PortAccess by the builder. */
  const appPort = fc.record({
    name: str(fc.constantFrom('metrics', 'grpc', 'dns-udp', 'dns-tcp', 'admin', 'http', 'Bad_Name')),
    port: fc.oneof(port, fc.constantFrom(53, 8080, 9090)),
    protocol: opt(str(fc.constantFrom('TCP', 'UDP', 'SCTP'))),
    appProtocol: opt(str(fc.constantFrom('kubernetes.io/h2c', 'grpc', 'kubernetes.io/ws'))),
    servicePort: opt(port, 4),
    access: fc.oneof(
      fc.constant({ kind: 'exposure' }),
      fc.constant({ kind: 'podLocal' }),
      fc.record({ kind: fc.constant('internal'), peers: list(fc.record({ namespace: opt(str(namespace)), podLabels: opt(labels) }, { requiredKeys: [] }), 2) }),
    ),
  }, { requiredKeys: ['name', 'port', 'access'] });

  /** PublicWebApp props, without `exposure` and `tls` (given as specs). */
  const appProps = fc.record({
    ports: fc.oneof({ arbitrary: fc.constant(undefined), weight: 3 }, { arbitrary: list(appPort, 3), weight: 1 }),
    autoscaling: fc.oneof({ arbitrary: fc.constant(undefined), weight: 4 }, {
      arbitrary: fc.record({
        minReplicas: opt(num(fc.integer({ min: 0, max: 4 }))),
        maxReplicas: num(fc.integer({ min: 1, max: 12 })),
        cpuUtilization: opt(num(fc.integer({ min: 1, max: 150 }))),
        memoryUtilization: opt(num(fc.integer({ min: 1, max: 150 }))),
      }, { requiredKeys: h === 0 ? ['maxReplicas'] : [] }),
      weight: 1,
    }),
    image: str(image),
    port: opt(port),
    servicePort: opt(port),
    replicas: opt(num(fc.integer({ min: 0, max: 5 }))),
    host: opt(str(hostName), 3),
    path: opt(str(urlPath)),
    healthCheckPath: opt(str(fc.constantFrom('/healthz', '/', '/ready?full=1'))),
    env: opt(strMap(str(fc.constantFrom('LOG_LEVEL', 'A_B', 'x.y', 'A-1')), str(fc.constantFrom('debug', '', 'a b', '{"x":1}')))),
    name: opt(str(dnsLabel)),
    command: opt(list(str(fc.constantFrom('/bin/app', 'serve', '--port=8080')))),
    args: opt(list(str(fc.constantFrom('--verbose', '-c', 'x')))),
    runAsUser: opt(num(fc.integer({ min: 1, max: 65535 }))),
    writablePaths: h === 0 ? opt(fc.uniqueArray(fc.constantFrom('/tmp', '/var/cache/app', '/data', '/var/cache-app'), { minLength: 1, maxLength: 3 }))
      : opt(list(str(fc.constantFrom('/tmp', '/var/cache/app', '/data', '/tmp/', '/var/cache-app', '/' + 'long'.repeat(20))))),
    egressCidrs: opt(list(cidr)),
    allowAllEgress: opt(bool),
    labels: opt(labels),
    externalDns: fc.oneof({ arbitrary: fc.constant(undefined), weight: 4 }, {
      arbitrary: fc.record({
        hostnames: opt(list(str(hostName))),
        ttl: opt(duration),
        target: opt(str(fc.constantFrom('203.0.113.7', 'lb.example.net', '2001:db8::7', 'not a name'))),
        annotationPrefix: opt(str(fc.constantFrom('external-dns.alpha.kubernetes.io/', 'external-dns.kubernetes.io/'))),
      }, { requiredKeys: [] }),
      weight: 1,
    }),
    replica: typo(fc.integer({ min: 1, max: 3 })),
  }, { requiredKeys: ['image'] });

  // -------- ingress controllers


  const className = str(fc.constantFrom('nginx', 'traefik', 'kong', 'alb', 'internal-nginx', 'a.b'));
  const nginxController = fc.record({ kind: fc.constant('nginx' as const), options: fc.record({ className: opt(className), namespace: opt(str(namespace)), nodeCidrs: opt(list(cidr), 8) }, { requiredKeys: [] }) });
  const traefikController = fc.record({
    kind: fc.constant('traefik' as const),
    options: fc.record({
      className: opt(className), namespace: opt(str(namespace)), nodeCidrs: opt(list(cidr), 8),
      httpEntryPoint: opt(str(fc.constantFrom('web', 'http', 'web_2'))), httpsEntryPoint: opt(str(fc.constantFrom('websecure', 'https'))),
    }, { requiredKeys: [] }),
  });
  const kongController = fc.record({ kind: fc.constant('kong' as const), options: fc.record({ className: opt(className), namespace: opt(str(namespace)), nodeCidrs: opt(list(cidr), 8) }, { requiredKeys: [] }) });
  const haproxyController = fc.record({
    kind: fc.constant('haproxy' as const),
    options: fc.record({ className: opt(className), namespace: opt(str(namespace)), nodeCidrs: opt(list(cidr), 8), httpsPort: opt(port) }, { requiredKeys: [] }),
  });
  const awsAlbController = fc.record({
    kind: fc.constant('awsAlb' as const),
    options: fc.record({
      className: opt(className),
      scheme: opt(fc.constantFrom('internal', 'internet-facing')),
      targetType: opt(fc.constantFrom('ip', 'instance')),
      certificateArn: opt(str(fc.constantFrom('arn:aws:acm:eu-west-1:123456789012:certificate/0a1b2c3d-1234', 'arn:aws:acm:eu-west-1:1234:certificate/x'))),
      vpcCidr: h === 0 ? cidr : fc.oneof({ arbitrary: cidr, weight: 20 }, { arbitrary: fc.constant(undefined), weight: h }, { arbitrary: hostileString, weight: h }),
      wafv2AclArn: opt(str(fc.constantFrom('arn:aws:wafv2:eu-west-1:123456789012:regional/webacl/shop/0a1b2c3d', 'arn:aws:wafv2:us-east-1:123456789012:global/webacl/x/y'))),
      httpPort: opt(port),
      httpsPort: opt(port),
    }, { requiredKeys: [] }),
  });

  /** requestHeaders of the edge ways in (issue 18): plausible names and values mixed with refused ones. */
  const requestHeaders = fc.record({
    remove: opt(list(str(fc.constantFrom('X-Debug', 'True-Client-IP', ...(h === 0 ? [] : ['x-real-ip', 'X-Forwarded-For', 'Host', 'X Bad', 'x-debug']))))),
    set: opt(strMap(str(fc.constantFrom('X-Edge', ...(h === 0 ? [] : ['X-Debug', 'x-forwarded-proto', 'X-Forwarded-Host']))),
      str(fc.constantFrom('public', 'kong:1', ...(h === 0 ? [] : ['', 'a\r\nb', '$(headers.x)']))))),
    keepSpoofableHeaders: opt(bool),
  }, { requiredKeys: [] });
  /** securityHeaders of the edge ways in (issue 18). */
  const securityHeaders = fc.record({
    enabled: opt(bool),
    hsts: opt(bool),
    hstsMaxAge: h === 0 ? fc.constant(undefined) : opt(duration),
    hstsIncludeSubdomains: opt(bool),
    hstsPreload: h === 0 ? fc.constant(undefined) : opt(bool),
    contentTypeNosniff: opt(bool),
    frameOptions: opt(fc.constantFrom('DENY', 'SAMEORIGIN', 'NOT_SENT', ...(h === 0 ? [] : ['ALLOW-FROM x']))),
    referrerPolicy: opt(fc.constantFrom('no-referrer', 'strict-origin-when-cross-origin', 'NOT_SENT', ...(h === 0 ? [] : ['always']))),
  }, { requiredKeys: [] });

  /** backendTls of Exposure.ingress() and Exposure.gateway() (issue 18): pods that serve TLS. */
  const backendTls = fc.record({
    hostname: opt(str(fc.constantFrom('web.shop.svc.cluster.local', 'web', ...(h === 0 ? [] : ['Web_Bad', '*.shop.svc'])))),
    caConfigMap: opt(str(fc.constantFrom('web-ca', ...(h === 0 ? [] : ['Bad_Name'])))),
    caSecret: opt(str(fc.constantFrom('web-ca', 'web-tls'))),
    acknowledgeUnverified: opt(bool),
  }, { requiredKeys: [] });

  /** Options of Exposure.ingress() except controller and canary. */
  const ingressOptions = fc.record({
    rateLimit: opt(fc.record({ requestsPerSecond: num(fc.integer({ min: 1, max: 100 })), burst: opt(num(fc.integer({ min: 1, max: 500 }))) }, { requiredKeys: ['requestsPerSecond'] })),
    allowSourceRanges: opt(list(cidr)),
    maxRequestBodySize: opt(size),
    allowPlainHttp: opt(bool),
    requestHeaders: opt(requestHeaders),
    securityHeaders: opt(securityHeaders),
    backendTls: opt(backendTls),
    annotations: opt(strMap(str(fc.constantFrom('example.com/a', 'nginx.ingress.kubernetes.io/server-snippet', 'nginx.ingress.kubernetes.io/proxy-read-timeout', 'x', 'traefik.ingress.kubernetes.io/router.priority')),
      str(fc.constantFrom('1', 'true', '{"a":1}', 'a: b')))),
  }, { requiredKeys: [] });

  const canaryOptions = fc.record({
    weight: num(fc.integer({ min: 0, max: 100 })),
    header: opt(str(headerName)),
    headerValue: opt(str(fc.constantFrom('always', 'beta', 'x y'))),
    cookie: opt(str(fc.constantFrom('canary', 'c_1'))),
  }, { requiredKeys: ['weight'] });

  // -------- load-balancer providers

  const awsProvider = fc.record({
    kind: fc.constant('aws' as const),
    options: fc.record({
      scheme: opt(fc.constantFrom('internal', 'internet-facing')),
      targetType: opt(fc.constantFrom('instance', 'ip')),
      preserveClientIp: opt(bool),
      vpcCidr: opt(cidr),
      tlsCertificateArns: opt(list(str(fc.constantFrom('arn:aws:acm:eu-west-1:123456789012:certificate/1234abcd-12ab', 'arn:aws:iam::123456789012:server-certificate/x')))),
      tlsPorts: opt(list(port)),
      ipAddressType: opt(fc.constantFrom('ipv4', 'dualstack')),
      crossZoneLoadBalancing: opt(bool),
      attributes: opt(strMap(str(fc.constantFrom('deletion_protection.enabled', 'load_balancing.cross_zone.enabled', 'access_logs.s3.bucket')), str(fc.constantFrom('true', 'my-bucket', 'a,b')))),
    }, { requiredKeys: [] }),
  });
  const gcpProvider = fc.record({
    kind: fc.constant('gcp' as const),
    options: fc.record({ internal: opt(bool), backendServiceBased: opt(bool), useLoadBalancerClass: opt(bool) }, { requiredKeys: [] }),
  });
  const azureProvider = fc.record({
    kind: fc.constant('azure' as const),
    options: fc.record({
      internal: opt(bool),
      internalSubnet: opt(str(fc.constantFrom('apps-subnet', 'a'))),
      dnsLabelName: opt(str(fc.constantFrom('shop-prod', 'ab', 'abc'))),
      publicIpName: opt(str(fc.constantFrom('shop-pip', 'pip_1'))),
    }, { requiredKeys: [] }),
  });
  const alibabaProvider = fc.record({
    kind: fc.constant('alibaba' as const),
    options: fc.record({
      addressType: opt(fc.constantFrom('internet', 'intranet')),
      spec: opt(str(fc.constantFrom('slb.s2.small', 'slb.s1'))),
      ipVersion: opt(fc.constantFrom('ipv4', 'ipv6', 'DualStack')),
      networkLoadBalancer: opt(bool),
      zoneMappings: opt(list(fc.record({
        zoneId: str(fc.constantFrom('cn-hangzhou-k', 'cn-hangzhou-j', 'ap-southeast-1a')),
        vSwitchId: str(fc.constantFrom('vsw-aaa1', 'vsw-bbb2', 'subnet-1')),
      }), 3)),
    }, { requiredKeys: [] }),
  });

  const loadBalancerOptions = fc.record({
    allowSourceRanges: opt(list(cidr)),
    loadBalancerSourceRanges: h === 0 ? fc.constant(undefined) : opt(list(cidr), 4),
    allowPublicAccess: opt(bool),
    externalTrafficPolicy: opt(fc.constantFrom('Cluster', 'Local')),
    ipFamilyPolicy: opt(fc.constantFrom('SingleStack', 'PreferDualStack', 'RequireDualStack')),
    ipFamilies: opt(list(fc.constantFrom('IPv4', 'IPv6'), 3)),
    nodePort: opt(num(fc.integer({ min: 30000, max: 32767 }))),
    annotations: opt(strMap(str(fc.constantFrom('example.com/a', 'service.beta.kubernetes.io/aws-load-balancer-scheme', 'metallb.io/address-pool')), str(fc.constantFrom('x', '1')))),
  }, { requiredKeys: [] });

  // -------- MetalLB

  const selectorReq = fc.record({
    key: str(labelKey),
    operator: fc.constantFrom('In', 'NotIn', 'Exists', 'DoesNotExist'),
    values: opt(list(str(labelValue))),
  }, { requiredKeys: ['key', 'operator'] });
  const metalLbSelector = fc.record({ matchLabels: opt(labels), matchExpressions: opt(list(selectorReq, 2)) }, { requiredKeys: [] });

  const poolAddress = fc.oneof(
    fc.constantFrom('192.168.10.0/24', '192.168.10.240-192.168.10.250', '192.168.10.241', '10.0.0.0/30', '203.0.113.0/28', '2001:db8::/120', 'fd00::1-fd00::10',
      '10.0.0.1 - 10.0.0.5', '0.0.0.0/0', '::/0'),
    ...(h === 0 ? [] : [fc.constantFrom('192.168.10.250-192.168.10.240', '192.168.10.1/24', '1.2.3.4-::1')]),
    ip, cidr,
    fc.tuple(plausibleIpv4, plausibleIpv4).map(([a, b]) => `${a}-${b}`),
  );
  const pool = fc.record({
    name: str(fc.constantFrom('public', 'private', 'p1', 'a.b')),
    addresses: list(str(poolAddress), 3),
    autoAssign: opt(bool),
    avoidBuggyIps: opt(bool),
    serviceAllocation: opt(fc.record({
      priority: opt(num(fc.integer({ min: -10, max: 10 }))),
      namespaces: opt(list(str(namespace))),
      namespaceSelectors: opt(list(metalLbSelector, 2)),
      serviceSelectors: opt(list(metalLbSelector, 2)),
    }, { requiredKeys: [] }), 4),
  }, { requiredKeys: ['name', 'addresses'] });

  const asn = num(fc.oneof(fc.integer({ min: 1, max: 65535 }), fc.constantFrom(64500, 64501, 4200000000, 4294967295, 4294967296)));
  const bfd = fc.record({
    name: opt(str(fc.constantFrom('fast', 'bfd-1'))),
    receiveInterval: opt(duration),
    transmitInterval: opt(duration),
    detectMultiplier: opt(num(fc.integer({ min: 2, max: 255 }))),
    echoInterval: opt(duration),
    echoMode: opt(bool),
    passiveMode: opt(bool),
    minimumTtl: opt(num(fc.integer({ min: 1, max: 254 }))),
  }, { requiredKeys: [] });
  const bgpPeer = fc.record({
    name: str(fc.constantFrom('router-a', 'router-b', 'r1')),
    myAsn: asn,
    peerAsn: opt(asn, 4),
    dynamicAsn: opt(fc.constantFrom('internal', 'external')),
    peerAddress: str(ip),
    peerPort: opt(num(fc.integer({ min: 1, max: 16384 }))),
    holdTime: opt(duration),
    keepaliveTime: opt(duration),
    connectTime: opt(duration),
    passwordSecret: opt(fc.record({ name: str(fc.constantFrom('bgp-pass', 'x')), kind: fc.constantFrom('reference', 'basicAuth', 'opaque'), otherNamespace: bool })),
    bfd: opt(bfd),
    ebgpMultiHop: opt(bool),
    nodeSelectors: opt(list(metalLbSelector, 2)),
  }, { requiredKeys: ['name', 'myAsn', 'peerAddress'] });

  const poolNameRef = str(fc.constantFrom('public', 'private', 'p1', 'nope'));
  const l2Ad = fc.record({
    kind: fc.constant('l2' as const),
    options: fc.record({
      name: opt(str(fc.constantFrom('l2', 'announce'))),
      pools: opt(list(poolNameRef)),
      nodeSelectors: opt(list(metalLbSelector, 2)),
      interfaces: opt(list(str(fc.constantFrom('eth0', 'ens3', 'bond0.100', 'a'.repeat(16))))),
    }, { requiredKeys: [] }),
  });
  const bgpAd = fc.record({
    kind: fc.constant('bgp' as const),
    options: fc.record({
      name: opt(str(fc.constantFrom('bgp', 'routes'))),
      peers: list(bgpPeer, 2),
      pools: opt(list(poolNameRef)),
      aggregationLength: opt(num(fc.integer({ min: 1, max: 32 }))),
      aggregationLengthV6: opt(num(fc.integer({ min: 1, max: 128 }))),
      localPref: opt(num(fc.integer({ min: 0, max: 1000 }))),
      communities: opt(list(str(fc.constantFrom('65535:65282', 'large:64500:1:2', '1:2:3', '65536:1')))),
      nodeSelectors: opt(list(metalLbSelector, 2)),
    }, { requiredKeys: ['peers'] }),
  });
  const advertisement: fc.Arbitrary<AdvertisementSpec> = fc.oneof(
    l2Ad, bgpAd,
    fc.record({ kind: fc.constant('combine' as const), parts: fc.array(fc.oneof(l2Ad, bgpAd), { maxLength: 3 }) }),
  ) as fc.Arbitrary<AdvertisementSpec>;

  const bareMetalLbProps = fc.record({
    pools: h === 0 ? fc.uniqueArray(pool, { minLength: 1, maxLength: 3, selector: (x) => x.name }) : list(pool, 3),
    advertisement: opt(advertisement, 4),
    namespace: opt(str(fc.constantFrom('metallb-system', 'lb'))),
    loadBalancerClass: opt(str(fc.constantFrom('metallb', 'metallb.io/metallb'))),
    mode: opt(str(fc.constantFrom('frr-k8s', 'frr', 'native', 'bgp'))),
  }, { requiredKeys: ['pools'] });

  const metalLbProviderOptions = fc.record({
    pool: str(fc.constantFrom('public', 'private', 'p1')),
    address: opt(str(ip)),
    sharingKey: opt(str(fc.constantFrom('web', 'k'))),
    internetFacing: opt(bool),
  }, { requiredKeys: ['pool'] });

  // -------- Istio mesh

  const meshTls = fc.oneof(
    fc.record({ kind: fc.constant('simple' as const), options: fc.record({ credentialName: str(h === 0 ? fc.constantFrom('wildcard-cert', 'shop-cert') : fc.constantFrom('wildcard-cert', 'shop-cert', 'x-cacert')) }) }),
    fc.record({ kind: fc.constant('mutual' as const), options: fc.record({ credentialName: str(fc.constantFrom('wildcard-cert', 'shop-cert')), caCertCredentialName: opt(str(fc.constantFrom('client-ca', 'wildcard-cert'))) }, { requiredKeys: ['credentialName'] }) }),
    fc.record({ kind: fc.constant('none' as const), options: fc.record({ acknowledgePlainHttp: h === 0 ? fc.constant(true) : bool }) }),
  );
  const meshGatewayProps = fc.record({
    hosts: h === 0 ? fc.uniqueArray(fc.oneof(hostName, fc.constant('*')), { minLength: 1, maxLength: 3 }) : list(str(fc.oneof(hostName, fc.constant('*'))), 3),
    tls: meshTls,
    selector: opt(labels),
    namespace: opt(str(namespace)),
    name: opt(str(fc.constantFrom('public-gateway', 'gw'))),
    serviceAccount: opt(str(fc.constantFrom('istio-ingressgateway-service-account', 'gw-sa'))),
    trustDomain: opt(str(fc.constantFrom('cluster.local', 'example.org'))),
    minProtocolVersion: opt(fc.constantFrom('TLSV1_2', 'TLSV1_3')),
    httpsRedirect: opt(bool),
    istiodNamespace: opt(str(fc.constantFrom('istio-system', 'istio-control', 'Istio_System'))),
    istiodSelector: opt(h === 0 ? fc.constantFrom<Record<string, string>>({ app: 'istiod' }, { 'app': 'istiod', 'istio.io/rev': '1-24' }) : labels),
    revision: opt(str(fc.constantFrom('1-24', 'stable', 'canary', '1.24 canary', ''))),
  }, { requiredKeys: ['hosts', 'tls'] });

  const meshDuration = str(fc.constantFrom('1s', '500ms', '1m30s', '0s', '0.5ms', '1.5s', '2h', '1us', '10'));
  const meshOptions = fc.record({
    retries: opt(fc.record({ attempts: num(fc.integer({ min: 1, max: 10 })), perTryTimeout: opt(meshDuration), retryOn: opt(str(fc.constantFrom('5xx', 'connect-failure,refused-stream', '503', '5xx, reset', 'bogus'))) }, { requiredKeys: ['attempts'] })),
    timeout: opt(meshDuration),
    cors: opt(fc.record({
      allowOrigins: list(str(fc.constantFrom('https://shop.example.com', 'https://*.example.com', '*', 'http://localhost:3000', 'https://a.example.com:99999'))),
      allowMethods: opt(list(str(fc.constantFrom('GET', 'post', 'PATCH', 'FOO')))),
      allowHeaders: opt(list(str(headerName))),
      exposeHeaders: opt(list(str(headerName))),
      maxAge: opt(meshDuration),
      allowCredentials: opt(bool),
    }, { requiredKeys: ['allowOrigins'] })),
    faultInjection: opt(fc.record({
      delay: opt(meshDuration), delayPercent: opt(num(fc.integer({ min: 0, max: 100 }))),
      abortHttpStatus: opt(num(fc.integer({ min: 200, max: 599 }))), abortPercent: opt(num(fc.integer({ min: 0, max: 100 }))),
    }, { requiredKeys: [] })),
    connectionPool: opt(fc.record({
      maxConnections: opt(num(fc.integer({ min: 1, max: 5000 }))), maxPendingRequests: opt(num(fc.integer({ min: 1, max: 5000 }))),
      maxRequests: opt(num(fc.integer({ min: 1, max: 5000 }))), maxRequestsPerConnection: opt(num(fc.integer({ min: 1, max: 100 }))), connectTimeout: opt(meshDuration),
    }, { requiredKeys: [] })),
    outlierDetection: opt(fc.record({
      consecutiveServerErrors: opt(num(fc.integer({ min: 1, max: 50 }))), interval: opt(meshDuration), baseEjectionTime: opt(meshDuration),
      maxEjectionPercent: opt(num(fc.integer({ min: 0, max: 100 }))),
    }, { requiredKeys: [] })),
    dataplane: opt(fc.constantFrom('SIDECAR', 'SIDECAR_WITH_INIT_CONTAINER', 'AMBIENT', ...(h === 0 ? [] : ['SIDECAR_CNI']))),
    acknowledgePrivilegedNamespace: opt(h === 0 ? fc.constant(true) : bool),
    version: opt(str(fc.constantFrom('v1', 'v2', '1.4.2', 'V_2'))),
    requestHeaders: opt(requestHeaders),
    securityHeaders: opt(securityHeaders),
  }, { requiredKeys: [] });

  // -------- exposures


  function ingressExposure(controller: fc.Arbitrary<ControllerSpec | undefined>): fc.Arbitrary<ExposureSpec> {
    return fc.record({ kind: fc.constant('ingress' as const), options: ingressOptions, controller }, { requiredKeys: ['kind', 'options'] }) as fc.Arbitrary<ExposureSpec>;
  }
  const clusterIpExposure = fc.record({ kind: fc.constant('clusterIp' as const), options: fc.record({ allowFromNamespaces: opt(list(str(namespace))) }, { requiredKeys: [] }) });
  const nodePortExposure = fc.record({
    kind: fc.constant('nodePort' as const),
    options: fc.record({
      nodePort: opt(num(fc.integer({ min: 30000, max: 32767 }))), externalTrafficPolicy: opt(fc.constantFrom('Cluster', 'Local')), allowSourceRanges: opt(list(cidr)),
      nodeport: typo(fc.integer({ min: 30000, max: 32767 })),
      virtualIp: opt(fc.integer({ min: 0, max: 1 }), 2),
    }, { requiredKeys: [] }),
  });
  function loadBalancerExposure(provider: fc.Arbitrary<{ kind: string; options: any } | undefined>): fc.Arbitrary<ExposureSpec> {
    return fc.record({ kind: fc.constant('loadBalancer' as const), options: loadBalancerOptions, provider }, { requiredKeys: ['kind', 'options'] }) as fc.Arbitrary<ExposureSpec>;
  }
  const externalIpsExposure = fc.record({ kind: fc.constant('externalIps' as const), addresses: list(str(ip), 3) });
  const nodeSelector = opt(strMap(str(labelKey), str(labelValue), 2));
  const hostPortExposure = fc.record({
    kind: fc.constant('hostPort' as const),
    options: fc.record({
      acknowledgePrivilegedNamespace: fc.oneof({ arbitrary: fc.constant(true), weight: 5 }, { arbitrary: fc.constant(false), weight: 1 }),
      hostPort: opt(port), nodeSelector, allowSourceRanges: opt(list(cidr)), daemonSet: opt(bool),
      virtualIp: opt(fc.integer({ min: 0, max: 1 }), 2),
    }, { requiredKeys: ['acknowledgePrivilegedNamespace'] }),
  });
  const hostNetworkExposure = fc.record({
    kind: fc.constant('hostNetwork' as const),
    options: fc.record({
      acknowledgePrivilegedNamespace: fc.oneof({ arbitrary: fc.constant(true), weight: 5 }, { arbitrary: fc.constant(false), weight: 1 }),
      daemonSet: opt(bool), nodeSelector,
    }, { requiredKeys: ['acknowledgePrivilegedNamespace'] }),
  });
  const anyGatewayOptions = fc.record({
    gateway: opt(fc.record({
      name: str(fc.constantFrom('shared', 'gw.example')), namespace: opt(str(namespace)),
      sectionName: opt(str(fc.constantFrom('https', 'http', 'web.secure', 'tls', 'tcp'))), httpSectionName: opt(str(fc.constantFrom('http', 'https'))),
      listenerSet: opt(bool),
    }, { requiredKeys: ['name'] })),
    gatewayClassName: opt(str(fc.constantFrom('istio', 'eg', 'cilium'))),
    gatewayName: opt(str(fc.constantFrom('shop', 'gw'))),
    gatewayNamespace: opt(str(namespace)),
    proxyNamespace: opt(str(namespace)),
    proxyPodLabels: opt(labels),
    proxyNodeCidrs: opt(list(cidr), 8),
    allowPlainHttp: opt(bool),
    routeKind: opt(str(fc.constantFrom('HTTPRoute', 'GRPCRoute', 'TLSRoute', 'TCPRoute', 'UDPRoute'))),
    listenerPort: fc.oneof({ arbitrary: fc.constant(undefined), weight: 5 }, { arbitrary: port, weight: 1 }),
    mesh: fc.oneof({ arbitrary: fc.constant(undefined), weight: 4 }, {
      arbitrary: fc.record({
        dataplane: opt(str(fc.constantFrom('SIDECAR', 'AMBIENT', 'SIDECAR_WITH_INIT_CONTAINER'))),
        acknowledgePrivilegedNamespace: opt(bool),
        trustDomain: opt(str(fc.constantFrom('cluster.local', 'corp.example'))),
        serviceAccount: opt(str(fc.constantFrom('shop-istio', 'edge-istio'))),
        revision: opt(str(fc.constantFrom('stable', '1-24'))),
        istiodNamespace: opt(str(namespace)),
      }, { requiredKeys: [] }),
      weight: 1,
    }),
    requestHeaders: opt(requestHeaders),
    securityHeaders: opt(securityHeaders),
    backendTls: opt(backendTls),
  }, { requiredKeys: [] });
  /** At level 0, exactly one of gateway and gatewayClassName, and no options of the other mode. */
  const gatewayOptions = h !== 0 ? anyGatewayOptions : fc.oneof(
    anyGatewayOptions.map(({ gatewayClassName: _c, gatewayName: _n, gatewayNamespace: _ns, ...o }) => ({ ...o, gateway: o.gateway ?? { name: 'shared', sectionName: 'https' } })),
    anyGatewayOptions.map(({ gateway: _g, ...o }) => ({ ...o, gatewayClassName: o.gatewayClassName ?? 'istio' })),
  );
  const gatewayExposure = fc.record({ kind: fc.constant('gateway' as const), options: gatewayOptions });

  // ------------------------------------------------------------------ scenarios

  /** One app of a scenario: its props (plain data), its TLS and its exposure. */

  /** What one fuzz case builds: charts, infrastructure constructs, then apps, in order. */

  const twoCharts = fc.tuple(chartNamespace, chartNamespace);

  /** One app per scenario, with the given exposure. */
  /** At level 0: an app with TLS gets a host. */
  function coherent(s: Scenario): Scenario {
    if (h !== 0) return s;
    return { ...s, apps: s.apps.map((x) => (x.tls && x.props.host === undefined ? { ...x, props: { ...x.props, host: 'shop.example.com' } } : x)) };
  }

  function singleApp(exposure: fc.Arbitrary<ExposureSpec | undefined>, withTls = true): fc.Arbitrary<Scenario> {
    return fc.record({
      charts: chartNamespace.map((n) => [n]),
      apps: fc.tuple(fc.record({ props: appProps, tls: withTls ? opt(tls, 3) : fc.constant(undefined), exposure, chart: fc.constant(0) }, { requiredKeys: ['props', 'chart'] })),
    }).map((s) => coherent(s as unknown as Scenario));
  }

  /** Two or three apps sharing one App (registry clashes: names, hosts, ports, addresses). */
  function manyApps(exposure: fc.Arbitrary<ExposureSpec | undefined>, withTls = true): fc.Arbitrary<Scenario> {
    return fc.record({
      charts: twoCharts,
      apps: fc.array(fc.record({ props: appProps, tls: withTls ? opt(tls, 3) : fc.constant(undefined), exposure, chart: fc.integer({ min: 0, max: 1 }) }, { requiredKeys: ['props', 'chart'] }), { minLength: 2, maxLength: 3 }),
    }).map((s) => coherent(s as unknown as Scenario));
  }

  /** A stable app and a canary of it (of the same kind of exposure, mostly). */
  function canaryPair(stable: fc.Arbitrary<ExposureSpec>, canary: fc.Arbitrary<ExposureSpec>): fc.Arbitrary<Scenario> {
    const sameRoute = fc.record({ host: opt(str(hostName), 4), path: opt(str(urlPath), 1) }, { requiredKeys: [] });
    return fc.record({
      charts: twoCharts,
      route: sameRoute,
      stable: fc.record({ props: appProps, tls: opt(tls, 3), exposure: stable, chart: fc.constant(0) }),
      canaries: fc.array(fc.record({ props: appProps, tls: h === 0 ? fc.constant(undefined) : opt(tls, 1), exposure: canary, chart: fc.integer({ min: 0, max: 1 }) }), { minLength: 1, maxLength: 2 }),
    }).map(({ charts, route, stable: s, canaries }) => ({
      charts,
      apps: [
        { ...s, props: { ...s.props, host: route.host ?? (h === 0 && s.tls ? 'shop.example.com' : undefined), path: route.path } },
        ...canaries.map((c) => ({ ...c, props: { ...c.props, host: route.host ?? (h === 0 && s.tls ? 'shop.example.com' : undefined), path: route.path } })),
      ],
    })) as unknown as fc.Arbitrary<Scenario>;
  }

  const ingressCanaryExposure = (controller: fc.Arbitrary<ControllerSpec | undefined>) => fc.record({
    kind: fc.constant('ingress' as const),
    options: fc.oneof({ arbitrary: fc.constant({}), weight: 4 }, { arbitrary: ingressOptions, weight: 1 }),
    controller,
    canary: fc.record({ stable: fc.constant(0), options: canaryOptions }),
  }, { requiredKeys: ['kind', 'options', 'canary'] }) as fc.Arbitrary<ExposureSpec>;

  const gatewayCanaryExposure = fc.record({
    kind: fc.constant('gateway' as const),
    options: fc.oneof({ arbitrary: fc.constant({}), weight: 4 }, { arbitrary: gatewayOptions, weight: 1 }),
    canary: fc.record({ stable: fc.constant(0), options: canaryOptions }),
  }) as fc.Arbitrary<ExposureSpec>;

  /** Apps exposed through a MeshGateway, the later ones sometimes canaries of the first. */
  const meshScenario: fc.Arbitrary<Scenario> = fc.record({
    charts: twoCharts,
    gateways: fc.array(meshGatewayProps, { minLength: 1, maxLength: 2 }),
    apps: fc.array(fc.record({
      props: appProps,
      tls: opt(tls, 1),
      gateway: fc.integer({ min: 0, max: 1 }),
      options: meshOptions,
      canaryWeight: opt(num(fc.integer({ min: 0, max: 100 }))),
      chart: fc.integer({ min: 0, max: 1 }),
    }, { requiredKeys: ['props', 'gateway', 'options', 'chart'] }), { minLength: 1, maxLength: 3 }),
  }).map(({ charts, gateways, apps }) => ({
    charts,
    meshGateways: gateways,
    apps: apps.map((a, i) => ({
      props: a.props,
      tls: a.tls,
      chart: a.chart,
      exposure: {
        kind: 'mesh' as const,
        gateway: Math.min(a.gateway, gateways.length - 1),
        options: a.options,
        canary: i > 0 && a.canaryWeight !== undefined ? { stable: 0, weight: a.canaryWeight } : undefined,
      },
    })),
  }));

  /**
   * Mesh scenarios that are valid by construction, with the variation that
   * stays valid (hosts, TLS modes, route options, canaries, charts): the
   * random scenarios above are nearly always refused somewhere, which leaves
   * the success path of the mesh little tested.
   */
  const validMeshDuration = fc.constantFrom('1s', '500ms', '1m30s', '2h', '250ms');
  const cleanMeshScenario: fc.Arbitrary<Scenario> = fc.record({
    charts: fc.constantFrom<(string | undefined)[]>(['shop'], ['shop', 'blog'], ['istio-system', 'shop']),
    gateway: fc.record({
      hosts: fc.constantFrom(['*.example.com'], ['*.example.com', 'example.com'], ['*']),
      tls: fc.oneof(
        fc.constant({ kind: 'simple', options: { credentialName: 'wildcard-cert' } }),
        fc.constant({ kind: 'mutual', options: { credentialName: 'wildcard-cert', caCertCredentialName: 'client-ca' } }),
        fc.constant({ kind: 'mutual', options: { credentialName: 'wildcard-cert' } }),
      ),
      selector: opt(fc.constant({ istio: 'ingressgateway' })),
      minProtocolVersion: opt(fc.constantFrom('TLSV1_2', 'TLSV1_3')),
      httpsRedirect: opt(bool),
      name: opt(fc.constantFrom('public-gateway', 'gw')),
      istiodNamespace: opt(fc.constantFrom('istio-system', 'istio-control')),
      revision: opt(fc.constantFrom('1-24', 'stable')),
    }, { requiredKeys: ['hosts', 'tls'] }),
    apps: fc.array(fc.record({
      port: fc.constantFrom(8080, 3000, 9000),
      replicas: fc.integer({ min: 1, max: 4 }),
      healthCheckPath: opt(fc.constantFrom('/healthz', '/ready')),
      path: opt(fc.constantFrom('/', '/api', '/v2')),
      chart: fc.integer({ min: 0, max: 1 }),
      retries: opt(fc.record({ attempts: fc.integer({ min: 1, max: 5 }), perTryTimeout: opt(validMeshDuration) }, { requiredKeys: ['attempts'] })),
      timeout: opt(validMeshDuration),
      canaryWeight: opt(fc.integer({ min: 0, max: 100 })),
      // each mode with what it needs: the init-container sidecar only with its acknowledgement
      dataplane: opt(fc.constantFrom('SIDECAR', 'SIDECAR_WITH_INIT_CONTAINER', 'AMBIENT')),
    }, { requiredKeys: ['port', 'replicas', 'chart'] }), { minLength: 1, maxLength: 3 }),
  }).map(({ charts, gateway, apps }) => ({
    charts,
    meshGateways: [gateway],
    apps: apps.map((a, i) => {
      // a canary serves the host and path of app 0, from the same chart
      const canary = i > 0 && a.canaryWeight !== undefined;
      return {
        props: {
          image: 'ghcr.io/acme/shop:1.4.2', name: `app${i}`, port: a.port, replicas: a.replicas, healthCheckPath: a.healthCheckPath,
          host: canary ? 'app0.example.com' : `app${i}.example.com`, path: canary ? apps[0].path : a.path,
        },
        chart: canary ? apps[0].chart : a.chart,
        exposure: {
          kind: 'mesh' as const,
          gateway: 0,
          options: {
            retries: a.retries, timeout: a.timeout, dataplane: a.dataplane,
            acknowledgePrivilegedNamespace: a.dataplane === 'SIDECAR_WITH_INIT_CONTAINER' ? true : undefined,
          },
          canary: canary ? { stable: 0, weight: a.canaryWeight! } : undefined,
        },
      };
    }),
  }));

  /**
   * Canary pairs that are valid by construction: a stable app and one or two
   * canaries of it on the same host and path, through ingress-nginx or the
   * Gateway API, with weights, headers and cookies varying.
   */
  const cleanCanaryScenario = (kind: 'ingress' | 'gateway'): fc.Arbitrary<Scenario> => fc.record({
    chart: fc.constantFrom<string | undefined>('shop', undefined),
    path: fc.constantFrom('/', '/api'),
    tls: fc.boolean(),
    canaries: fc.array(fc.record({
      weight: fc.integer({ min: 0, max: 100 }),
      header: opt(fc.constantFrom('X-Canary', 'x-beta')),
      headerValue: opt(fc.constantFrom('always', 'beta')),
      cookie: kind === 'ingress' ? opt(fc.constantFrom('canary', 'c_1')) : fc.constant(undefined),
      replicas: fc.integer({ min: 1, max: 3 }),
    }, { requiredKeys: ['weight', 'replicas'] }), { minLength: 1, maxLength: kind === 'ingress' ? 1 : 2 }),
  }).map(({ chart, path, tls, canaries }) => {
    // the canary joins its stable app's Ingress host or HTTPRoute, so it names no Gateway of its own
    const exposure = (canary?: any): ExposureSpec => (kind === 'ingress'
      ? { kind: 'ingress', options: tls || canary ? {} : { allowPlainHttp: true }, controller: { kind: 'nginx', options: {} }, canary: canary && { stable: 0, options: canary } }
      : { kind: 'gateway', options: canary ? {} : { gateway: { name: 'shared', sectionName: 'https' } }, canary: canary && { stable: 0, options: canary } });
    const base = { image: 'ghcr.io/acme/shop:1.4.2', host: 'shop.example.com', path };
    return {
      charts: [chart],
      apps: [
        // on an existing Gateway the certificate belongs to the Gateway's listener
        { props: { ...base, name: 'web' }, tls: tls && kind === 'ingress' ? { kind: 'certManager', options: { clusterIssuer: 'letsencrypt-prod' } } : undefined, chart: 0, exposure: exposure() },
        ...canaries.map((c, i) => ({
          props: { ...base, name: `web-next${i}`, replicas: c.replicas },
          chart: 0,
          exposure: exposure({ weight: c.weight, header: c.header, headerValue: c.header ? c.headerValue : undefined, cookie: c.cookie }),
        })),
      ],
    } as Scenario;
  });

  /** MetalLB scenarios that are valid by construction: disjoint pools, L2 / BGP / both, apps on a pool or a fixed address. */
  const cleanMetalLbScenario: fc.Arbitrary<Scenario> = fc.record({
    charts: fc.constantFrom<(string | undefined)[]>(['metallb-system', 'shop'], ['shop']),
    pools: fc.subarray([
      { name: 'public', addresses: ['192.168.10.240-192.168.10.250'] },
      { name: 'v6', addresses: ['2001:db8::/120'] },
      { name: 'routed', addresses: ['203.0.113.0/28'], avoidBuggyIps: true },
      { name: 'scarce', addresses: ['198.51.100.7'], autoAssign: false },
    ], { minLength: 1 }),
    advertisement: fc.constantFrom<AdvertisementSpec | undefined>(
      undefined,
      { kind: 'l2', options: {} },
      { kind: 'l2', options: { interfaces: ['eth0'] } },
      { kind: 'bgp', options: { peers: [{ name: 'tor-a', myAsn: 64512, peerAsn: 64600, peerAddress: '10.0.0.1' }] } },
      { kind: 'combine', parts: [{ kind: 'l2', options: {} }, { kind: 'bgp', options: { peers: [{ name: 'tor-a', myAsn: 64512, peerAsn: 64600, peerAddress: '10.0.0.1' }] } }] },
    ),
    apps: fc.array(fc.record({ fixed: bool, chart: fc.integer({ min: 0, max: 1 }), sourceRange: opt(fc.constantFrom('192.168.0.0/16', '198.51.100.0/24')) }), { maxLength: 3 }),
  }).map(({ charts, pools, advertisement, apps }) => ({
    charts,
    bareMetalLbs: [{ pools, advertisement }],
    apps: apps.map((a, i) => {
      const pool = pools[i % pools.length];
      // a fixed address only from pools with room for one per app
      const address = a.fixed && pool.name === 'public' ? `192.168.10.${241 + i}` : undefined;
      return {
        props: { image: 'ghcr.io/acme/shop:1.4.2', name: `app${i}` },
        chart: a.chart,
        exposure: {
          kind: 'loadBalancer' as const,
          // Services sharing the scarce address: MetalLB shares between Local Services only with identical selectors, so Cluster
          options: { ...(a.sourceRange ? { loadBalancerSourceRanges: [a.sourceRange], externalTrafficPolicy: 'Local' } : { allowPublicAccess: true }), ...(pool.name === 'scarce' ? { externalTrafficPolicy: 'Cluster' } : {}) },
          provider: { kind: 'metallb', options: { pool: pool.name, address: pool.name === 'scarce' ? '198.51.100.7' : address, sharingKey: pool.name === 'scarce' ? 'shared' : undefined } },
        },
      };
    }),
  }));

  /** A BareMetalLB and apps using its provider through Exposure.loadBalancer. */
  const metalLbScenario: fc.Arbitrary<Scenario> = fc.record({
    charts: twoCharts,
    lb: bareMetalLbProps,
    apps: fc.array(fc.record({
      props: appProps,
      options: loadBalancerOptions,
      provider: metalLbProviderOptions,
      chart: fc.integer({ min: 0, max: 1 }),
    }), { minLength: 0, maxLength: 2 }),
  }).map(({ charts, lb, apps }) => ({
    charts,
    bareMetalLbs: [lb],
    apps: apps.map((a) => ({ props: a.props, chart: a.chart, exposure: { kind: 'loadBalancer' as const, options: a.options, provider: { kind: 'metallb', options: a.provider } } })),
  }));

  /** VirtualIpProps, the manager as { image? } (built with VirtualIpManager.kubeVip). */
  const virtualIpProps = fc.record({
    address: str(fc.oneof(fc.constantFrom('192.168.1.250', '192.168.1.251', '10.244.0.7', '10.96.0.10', '192.168.10.240', '2001:db8::250', '127.0.0.1', '192.168.1.0/24', '::ffff:192.168.1.9'), plausibleIpv4)),
    interfaceName: str(fc.constantFrom('eth0', 'ens192', 'bond0', 'br0', 'eth0:1', 'averyveryverylongname', 'eth 0', '..')),
    manager: fc.oneof(
      fc.record({ image: opt(str(fc.constantFrom('ghcr.io/kube-vip/kube-vip:v1.2.3', 'ghcr.io/kube-vip/kube-vip', 'kube-vip:latest', 'Kube-Vip:1'))) }, { requiredKeys: [] }),
      fc.record({
        keepalived: fc.constant(true),
        virtualRouterId: num(nearMiss(fc.integer({ min: 1, max: 255 }), fc.constantFrom(0, 256, 1.5))),
        image: opt(str(fc.constantFrom('osixia/keepalived:2.3.4', 'osixia/keepalived'))),
      }, { requiredKeys: ['keepalived'] }),
    ),
    acknowledgePrivilegedNamespace: fc.oneof({ arbitrary: fc.constant(true), weight: 5 }, { arbitrary: fc.constant(false), weight: 1 }),
    nodeSelector: opt(strMap(str(fc.constantFrom('role', 'node-role.kubernetes.io/edge', 'zone')), str(fc.constantFrom('edge', 'true', 'a')), 2)),
    name: opt(str(fc.constantFrom('web-vip', 'vip', 'vip-2'))),
  }, { requiredKeys: ['address', 'interfaceName', 'manager', 'acknowledgePrivilegedNamespace'] });
  /** One or two VirtualIps (next to a MetalLB pool, sometimes) and NodePort / hostPort apps that use them. */
  const virtualIpScenario: fc.Arbitrary<Scenario> = fc.record({
    charts: twoCharts,
    lbs: fc.array(bareMetalLbProps, { maxLength: 1 }),
    vips: fc.array(virtualIpProps, { minLength: 1, maxLength: 2 }),
    apps: fc.array(fc.record({ props: appProps, exposure: fc.oneof(nodePortExposure, hostPortExposure), chart: fc.integer({ min: 0, max: 1 }) }), { minLength: 1, maxLength: 2 }),
  }).map(({ charts, lbs, vips, apps }) => ({ charts, bareMetalLbs: lbs, virtualIps: vips, apps: apps as AppSpec[] }));
  /** Mostly valid: one or two VIPs (IPv4/IPv6, with or without nodeSelector), a MetalLB pool beside them, NodePort (Cluster) and DaemonSet hostPort apps using them. */
  const cleanVirtualIpScenario: fc.Arbitrary<Scenario> = fc.record({
    vips: fc.subarray([
      { address: '192.168.1.250', interfaceName: 'eth0', manager: {}, acknowledgePrivilegedNamespace: true, nodeSelector: { role: 'edge' } },
      { address: '2001:db8::250', interfaceName: 'bond0', manager: { image: 'ghcr.io/kube-vip/kube-vip:v1.2.3' }, acknowledgePrivilegedNamespace: true, name: 'vip-v6' },
      { address: '192.168.1.252', interfaceName: 'eth0', manager: { keepalived: true, virtualRouterId: 51 }, acknowledgePrivilegedNamespace: true, name: 'vrrp', nodeSelector: { role: 'edge' } },
    ], { minLength: 1 }),
    withPool: bool,
    apps: fc.array(fc.record({ hostPort: bool, pinned: bool, vip: fc.integer({ min: 0, max: 1 }), chart: fc.integer({ min: 0, max: 1 }) }), { minLength: 1, maxLength: 3 }),
  }).map(({ vips, withPool, apps }) => ({
    charts: ['kube-vip', 'web'],
    bareMetalLbs: withPool ? [{ namespace: 'metallb-system', pools: [{ name: 'lan', addresses: ['192.168.1.200-192.168.1.220'] }], advertisement: { kind: 'l2', options: {} } }] : [],
    virtualIps: vips,
    apps: apps.map((a, i): AppSpec => ({
      props: { image: 'ghcr.io/acme/shop:1.4.2', name: `app${i}`, port: 8080 + i },
      chart: 1,
      exposure: a.hostPort
        ? { kind: 'hostPort', options: { acknowledgePrivilegedNamespace: true, daemonSet: true, hostPort: 18080 + i, nodeSelector: a.vip === 0 ? { role: 'edge' } : undefined, virtualIp: a.vip } }
        : { kind: 'nodePort', options: { nodePort: a.pinned ? 30100 + i : undefined, virtualIp: a.vip } },
    })),
  }));

  // ------------------------------------------------------------------ linter input

  /** Kubernetes-ish objects: real-looking kinds with random, often broken, fields. */
  const anyJson = fc.jsonValue({ maxDepth: 3 });
  const portLike = fc.oneof(port, fc.constantFrom('http', '', '8080', 'x'), fc.constant(null));
  const k8sMeta = fc.record({
    name: fc.oneof(str(dnsLabel), fc.constant(undefined), fc.integer()),
    namespace: fc.oneof(opt(str(namespace)), fc.constant(null)),
    labels: fc.oneof(opt(labels), anyJson),
    annotations: fc.oneof(opt(strMap(str(fc.constantFrom('nginx.ingress.kubernetes.io/server-snippet', 'kubernetes.io/ingress.class', 'a'))
      , str(fc.constantFrom('x', 'nginx')))), anyJson),
  }, { requiredKeys: [] });
  const container = fc.record({
    name: str(dnsLabel),
    image: str(image),
    ports: fc.oneof(fc.array(fc.record({ containerPort: portLike, hostPort: fc.oneof(opt(port), anyJson), name: opt(str(dnsLabel)), protocol: opt(fc.constantFrom('TCP', 'UDP', 'x')) }, { requiredKeys: [] }), { maxLength: 2 }), anyJson),
    securityContext: fc.oneof(opt(fc.record({ privileged: opt(bool), runAsUser: opt(num(fc.integer({ min: 0, max: 10 }))), capabilities: opt(fc.record({ add: opt(fc.array(fc.constantFrom('NET_ADMIN', 'ALL'))) })) }, { requiredKeys: [] })), anyJson),
  }, { requiredKeys: [] });
  const podSpec = fc.record({
    hostNetwork: fc.oneof(opt(bool), anyJson),
    containers: fc.oneof(fc.array(container, { maxLength: 2 }), anyJson),
    nodeSelector: fc.oneof(opt(labels), anyJson),
  }, { requiredKeys: [] });
  const workload = fc.record({
    apiVersion: fc.constantFrom('apps/v1', 'extensions/v1beta1', 'v1'),
    kind: fc.constantFrom('Deployment', 'DaemonSet', 'StatefulSet', 'Pod', 'CronJob', 'Job'),
    metadata: fc.oneof(k8sMeta, anyJson),
    spec: fc.oneof(
      fc.record({ replicas: fc.oneof(opt(num(fc.integer({ min: 0, max: 5 }))), anyJson), selector: fc.oneof(opt(fc.record({ matchLabels: opt(labels) })), anyJson), template: fc.oneof(fc.record({ metadata: k8sMeta, spec: podSpec }), anyJson) }, { requiredKeys: [] }),
      podSpec, anyJson,
    ),
  });
  const service = fc.record({
    apiVersion: fc.constant('v1'),
    kind: fc.constant('Service'),
    metadata: fc.oneof(k8sMeta, anyJson),
    spec: fc.oneof(fc.record({
      type: fc.oneof(opt(fc.constantFrom('ClusterIP', 'NodePort', 'LoadBalancer', 'ExternalName')), anyJson),
      selector: fc.oneof(opt(labels), anyJson),
      ports: fc.oneof(fc.array(fc.record({ port: portLike, targetPort: portLike, nodePort: fc.oneof(opt(port), anyJson), name: opt(str(dnsLabel)) }, { requiredKeys: [] }), { maxLength: 3 }), anyJson),
      externalIPs: fc.oneof(opt(list(str(ip))), anyJson),
      loadBalancerSourceRanges: fc.oneof(opt(list(cidr)), anyJson),
      externalTrafficPolicy: opt(fc.constantFrom('Local', 'Cluster', 'x')),
    }, { requiredKeys: [] }), anyJson),
  });
  const ingress = fc.record({
    apiVersion: fc.constantFrom('networking.k8s.io/v1', 'extensions/v1beta1', 'networking.k8s.io/v1beta1'),
    kind: fc.constant('Ingress'),
    metadata: fc.oneof(k8sMeta, anyJson),
    spec: fc.oneof(fc.record({
      ingressClassName: opt(str(className)),
      tls: fc.oneof(opt(fc.array(fc.record({ hosts: opt(fc.array(str(hostName))), secretName: opt(str(dnsLabel)) }, { requiredKeys: [] }))), anyJson),
      rules: fc.oneof(fc.array(fc.record({
        host: opt(str(hostName)),
        http: fc.oneof(fc.record({ paths: fc.array(fc.record({ path: opt(str(urlPath)), pathType: opt(fc.constantFrom('Prefix', 'Exact', 'ImplementationSpecific')), backend: fc.oneof(fc.record({ service: fc.record({ name: str(dnsLabel), port: fc.oneof(fc.record({ number: port }), fc.record({ name: str(dnsLabel) }), anyJson) }) }), anyJson) }, { requiredKeys: [] }), { maxLength: 2 }) }), anyJson),
      }, { requiredKeys: [] }), { maxLength: 2 }), anyJson),
    }, { requiredKeys: [] }), anyJson),
  });
  const other = fc.oneof(
    fc.record({ apiVersion: fc.constantFrom('v1', 'networking.k8s.io/v1', 'policy/v1beta1', 'gateway.networking.k8s.io/v1'), kind: fc.constantFrom('NetworkPolicy', 'PodSecurityPolicy', 'HTTPRoute', 'List', 'Namespace', 'ConfigMap'), metadata: fc.oneof(k8sMeta, anyJson), spec: anyJson, items: opt(fc.array(anyJson, { maxLength: 2 })) }, { requiredKeys: ['apiVersion', 'kind'] }),
    anyJson,
  );
  const k8sObject = fc.oneof(workload, service, ingress, other);
  const linterCase = fc.record({
    objects: fc.array(k8sObject, { maxLength: 6 }),
    options: fc.record({
      disabledRules: opt(fc.array(fc.constantFrom('ingress-no-tls', 'host-network-replicas', 'nope'), { maxLength: 2 })),
      nodePortRangeMin: opt(num(fc.integer({ min: 1, max: 40000 }))),
      nodePortRangeMax: opt(num(fc.integer({ min: 1, max: 65535 }))),
    }, { requiredKeys: [] }),
  });

  // ------------------------------------------------------------------ secondary networks (Multus)

  /** `valid`, or with weight h against 40 a near miss (level 0: always valid) */
  function nearMiss<T>(valid: fc.Arbitrary<T>, miss: fc.Arbitrary<T>): fc.Arbitrary<T> {
    return h === 0 ? valid : fc.oneof({ arbitrary: valid, weight: 40 }, { arbitrary: miss, weight: h });
  }
  /** mostly undefined: a value that is valid only in a narrow setting */
  function rarely<T>(a: fc.Arbitrary<T>): fc.Arbitrary<T | undefined> {
    return fc.oneof({ arbitrary: fc.constant(undefined), weight: 5 }, { arbitrary: a, weight: 1 });
  }
  const ifName = str(nearMiss(fc.constantFrom('eth1', 'ens1f0', 'bond0', 'br-storage', 'eth1.100', 'net1'), fc.constantFrom('eth0', 'a-very-long-interface', 'eth 1', 'eth1/2', 'eth1:0', '.', '..')));
  const vlanId = num(nearMiss(fc.integer({ min: 1, max: 4094 }), fc.constantFrom(0, 4095, 5000)));
  const addressWithPrefix = nearMiss(
    fc.oneof(fc.constantFrom('192.0.2.10/24', '198.51.100.7/25', '2001:db8::10/64', '10.1.2.3/32'), fc.tuple(fc.integer({ min: 1, max: 254 }), fc.integer({ min: 1, max: 254 })).map(([x, y]) => `10.200.${x}.${y}/16`)),
    fc.oneof(fc.constantFrom('10.0.0.0/24', '192.0.2.255/24', '10.9.0.5'), fc.tuple(plausibleIpv4, fc.integer({ min: 0, max: 32 })).map(([a, p]) => `${a}/${p}`)),
  );
  const cniPlugin = fc.oneof(
    fc.record({ kind: fc.constant('macvlan'), options: fc.record({ master: ifName, mode: opt(str(fc.constantFrom('bridge', 'private', 'vepa', 'passthru'))) }, { requiredKeys: ['master'] }) }),
    fc.record({ kind: fc.constant('ipvlan'), options: fc.record({ master: ifName, mode: opt(str(fc.constantFrom('l2', 'l3', 'l3s'))) }, { requiredKeys: ['master'] }) }),
    fc.record({ kind: fc.constant('bridge'), options: fc.record({ bridge: ifName, vlan: opt(vlanId), isGateway: opt(bool) }, { requiredKeys: ['bridge'] }) }),
    fc.record({ kind: fc.constant('hostDevice'), options: fc.record({ device: ifName }) }),
    fc.record({ kind: fc.constant('vlan'), options: fc.record({ master: ifName, vlanId }) }),
    fc.record({ kind: fc.constant('sriov'), options: fc.record({ resourceName: str(fc.constantFrom('intel.com/sriov_a', 'nvidia.com/mlnx_b')), vlan: opt(vlanId) }, { requiredKeys: ['resourceName'] }) }),
  );
  const ipamRoute = fc.record({ dst: cidr, gw: opt(ip) }, { requiredKeys: ['dst'] });
  const ipam = fc.oneof(
    fc.record({ kind: fc.constant('static'), options: fc.record({ addresses: opt(list(addressWithPrefix, 2)), gateway: opt(ip), routes: opt(list(ipamRoute, 2)) }, { requiredKeys: [] }) }),
    fc.record({ kind: fc.constant('hostLocal'), options: fc.record({ ranges: list(fc.record({ subnet: cidr, rangeStart: opt(ip), rangeEnd: opt(ip), gateway: opt(ip) }, { requiredKeys: ['subnet'] }), 2), routes: opt(list(ipamRoute, 2)) }, { requiredKeys: ['ranges'] }) }),
    fc.record({ kind: fc.constant('whereabouts'), options: fc.record({ range: cidr, exclude: opt(list(cidr, 2)), gateway: opt(ip) }, { requiredKeys: ['range'] }) }),
    fc.record({ kind: fc.constant('dhcp'), options: fc.constant({}) }),
  );
  const networkAttachment: fc.Arbitrary<NetworkAttachmentSpec> = fc.record({
    plugin: cniPlugin,
    ipam: opt(ipam, 4),
    props: fc.record({ name: opt(str(dnsLabel), 3), mtu: opt(num(nearMiss(fc.integer({ min: 1280, max: 9216 }), fc.integer({ min: 0, max: 20000 })))), perPodMac: opt(bool, 3) }, { requiredKeys: [] }),
  }, { requiredKeys: ['plugin', 'props'] });
  const secondaryPeer = fc.record({ cidr, ports: opt(list(port, 2)), protocol: opt(str(fc.constantFrom('TCP', 'UDP', 'SCTP'))) }, { requiredKeys: ['cidr'] });
  const secondaryNetwork = fc.record({
    attachment: fc.integer({ min: 0, max: 1 }),
    interfaceName: opt(ifName, 3),
    ips: rarely(list(addressWithPrefix, 2)),
    mac: rarely(str(nearMiss(fc.constantFrom('02:00:00:00:00:10', '02:AB:cd:00:00:01'), fc.constantFrom('01:00:5e:00:00:01', '00:00:00:00:00:00', '02:00:00:00:00')))),
    allowIngressFrom: opt(list(secondaryPeer, 2)),
    allowEgressTo: opt(list(secondaryPeer, 2)),
  }, { requiredKeys: ['attachment'] });
  const secondaryNetworkScenario: fc.Arbitrary<Scenario> = fc.record({
    charts: fc.tuple(chartNamespace),
    networkAttachments: fc.array(networkAttachment, { minLength: 1, maxLength: 2 }),
    apps: fc.array(fc.record({
      props: fc.tuple(appProps, list(secondaryNetwork, 2)).map(([p, secondaryNetworks]) => ({ ...p, secondaryNetworks })),
      exposure: fc.oneof({ arbitrary: clusterIpExposure as fc.Arbitrary<ExposureSpec>, weight: 8 }, { arbitrary: hostNetworkExposure as fc.Arbitrary<ExposureSpec>, weight: 1 }),
      chart: fc.constant(0),
    }), { minLength: 1, maxLength: 2 }),
  });

  return { str, num, opt, list, strMap, bool, ifName, vlanId, addressWithPrefix, cniPlugin, ipam, networkAttachment, secondaryNetwork, secondaryNetworkScenario, dnsLabel, dnsName, hostName, namespace, chartNamespace, urlPath, ipv4, plausibleIpv4, ipv6, ip, cidr, labelKey, labelValue, labels, image, port, headerName, size, duration, tls, appProps, nginxController, traefikController, kongController, haproxyController, awsAlbController, ingressOptions, canaryOptions, awsProvider, gcpProvider, azureProvider, alibabaProvider, loadBalancerOptions, metalLbSelector, poolAddress, pool, bfd, bgpPeer, l2Ad, bgpAd, advertisement, bareMetalLbProps, metalLbProviderOptions, meshTls, meshGatewayProps, meshOptions, ingressExposure, clusterIpExposure, nodePortExposure, loadBalancerExposure, externalIpsExposure, hostPortExposure, hostNetworkExposure, gatewayOptions, gatewayExposure, singleApp, manyApps, canaryPair, ingressCanaryExposure, gatewayCanaryExposure, meshScenario, cleanMeshScenario, cleanCanaryScenario, metalLbScenario, cleanMetalLbScenario, virtualIpProps, virtualIpScenario, cleanVirtualIpScenario, k8sObject, linterCase };
}

export type Arbitraries = ReturnType<typeof makeArbitraries>;
