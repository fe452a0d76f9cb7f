/**
 * Strict checks for custom resources that have no kubernetes-models package
 * (MetalLB, Traefik, Kong). Each returns a list of problems, empty when valid.
 * Keyed by `apiVersion/kind`; ./schema.ts routes objects here.
 *
 * The MetalLB checks are written from the field lists of the v0.16.1 CRDs
 * (metallb/metallb config/crd/bases/metallb.io_*.yaml, tag v0.16.1): every
 * field, its type, minimum / maximum, enum, required fields and the CEL rules,
 * plus what MetalLB's own config parser refuses (address syntax, durations,
 * communities). Unknown fields are errors: the API server would prune them.
 */
/* eslint-disable no-bitwise */ // address arithmetic on bigint values
export type CrdValidator = (obj: any) => string[];

// ------------------------------------------------------------ a tiny schema language

type Schema =
  | { t: 'string'; pattern?: RegExp; check?: (s: string) => string | undefined; enum?: string[] }
  | { t: 'int'; min?: number; max?: number }
  | { t: 'bool' }
  | { t: 'array'; items: Schema }
  | { t: 'map'; values: Schema }
  | { t: 'object'; props: Record<string, Schema>; required?: string[]; rules?: ((o: any) => string | undefined)[] };

const str = (extra: Omit<Extract<Schema, { t: 'string' }>, 't'> = {}): Schema => ({ t: 'string', ...extra });
const int = (min?: number, max?: number): Schema => ({ t: 'int', min, max });
const bool: Schema = { t: 'bool' };
const arr = (items: Schema): Schema => ({ t: 'array', items });
const map = (values: Schema): Schema => ({ t: 'map', values });
const obj = (props: Record<string, Schema>, required: string[] = [], rules: ((o: any) => string | undefined)[] = []): Schema => ({ t: 'object', props, required, rules });

function check(schema: Schema, v: any, path: string, out: string[]): void {
  const where = path || '(root)';
  switch (schema.t) {
    case 'string':
      if (typeof v !== 'string') return void out.push(`${where}: must be a string, got ${JSON.stringify(v)}`);
      if (schema.enum && !schema.enum.includes(v)) out.push(`${where}: ${JSON.stringify(v)} is not one of ${schema.enum.join(', ')}`);
      if (schema.pattern && !schema.pattern.test(v)) out.push(`${where}: ${JSON.stringify(v)} does not match ${schema.pattern}`);
      if (schema.check) {
        const e = schema.check(v);
        if (e) out.push(`${where}: ${e}`);
      }
      return;
    case 'int':
      if (typeof v !== 'number' || !Number.isInteger(v)) return void out.push(`${where}: must be an integer, got ${JSON.stringify(v)}`);
      if (schema.min !== undefined && v < schema.min) out.push(`${where}: ${v} is below the minimum ${schema.min}`);
      if (schema.max !== undefined && v > schema.max) out.push(`${where}: ${v} is above the maximum ${schema.max}`);
      return;
    case 'bool':
      if (typeof v !== 'boolean') out.push(`${where}: must be a boolean, got ${JSON.stringify(v)}`);
      return;
    case 'array':
      if (!Array.isArray(v)) return void out.push(`${where}: must be an array`);
      v.forEach((x, i) => check(schema.items, x, `${path}[${i}]`, out));
      return;
    case 'map':
      if (v === null || typeof v !== 'object' || Array.isArray(v)) return void out.push(`${where}: must be an object`);
      for (const [k, x] of Object.entries(v)) check(schema.values, x, `${path}.${k}`, out);
      return;
    case 'object':
      if (v === null || typeof v !== 'object' || Array.isArray(v)) return void out.push(`${where}: must be an object`);
      for (const k of schema.required ?? []) if (v[k] === undefined) out.push(`${where}: missing required field ${k}`);
      for (const [k, x] of Object.entries(v)) {
        const p = path ? `${path}.${k}` : k;
        const s = schema.props[k];
        if (!s) out.push(`unknown field ${p}`);
        else check(s, x, p, out);
      }
      for (const rule of schema.rules ?? []) {
        const e = rule(v);
        if (e) out.push(`${where}: ${e}`);
      }
      return;
  }
}

// ------------------------------------------------------------ shared pieces

const DNS_SUBDOMAIN = /^(?=.{1,253}$)[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const DNS_LABEL = /^(?=.{1,63}$)[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;

const metadata = obj({
  name: str({ pattern: DNS_SUBDOMAIN }),
  namespace: str({ pattern: DNS_LABEL }),
  labels: map(str()),
  annotations: map(str()),
}, ['name', 'namespace']);

const labelSelector = obj({
  matchLabels: map(str()),
  matchExpressions: arr(obj({
    key: str(),
    operator: str({ enum: ['In', 'NotIn', 'Exists', 'DoesNotExist'] }),
    values: arr(str()),
  }, ['key', 'operator'], [
    (e) => (['In', 'NotIn'].includes(e.operator) && !(e.values?.length > 0) ? `operator ${e.operator} needs values` : undefined),
    (e) => (['Exists', 'DoesNotExist'].includes(e.operator) && e.values?.length > 0 ? `operator ${e.operator} takes no values` : undefined),
  ])),
});

/** Go time.ParseDuration syntax (metav1.Duration). */
const GO_DURATION = /^([0-9]+(\.[0-9]+)?(ns|us|µs|ms|s|m|h))+$/;
function durationSeconds(s: string): number {
  const unit: Record<string, number> = { ns: 1e-9, us: 1e-6, µs: 1e-6, ms: 1e-3, s: 1, m: 60, h: 3600 };
  let total = 0;
  for (const m of s.matchAll(/([0-9]+(?:\.[0-9]+)?)(ns|us|µs|ms|s|m|h)/g)) total += Number(m[1]) * unit[m[2]];
  return total;
}

function ipValue(s: string): { v: number; n: bigint } | undefined {
  if (/^(25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])(\.(25[0-5]|2[0-4][0-9]|1[0-9]{2}|[1-9]?[0-9])){3}$/.test(s)) {
    return { v: 4, n: s.split('.').reduce((a, o) => (a << 8n) + BigInt(o), 0n) };
  }
  // Go's net.ParseIP takes an IPv6 address ending in a dotted IPv4 quad (::ffff:192.0.2.1)
  const tail = /^(.*:)([0-9.]+)$/.exec(s);
  if (tail && tail[2].includes('.')) {
    const v4 = ipValue(tail[2]);
    if (!v4 || v4.v !== 4) return undefined;
    return ipValue(`${tail[1]}${(v4.n >> 16n).toString(16)}:${(v4.n & 0xffffn).toString(16)}`);
  }
  if (!/^[0-9a-fA-F:]+$/.test(s) || !s.includes(':')) return undefined;
  const halves = s.split('::');
  if (halves.length > 2) return undefined;
  const l = halves[0] ? halves[0].split(':') : [];
  const r = halves.length === 2 && halves[1] ? halves[1].split(':') : [];
  const groups = halves.length === 2 ? [...l, ...Array(8 - l.length - r.length).fill('0'), ...r] : l;
  if (groups.length !== 8 || !groups.every((g) => /^[0-9a-fA-F]{1,4}$/.test(g))) return undefined;
  return { v: 6, n: groups.reduce((a, g) => (a << 16n) + BigInt(parseInt(g, 16)), 0n) };
}

/** What MetalLB's ParseCIDR accepts: a CIDR block or `start-end` of one family, start <= end. */
function metallbAddress(s: string): string | undefined {
  if (s.includes('-')) {
    const [a, b, ...rest] = s.split('-');
    const x = ipValue(a?.trim() ?? '');
    const y = ipValue(b?.trim() ?? '');
    if (rest.length || !x || !y) return `${JSON.stringify(s)} is not a valid range`;
    if (x.v !== y.v) return `${JSON.stringify(s)} mixes address families`;
    if (x.n > y.n) return `${JSON.stringify(s)}: start is after end`;
    return undefined;
  }
  const m = /^([^/]+)\/([0-9]{1,3})$/.exec(s);
  const ip = m && ipValue(m[1]);
  if (!m || !ip || Number(m[2]) > (ip.v === 4 ? 32 : 128)) return `${JSON.stringify(s)} is not a CIDR block or range`;
  return undefined;
}

const ipString = str({ check: (s) => (ipValue(s) ? undefined : `${JSON.stringify(s)} is not an IP address`) });
const u16 = '(0|[1-9][0-9]{0,4})';
const u32 = '(0|[1-9][0-9]{0,9})';
const COMMUNITY = new RegExp(`^(${u16}:${u16}|large:${u32}:${u32}:${u32})$`);

// ------------------------------------------------------------ MetalLB v0.16.1

const ipAddressPoolSpec = obj({
  addresses: arr(str({ check: metallbAddress })),
  autoAssign: bool,
  avoidBuggyIPs: bool,
  serviceAllocation: obj({
    priority: int(-2147483648, 2147483647),
    namespaces: arr(str({ pattern: DNS_LABEL })),
    namespaceSelectors: arr(labelSelector),
    serviceSelectors: arr(labelSelector),
  }),
}, ['addresses'], [(s) => (Array.isArray(s.addresses) && s.addresses.length === 0 ? 'addresses must not be empty' : undefined)]);

const l2AdvertisementSpec = obj({
  ipAddressPools: arr(str()),
  ipAddressPoolSelectors: arr(labelSelector),
  nodeSelectors: arr(labelSelector),
  interfaces: arr(str()),
  serviceSelectors: arr(labelSelector),
});

const bgpAdvertisementSpec = obj({
  aggregationLength: int(1, 2147483647),
  aggregationLengthV6: int(-2147483648, 2147483647),
  communities: arr(str({ pattern: COMMUNITY })),
  ipAddressPools: arr(str()),
  ipAddressPoolSelectors: arr(labelSelector),
  localPref: int(-2147483648, 2147483647),
  nodeSelectors: arr(labelSelector),
  peers: arr(str()),
  serviceSelectors: arr(labelSelector),
}, [], [
  // CEL rule of the CRD
  (s) => (s.serviceSelectors?.length > 0 && ((s.aggregationLength ?? 32) !== 32 || (s.aggregationLengthV6 ?? 128) !== 128)
    ? 'serviceSelectors and aggregationLength are mutually exclusive' : undefined),
  // MetalLB config parser
  (s) => ((s.aggregationLength ?? 32) > 32 ? `invalid aggregation length ${s.aggregationLength} for IPv4` : undefined),
  (s) => ((s.aggregationLengthV6 ?? 128) > 128 ? `invalid aggregation length ${s.aggregationLengthV6} for IPv6` : undefined),
]);

const duration = str({ check: (s) => (GO_DURATION.test(s) ? undefined : `${JSON.stringify(s)} is not a duration`) });

const bgpPeerV1beta2Spec = obj({
  bfdProfile: str(),
  connectTime: str({
    check: (s) => {
      if (!GO_DURATION.test(s)) return `${JSON.stringify(s)} is not a duration`;
      const sec = durationSeconds(s);
      if (sec < 1 || sec > 65535) return 'connect time should be between 1 seconds to 65535';
      if (!Number.isInteger(sec)) return 'connect time should contain a whole number of seconds';
      return undefined;
    },
  }),
  disableMP: bool,
  dualStackAddressFamily: bool,
  dynamicASN: str({ enum: ['internal', 'external'] }),
  ebgpMultiHop: bool,
  enableGracefulRestart: bool,
  holdTime: duration,
  interface: str(),
  keepaliveTime: duration,
  localASN: int(1, 4294967295),
  myASN: int(0, 4294967295),
  nodeSelectors: arr(labelSelector),
  password: str(),
  passwordSecret: obj({ name: str(), namespace: str() }),
  peerASN: int(0, 4294967295),
  peerAddress: ipString,
  peerPort: int(1, 16384),
  routerID: ipString,
  sourceAddress: ipString,
  vrf: str(),
}, ['myASN'], [
  // MetalLB config parser (peerFromCR / parseTimers)
  (s) => (!s.myASN ? 'missing local ASN' : undefined),
  (s) => (!s.peerASN && !s.dynamicASN ? 'missing peer ASN and dynamicASN' : undefined),
  (s) => (s.peerASN && s.dynamicASN ? 'both peer ASN and dynamicASN specified' : undefined),
  (s) => (s.peerASN === s.myASN && s.ebgpMultiHop ? 'invalid ebgp-multihop parameter set for an ibgp peer' : undefined),
  (s) => (!s.peerAddress && !s.interface ? 'peer has no Address or Interface specified' : undefined),
  (s) => (s.peerAddress && s.interface ? 'peer has both Address and Interface specified' : undefined),
  (s) => (s.password && s.passwordSecret?.name ? 'can not have both password and secret ref set' : undefined),
  (s) => {
    if (s.holdTime === undefined && s.keepaliveTime === undefined) return undefined;
    if (![s.holdTime, s.keepaliveTime].every((d) => d === undefined || GO_DURATION.test(d))) return undefined;
    const hold = s.holdTime !== undefined ? durationSeconds(s.holdTime) : durationSeconds(s.keepaliveTime) * 3;
    const ka = s.keepaliveTime !== undefined ? durationSeconds(s.keepaliveTime) : hold / 3;
    if (Math.trunc(hold) !== 0 && Math.trunc(hold) < 3) return `invalid hold time ${s.holdTime}: must be 0 or >=3s`;
    if (ka > hold) return `invalid keepaliveTime ${s.keepaliveTime}, must be lower than holdTime ${s.holdTime}`;
    return undefined;
  },
]);

const bfdProfileSpec = obj({
  detectMultiplier: int(2, 255),
  echoInterval: int(10, 60000),
  echoMode: bool,
  minimumTtl: int(1, 254),
  passiveMode: bool,
  receiveInterval: int(10, 60000),
  transmitInterval: int(10, 60000),
});

const communitySpec = obj({
  communities: arr(obj({ name: str(), value: str({ pattern: COMMUNITY }) })),
});

function kindValidator(apiVersion: string, kind: string, spec: Schema, specRequired: boolean): CrdValidator {
  const top = obj({ apiVersion: str({ enum: [apiVersion] }), kind: str({ enum: [kind] }), metadata, spec }, specRequired ? ['apiVersion', 'kind', 'metadata', 'spec'] : ['apiVersion', 'kind', 'metadata']);
  return (o) => {
    const out: string[] = [];
    check(top, o, '', out);
    return out;
  };
}

/**
 * Traefik v3 Middleware (traefik.io/v1alpha1), the parts this library emits,
 * from Traefik's reference docs (dynamic-configuration/traefik.io_middlewares.yaml).
 */
const ipStrategy = obj({ depth: int(0), excludedIPs: arr(str()) });
const traefikMiddlewareSpec = obj({
  redirectScheme: obj({ scheme: str(), permanent: bool, port: str() }, ['scheme']),
  /* eslint-disable @stylistic/max-len */
  rateLimit: obj({ average: int(0), period: str({ pattern: GO_DURATION }), burst: int(0), sourceCriterion: obj({ ipStrategy, requestHeaderName: str(), requestHost: bool }) }),
  ipAllowList: obj({ sourceRange: arr(str()), ipStrategy, rejectStatusCode: int(100, 599) }),
  buffering: obj({ maxRequestBodyBytes: int(0), memRequestBodyBytes: int(0), maxResponseBodyBytes: int(0), memResponseBodyBytes: int(0), retryExpression: str() }),
  // headers (traefik-v3.7.11 traefik.io_middlewares.yaml spec.headers): the fields this library emits
  headers: obj({ customRequestHeaders: map(str()), customResponseHeaders: map(str()), stsSeconds: int(), stsIncludeSubdomains: bool, stsPreload: bool, forceSTSHeader: bool, contentTypeNosniff: bool, frameDeny: bool, customFrameOptionsValue: str(), referrerPolicy: str(), contentSecurityPolicy: str() }),
});

/**
 * Traefik v3 ServersTransport (traefik.io/v1alpha1), the parts this library emits
 * (traefik-v3.7.11 traefik.io_serverstransports.yaml: serverName, rootCAs items
 * { configMap | secret } with the CEL rule "RootCA cannot have both Secret and ConfigMap defined").
 */
const traefikServersTransportSpec = obj({
  serverName: str(),
  insecureSkipVerify: bool,
  rootCAs: arr(obj({ configMap: str(), secret: str() }, [], [(r) => (r.configMap !== undefined && r.secret !== undefined ? 'RootCA cannot have both Secret and ConfigMap defined' : undefined)])),
});

const CRD_VALIDATORS_EXTRA: Record<string, CrdValidator> = {
  'traefik.io/v1alpha1/ServersTransport': kindValidator('traefik.io/v1alpha1', 'ServersTransport', traefikServersTransportSpec, true),
};

/**
 * Multus NetworkAttachmentDefinition (k8s.cni.cncf.io/v1, multus-cni v4.3.0
 * deployments/multus-daemonset.yml: spec.config is a string). The CRD does
 * not look inside the string; the CNI plugins do, so the check parses it and
 * refuses what the reference plugins would: unknown plugins and fields
 * (containernetworking/plugins plugins/main/* and plugins/ipam/* READMEs,
 * whereabouts README, sriov-cni docs/configuration-reference.md), bad enums,
 * and capabilities no plugin in the list honours.
 */
const CNI_VERSIONS = ['0.3.0', '0.3.1', '0.4.0', '1.0.0', '1.1.0'];
const cidr = str({ check: (s) => (metallbAddress(s) === undefined && s.includes('/') ? undefined : `${JSON.stringify(s)} is not a CIDR`) });
const ipWithPrefix = str({
  check: (s) => {
    const m = /^([^/]+)\/([0-9]{1,3})$/.exec(s);
    return m && ipValue(m[1]) && Number(m[2]) <= (ipValue(m[1])!.v === 4 ? 32 : 128) ? undefined : `${JSON.stringify(s)} is not an address with prefix length`;
  },
});
const ifName = str({ check: (s) => (s.length >= 1 && s.length <= 15 && s !== '.' && s !== '..' && !/[/:\s]/.test(s) ? undefined : `${JSON.stringify(s)} is not a Linux interface name`) });
const route = obj({ dst: cidr, gw: ipString }, ['dst']);
const capabilities = obj({ ips: bool, mac: bool, bandwidth: bool, portMappings: bool });
const CNI_IPAM: Record<string, Schema> = {
  'static': obj({ type: str(), addresses: arr(obj({ address: ipWithPrefix, gateway: ipString }, ['address'])), routes: arr(route), dns: obj({ nameservers: arr(ipString), domain: str(), search: arr(str()) }) }, ['type']),
  'host-local': obj({ type: str(), ranges: arr(arr(obj({ subnet: cidr, rangeStart: ipString, rangeEnd: ipString, gateway: ipString }, ['subnet']))), routes: arr(route), dataDir: str(), resolvConf: str() }, ['type', 'ranges']),
  'whereabouts': obj({ type: str(), range: cidr, range_start: ipString, range_end: ipString, exclude: arr(cidr), gateway: ipString, routes: arr(route), network_name: str(), enable_overlapping_ranges: bool, log_file: str(), log_level: str() }, ['type', 'range']),
  'dhcp': obj({ type: str(), daemonSocketPath: str(), request: arr(obj({ option: str(), skipDefault: bool })), provide: arr(obj({ option: str(), value: str(), fromArg: str() })) }, ['type']),
};
const CNI_PLUGINS: Record<string, Record<string, Schema>> = {
  'macvlan': { master: ifName, mode: str({ enum: ['bridge', 'private', 'vepa', 'passthru'] }), mtu: int(0, 65535), linkInContainer: bool },
  'ipvlan': { master: ifName, mode: str({ enum: ['l2', 'l3', 'l3s'] }), mtu: int(0, 65535), linkInContainer: bool },
  'bridge': { bridge: ifName, isGateway: bool, isDefaultGateway: bool, forceAddress: bool, ipMasq: bool, mtu: int(0, 65535), hairpinMode: bool, promiscMode: bool, vlan: int(0, 4094), preserveDefaultVlan: bool, macspoofchk: bool, enabledad: bool },
  'host-device': { device: ifName, hwaddr: str(), kernelpath: str(), pciBusID: str() },
  'vlan': { master: ifName, vlanId: int(0, 4094), mtu: int(0, 65535), linkInContainer: bool },
  'sriov': { deviceID: str(), vlan: int(0, 4094), vlanQoS: int(0, 7), mac: str(), spoofchk: str({ enum: ['on', 'off'] }), trust: str({ enum: ['on', 'off'] }), link_state: str({ enum: ['auto', 'enable', 'disable'] }), min_tx_rate: int(0), max_tx_rate: int(0) },
  'tuning': { mac: str(), mtu: int(0, 65535), promisc: bool, allmulti: bool, sysctl: map(str()) },
};
/** capabilities each plugin honours (its README's "capabilities" / runtimeConfig) */
const CNI_CAPABILITIES: Record<string, string[]> = { 'tuning': ['mac'], 'sriov': ['mac', 'ips'], 'macvlan': ['ips'], 'ipvlan': ['ips'], 'bridge': ['ips', 'mac'], 'vlan': ['ips'], 'host-device': ['ips'] };

function cniConfigErrors(config: string): string[] {
  let c: any;
  try {
    c = JSON.parse(config);
  } catch (e) {
    return [`spec.config: not JSON: ${(e as Error).message}`];
  }
  const out: string[] = [];
  // the plugins are checked one by one below
  check(obj({ cniVersion: str({ enum: CNI_VERSIONS }), name: str(), plugins: arr(bool) }, ['cniVersion', 'name', 'plugins']), { ...c, plugins: [] }, 'spec.config', out);
  if (!Array.isArray(c.plugins) || c.plugins.length === 0) return [...out, 'spec.config.plugins: at least one plugin is required'];
  c.plugins.forEach((pl: any, i: number) => {
    const where = `spec.config.plugins[${i}]`;
    const fields = CNI_PLUGINS[pl?.type];
    if (!fields) return void out.push(`${where}.type: unknown CNI plugin ${JSON.stringify(pl?.type)}`);
    const ipamType = pl.ipam?.type;
    const ipamSchema: Schema = pl.ipam === undefined || (typeof pl.ipam === 'object' && Object.keys(pl.ipam).length === 0) ? obj({}) : (CNI_IPAM[ipamType] ?? obj({ type: str({ enum: Object.keys(CNI_IPAM) }) }));
    const required = ['type', ...(['macvlan', 'ipvlan', 'vlan'].includes(pl.type) && i === 0 ? ['master'] : []), ...(pl.type === 'vlan' ? ['vlanId'] : []), ...(pl.type === 'host-device' ? ['device'] : [])];
    const main: Record<string, Schema> = pl.type === 'tuning' ? {} : { ipam: ipamSchema };
    check(obj({ type: str(), capabilities, ...main, ...fields }, required), pl, where, out);
    if (i === 0 && pl.type !== 'sriov' && pl.ipam === undefined) out.push(`${where}.ipam: required (an empty object for no address)`);
    if (i > 0 && pl.ipam !== undefined) out.push(`${where}.ipam: only the first plugin of a list assigns addresses`);
    for (const [cap, on] of Object.entries(pl.capabilities ?? {})) {
      if (on && !(CNI_CAPABILITIES[pl.type] ?? []).includes(cap)) out.push(`${where}.capabilities.${cap}: ${pl.type} does not honour it`);
      if (on && cap === 'ips' && ipamType !== 'static') out.push(`${where}.capabilities.ips: needs static IPAM (only it reads the ips runtime config)`);
    }
  });
  return out;
}

const multusMetadata = obj({ name: str({ pattern: DNS_SUBDOMAIN }), namespace: str({ pattern: DNS_LABEL }), labels: map(str()), annotations: map(str()) }, ['name']);
CRD_VALIDATORS_EXTRA['k8s.cni.cncf.io/v1/NetworkAttachmentDefinition'] = (o) => {
  const out: string[] = [];
  check(obj({ apiVersion: str({ enum: ['k8s.cni.cncf.io/v1'] }), kind: str({ enum: ['NetworkAttachmentDefinition'] }), metadata: multusMetadata, spec: obj({ config: str() }) }, ['apiVersion', 'kind', 'metadata']), o, '', out);
  if (typeof o?.spec?.config === 'string') out.push(...cniConfigErrors(o.spec.config));
  return out;
};

/** MultiNetworkPolicy v1beta1 (k8snetworkplumbingwg/multi-networkpolicy scheme.yml): NetworkPolicy's fields, without endPort. */
const mnpPeer = obj({ ipBlock: obj({ cidr, except: arr(cidr) }, ['cidr']), namespaceSelector: labelSelector, podSelector: labelSelector });
const mnpPort = obj({ port: { t: 'int', min: 1, max: 65535 }, protocol: str({ enum: ['TCP', 'UDP', 'SCTP'] }) });
CRD_VALIDATORS_EXTRA['k8s.cni.cncf.io/v1beta1/MultiNetworkPolicy'] = (o) => {
  const out: string[] = [];
  check(obj({
    apiVersion: str({ enum: ['k8s.cni.cncf.io/v1beta1'] }),
    kind: str({ enum: ['MultiNetworkPolicy'] }),
    metadata: multusMetadata,
    spec: obj({
      podSelector: labelSelector,
      policyTypes: arr(str({ enum: ['Ingress', 'Egress'] })),
      ingress: arr(obj({ from: arr(mnpPeer), ports: arr(mnpPort) })),
      egress: arr(obj({ to: arr(mnpPeer), ports: arr(mnpPort) })),
    }, ['podSelector']),
  }, ['apiVersion', 'kind', 'metadata', 'spec']), o, '', out);
  // multi-networkpolicy-iptables applies a policy only to the networks its policy-for annotation names
  const pf = o?.metadata?.annotations?.['k8s.v1.cni.cncf.io/policy-for'];
  if (typeof pf !== 'string' || pf.trim() === '') out.push('metadata.annotations: k8s.v1.cni.cncf.io/policy-for is required (without it no engine applies the policy)');
  return out;
};

/**
 * Gateway API TCPRoute v1 (kubernetes-sigs/gateway-api config/crd/standard/
 * gateway.networking.k8s.io_tcproutes.yaml, tag v1.6.1): @kubernetes-models/gateway-api
 * 2.0.0 has TCPRoute only as v1alpha2, so v1 is checked here from the CRD's field list
 * (patterns, bounds, required fields, and the CEL rule "Must have port for Service reference").
 */
const GW_NAME = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const GW_GROUP = /^$|^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const GW_KIND = /^[a-zA-Z]([-a-zA-Z0-9]*[a-zA-Z0-9])?$/;
const gwParentRef = obj({
  group: str({ pattern: GW_GROUP }),
  kind: str({ pattern: GW_KIND }),
  name: str({ check: (v) => (v.length >= 1 && v.length <= 253 ? undefined : 'length must be 1-253') }),
  namespace: str({ pattern: DNS_LABEL }),
  port: int(1, 65535),
  sectionName: str({ pattern: GW_NAME }),
}, ['name']);
const gwBackendRef = obj({
  group: str({ pattern: GW_GROUP }),
  kind: str({ pattern: GW_KIND }),
  name: str({ check: (v) => (v.length >= 1 && v.length <= 253 ? undefined : 'length must be 1-253') }),
  namespace: str({ pattern: DNS_LABEL }),
  port: int(1, 65535),
  weight: int(0, 1000000),
}, ['name'], [(b) => ((b.group ?? '') === '' && (b.kind ?? 'Service') === 'Service' && b.port === undefined ? 'Must have port for Service reference' : undefined)]);
const gwStreamRule = obj({ name: str({ pattern: GW_NAME }), backendRefs: arr(gwBackendRef) }, ['backendRefs'], [
  (r) => (Array.isArray(r.backendRefs) && (r.backendRefs.length < 1 || r.backendRefs.length > 16) ? 'backendRefs must have 1-16 items' : undefined),
]);
/** TCPRoute and UDPRoute v1 share their schema (config/crd/standard, tag v1.6.1: rules maxItems 1, backendRefs 1-16). */
function streamRouteValidator(kind: string): CrdValidator {
  return (o) => {
    const out: string[] = [];
    check(obj({
      apiVersion: str({ enum: ['gateway.networking.k8s.io/v1'] }),
      kind: str({ enum: [kind] }),
      metadata: multusMetadata,
      spec: obj({ parentRefs: arr(gwParentRef), rules: arr(gwStreamRule) }, ['rules'], [
        (sp) => (Array.isArray(sp.rules) && sp.rules.length !== 1 ? 'rules must have exactly 1 item' : undefined),
        (sp) => (Array.isArray(sp.parentRefs) && sp.parentRefs.length > 32 ? 'parentRefs must have at most 32 items' : undefined),
      ]),
    }, ['apiVersion', 'kind', 'metadata', 'spec']), o, '', out);
    return out;
  };
}
CRD_VALIDATORS_EXTRA['gateway.networking.k8s.io/v1/TCPRoute'] = streamRouteValidator('TCPRoute');
/** UDPRoute v1 (gateway.networking.k8s.io_udproutes.yaml, tag v1.6.1; the models package has v1alpha2 only). */
CRD_VALIDATORS_EXTRA['gateway.networking.k8s.io/v1/UDPRoute'] = streamRouteValidator('UDPRoute');

export const CRD_VALIDATORS: Record<string, CrdValidator> = {
  'metallb.io/v1beta1/IPAddressPool': kindValidator('metallb.io/v1beta1', 'IPAddressPool', ipAddressPoolSpec, true),
  'metallb.io/v1beta1/L2Advertisement': kindValidator('metallb.io/v1beta1', 'L2Advertisement', l2AdvertisementSpec, false),
  'metallb.io/v1beta1/BGPAdvertisement': kindValidator('metallb.io/v1beta1', 'BGPAdvertisement', bgpAdvertisementSpec, false),
  'metallb.io/v1beta2/BGPPeer': kindValidator('metallb.io/v1beta2', 'BGPPeer', bgpPeerV1beta2Spec, false),
  'metallb.io/v1beta1/BFDProfile': kindValidator('metallb.io/v1beta1', 'BFDProfile', bfdProfileSpec, false),
  'metallb.io/v1beta1/Community': kindValidator('metallb.io/v1beta1', 'Community', communitySpec, false),
  'traefik.io/v1alpha1/Middleware': kindValidator('traefik.io/v1alpha1', 'Middleware', traefikMiddlewareSpec, true),
  ...CRD_VALIDATORS_EXTRA,
};


/* eslint-disable @stylistic/max-len */
const KONG_PLUGIN_FIELDS = ['apiVersion', 'kind', 'metadata', 'plugin', 'config', 'configFrom', 'configPatches', 'consumerRef', 'disabled', 'instance_name', 'ordering', 'protocols'];
const KONG_PROTOCOLS = ['http', 'https', 'grpc', 'grpcs', 'tcp', 'tls', 'tls_passthrough', 'udp', 'ws', 'wss'];
const KONG_PLUGIN_CONFIG: Record<string, (c: any) => string[]> = {
  'rate-limiting': (c) => {
    const errs = unknownKeys(c, ['second', 'minute', 'hour', 'day', 'month', 'year', 'limit_by', 'header_name', 'path', 'policy', 'fault_tolerant', 'hide_client_headers',
      'error_code', 'error_message', 'sync_rate', 'redis'], 'config');
    const windows = ['second', 'minute', 'hour', 'day', 'month', 'year'].filter((w) => c[w] !== undefined);
    if (windows.length === 0) errs.push('config: at least one of second/minute/hour/day/month/year is required');
    for (const w of windows) if (!(Number.isInteger(c[w]) && c[w] > 0)) errs.push(`config.${w}: must be a positive integer`);
    if (c.policy !== undefined && !['local', 'cluster', 'redis'].includes(c.policy)) errs.push(`config.policy: ${c.policy} is not local|cluster|redis`);
    if (c.limit_by !== undefined && !['consumer', 'credential', 'ip', 'service', 'header', 'path', 'consumer-group'].includes(c.limit_by)) errs.push(`config.limit_by: ${c.limit_by}`);
    return errs;
  },
  'ip-restriction': (c) => {
    const errs = unknownKeys(c, ['allow', 'deny', 'status', 'message'], 'config');
    if (!Array.isArray(c.allow) && !Array.isArray(c.deny)) errs.push('config: allow or deny is required');
    for (const ip of [...(c.allow ?? []), ...(c.deny ?? [])]) if (typeof ip !== 'string' || ip === '') errs.push(`config.allow/deny: ${JSON.stringify(ip)} is not an IP or CIDR`);
    return errs;
  },
  // request-transformer / response-transformer schemas (Kong kong/plugins/*-transformer/schema.lua): lists of
  // header names (remove) or name:value pairs (replace, add, append)
  'request-transformer': (c) => transformerErrors(c, ['http_method', 'remove', 'rename', 'replace', 'add', 'append'], ['headers', 'querystring', 'body', 'uri']),
  'response-transformer': (c) => transformerErrors(c, ['remove', 'rename', 'replace', 'add', 'append'], ['headers', 'json', 'json_types']),
  'request-size-limiting': (c) => {
    const errs = unknownKeys(c, ['allowed_payload_size', 'size_unit', 'require_content_length'], 'config');
    if (!(Number.isInteger(c.allowed_payload_size) && c.allowed_payload_size > 0)) errs.push('config.allowed_payload_size: must be a positive integer');
    if (c.size_unit !== undefined && !['bytes', 'kilobytes', 'megabytes'].includes(c.size_unit)) errs.push(`config.size_unit: ${c.size_unit} is not bytes|kilobytes|megabytes`);
    return errs;
  },
};

function transformerErrors(c: any, top: string[], inner: string[]): string[] {
  const errs = unknownKeys(c, top, 'config');
  for (const k of ['remove', 'rename', 'replace', 'add', 'append']) {
    if (c?.[k] === undefined) continue;
    errs.push(...unknownKeys(c[k], inner, `config.${k}`));
    const headers = c[k].headers;
    if (headers === undefined) continue;
    if (!Array.isArray(headers) || headers.some((h: any) => typeof h !== 'string' || h === '')) {
      errs.push(`config.${k}.headers: must be a list of strings`);
    } else if (k !== 'remove' && headers.some((h: string) => !/^[^:]+:.+$/.test(h))) {
      errs.push(`config.${k}.headers: entries must be name:value`);
    }
  }
  return errs;
}

function unknownKeys(value: any, allowed: string[], where: string): string[] {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return [`${where}: must be an object`];
  return Object.keys(value).filter((k) => !allowed.includes(k)).map((k) => `${where}.${k}: unknown field`);
}

/** KongPlugin (configuration.konghq.com/v1): top-level plugin/config, no spec. */
CRD_VALIDATORS['configuration.konghq.com/v1/KongPlugin'] = (o) => {
  const errs = unknownKeys(o, KONG_PLUGIN_FIELDS, '');
  errs.push(...unknownKeys(o.metadata, ['name', 'namespace', 'labels', 'annotations'], 'metadata'));
  if (typeof o.plugin !== 'string' || o.plugin === '') errs.push('plugin: required string');
  if (o.config !== undefined && o.configFrom !== undefined) errs.push('config and configFrom are mutually exclusive');
  if (o.protocols !== undefined && (!Array.isArray(o.protocols) || o.protocols.some((p: any) => !KONG_PROTOCOLS.includes(p)))) errs.push('protocols: unknown protocol');
  const checkConfig = KONG_PLUGIN_CONFIG[o.plugin];
  if (o.config !== undefined) errs.push(...(checkConfig ? checkConfig(o.config) : unknownKeys(o.config, Object.keys(o.config ?? {}), 'config')));
  return errs;
};
