/**
 * The fuzz properties, shared by `npm run fuzz` (fuzz/run.ts) and
 * `test/fuzz.test.ts`. Each property builds a random scenario (fuzz/arbitraries.ts)
 * and checks the oracle:
 *
 * - EITHER construction succeeds, and every synthesized object passes the
 *   upstream schema (test/util/schema.ts), object names are unique per
 *   kind and namespace, labels and annotations are what the API server
 *   accepts, and pods pass Pod Security "restricted" (hostPort / hostNetwork
 *   apps: restricted except the hostPort / hostNetwork they opted in to),
 *   and traffic flows: the emitted NetworkPolicies admit each source that
 *   really carries an app's traffic (test/util/reachability.ts), refuse a
 *   pod of an unrelated namespace, and let the app reach DNS;
 * - OR it throws the library's own ExposeError, whose message has the
 *   `<Class> '<path>': <prop>=<value>: ...` format, names a prop of the
 *   failing construct, and the construct that threw has no children
 *   (validation runs before anything is created).
 *
 * Anything else (a TypeError, an Error from cdk8s, a synth failure, an
 * invalid manifest) is a bug.
 */
import { ApiObject, App, Chart, Duration, JsonPatch, Size, Testing } from 'cdk8s';
import { IConstruct } from 'constructs';
import fc from 'fast-check';
import * as A from './arbitraries';
import type { AppSpec, ExposureSpec, Scenario } from './arbitraries';
import {
  Advertisement, BareMetalLB, ExposeErrors, Exposure, ExposureLinter, IngressController, LintEdgeInstall, LoadBalancerProvider,
  MeshCanary, MeshGateway, MeshTls, NetworkPolicyEvaluator, PortAccess, PublicWebApp, Tls, CniPlugin, Ipam, NetworkAttachment, VirtualIp, VirtualIpManager,
  WorkloadExposure,
} from '../src';
import { kplus } from '../src/internal/plus.generated';
import { isLabelKey, isLabelValue } from '../src/internal/validation';
import { podSecurityViolations, podSpecOf } from '../src/internal/pod-security';
import { reachabilityProblems } from '../test/util/reachability';
import { STRUCT_KEYS } from '../src/internal/struct-keys.generated';
import { schemaErrors } from '../test/util/schema';

process.env.CDK8S_EXPOSE_QUIET = '1';

// ------------------------------------------------------------------ building

/** What building a scenario produced. */
export interface Built {
  readonly app: App;
  readonly charts: Chart[];
  /** names of workloads whose pods opted in to hostPort / hostNetwork */
  readonly privileged: Set<string>;
  /** names of VirtualIp manager DaemonSets (hostNetwork, NET_ADMIN, NET_RAW, root: acknowledged) */
  readonly vipManagers: Set<string>;
  /** path of the construct whose constructor was running when building stopped */
  constructing?: string;
}

const size = (s: A.SizeSpec): Size => (Size as any)[s.unit](s.amount);
const duration = (d: A.DurationSpec | undefined): Duration | undefined => (d === undefined ? undefined : (Duration as any)[d.unit](d.amount));

function tlsOf(t: A.TlsSpec | undefined): Tls | undefined {
  if (!t) return undefined;
  return t.kind === 'fromSecret' ? Tls.fromSecret(t.secretName) : Tls.certManager(t.options);
}

function controllerOf(c: A.ControllerSpec | undefined): IngressController | undefined {
  if (!c) return undefined;
  switch (c.kind) {
    case 'nginx': return IngressController.nginx(c.options);
    case 'traefik': return IngressController.traefik(c.options);
    case 'kong': return IngressController.kong(c.options);
    case 'haproxy': return IngressController.haproxy(c.options);
    case 'awsAlb': return IngressController.awsAlb(c.options);
  }
}

function advertisementOf(a: A.AdvertisementSpec, b: Built, chart: Chart, lbNamespace: string): Advertisement {
  if (a.kind === 'combine') return Advertisement.combine(...a.parts.map((p) => advertisementOf(p, b, chart, lbNamespace)));
  if (a.kind === 'l2') return Advertisement.l2(a.options);
  return Advertisement.bgp({
    ...a.options,
    peers: a.options.peers.map((p: any) => ({
      ...p,
      holdTime: duration(p.holdTime),
      keepaliveTime: duration(p.keepaliveTime),
      connectTime: duration(p.connectTime),
      bfd: p.bfd === undefined ? undefined : {
        ...p.bfd, receiveInterval: duration(p.bfd.receiveInterval), transmitInterval: duration(p.bfd.transmitInterval), echoInterval: duration(p.bfd.echoInterval),
      },
      passwordSecret: p.passwordSecret === undefined ? undefined : secretOf(p.passwordSecret, chart, lbNamespace),
    })),
  });
}

let secretCounter = 0;
function secretOf(s: { name: string; kind: string; otherNamespace: boolean }, chart: Chart, lbNamespace: string): kplus.ISecret {
  const id = `BgpSecret${secretCounter++}`;
  if (s.kind === 'reference') return kplus.Secret.fromSecretName(chart, id, s.name);
  const metadata = { name: `bgp-pass-${secretCounter}`, namespace: s.otherNamespace ? 'elsewhere' : lbNamespace };
  if (s.kind === 'basicAuth') return new kplus.BasicAuthSecret(chart, id, { metadata, username: 'metallb', password: 'pw' });
  return new kplus.Secret(chart, id, { metadata, stringData: { password: 'pw' } });
}

/** securityHeaders with its Duration built from data. */
const securityHeadersOf = (o: any) => (o?.securityHeaders === undefined ? undefined : { ...o.securityHeaders, hstsMaxAge: duration(o.securityHeaders.hstsMaxAge) });

function exposureOf(e: ExposureSpec | undefined, b: Built, apps: PublicWebApp[], meshGateways: MeshGateway[], lbs: BareMetalLB[], vips: VirtualIp[] = []): Exposure | undefined {
  if (!e) return undefined;
  switch (e.kind) {
    case 'ingress': {
      const o = e.options;
      return Exposure.ingress({
        ...o,
        maxRequestBodySize: o.maxRequestBodySize === undefined ? undefined : size(o.maxRequestBodySize),
        securityHeaders: securityHeadersOf(o),
        controller: controllerOf(e.controller),
        canary: e.canary ? { ...e.canary.options, stable: apps[e.canary.stable] } : undefined,
      });
    }
    case 'clusterIp': return Exposure.clusterIp(e.options);
    case 'nodePort': return Exposure.nodePort(withVip(e.options, vips));
    case 'loadBalancer': {
      let provider: LoadBalancerProvider | undefined;
      const p = e.provider;
      if (p?.kind === 'metallb') {
        b.constructing = undefined; // a method call on an existing construct
        provider = lbs[0].provider(p.options);
      } else if (p) {
        provider = (LoadBalancerProvider as any)[p.kind](p.options);
      }
      return Exposure.loadBalancer({ ...e.options, provider });
    }
    case 'externalIps': return Exposure.externalIps(e.addresses);
    case 'hostPort': return Exposure.hostPort(withVip(e.options, vips));
    case 'hostNetwork': return Exposure.hostNetwork(e.options);
    case 'gateway': return Exposure.gateway({ ...e.options, securityHeaders: securityHeadersOf(e.options), canary: e.canary ? { ...e.canary.options, stable: apps[e.canary.stable] } : undefined });
    case 'mesh': return Exposure.mesh(meshGateways[e.gateway], {
      ...e.options,
      securityHeaders: securityHeadersOf(e.options),
      canary: e.canary ? MeshCanary.of(apps[e.canary.stable], e.canary.weight) : undefined,
    } as any);
  }
}

/** Options whose `virtualIp` (an index into the scenario's VirtualIps) is resolved; an index without a VirtualIp is dropped. */
function withVip(options: any, vips: VirtualIp[]): any {
  if (options?.virtualIp === undefined) return options;
  const { virtualIp, ...rest } = options;
  return vips[virtualIp] ? { ...rest, virtualIp: vips[virtualIp] } : rest;
}

function meshTlsOf(t: any): MeshTls {
  if (t.kind === 'simple') return MeshTls.simple(t.options);
  if (t.kind === 'mutual') return MeshTls.mutual(t.options);
  return MeshTls.none(t.options);
}

/** Build the constructs of a scenario, in order; throws whatever the library throws. */
export function build(s: Scenario, b: Built): void {
  const charts = b.charts;
  const mainChart = charts[0];
  const meshGateways: MeshGateway[] = [];
  const lbs: BareMetalLB[] = [];
  (s.meshGateways ?? []).forEach((g, i) => {
    b.constructing = `${mainChart.node.path}/mesh-gateway-${i}`;
    meshGateways.push(new MeshGateway(mainChart, `mesh-gateway-${i}`, { ...g, tls: meshTlsOf(g.tls) } as any));
  });
  (s.bareMetalLbs ?? []).forEach((l, i) => {
    b.constructing = undefined;
    const ns = typeof l.namespace === 'string' ? l.namespace : 'metallb-system';
    const advertisement = l.advertisement === undefined ? undefined : advertisementOf(l.advertisement, b, mainChart, ns);
    b.constructing = `${mainChart.node.path}/lb-${i}`;
    lbs.push(new BareMetalLB(mainChart, `lb-${i}`, { ...l, advertisement } as any));
  });
  const vips: VirtualIp[] = [];
  (s.virtualIps ?? []).forEach((v, i) => {
    b.constructing = undefined;
    const { keepalived, ...managerOptions } = v.manager ?? {};
    const manager = keepalived ? VirtualIpManager.keepalived(managerOptions) : VirtualIpManager.kubeVip(managerOptions);
    b.constructing = `${mainChart.node.path}/vip-${i}`;
    const vip = new VirtualIp(mainChart, `vip-${i}`, { ...v, manager } as any);
    b.vipManagers.add(vip.name);
    vips.push(vip);
  });
  const attachments: NetworkAttachment[] = [];
  (s.networkAttachments ?? []).forEach((n, i) => {
    b.constructing = undefined;
    const plugin = (CniPlugin as any)[n.plugin.kind](n.plugin.options);
    const ipam = n.ipam === undefined ? undefined : (Ipam as any)[n.ipam.kind](n.ipam.options);
    b.constructing = `${mainChart.node.path}/nad-${i}`;
    attachments.push(new NetworkAttachment(mainChart, `nad-${i}`, { ...n.props, plugin, ipam } as any));
  });
  const apps: PublicWebApp[] = [];
  s.apps.forEach((a: AppSpec, i) => {
    const chart = charts[Math.min(a.chart, charts.length - 1)];
    b.constructing = undefined;
    const exposure = exposureOf(a.exposure, b, apps, meshGateways, lbs, vips);
    const id = `web${i}`;
    b.constructing = `${chart.node.path}/${id}`;
    const secondaryNetworks = Array.isArray(a.props.secondaryNetworks)
      ? a.props.secondaryNetworks.map((n: any) => ({ ...n, attachment: attachments[Math.min(n.attachment, attachments.length - 1)] }))
      : a.props.secondaryNetworks;
    const dns = (a.props as any).externalDns;
    const externalDns = dns === undefined ? undefined : { ...dns, ttl: duration(dns.ttl) };
    const ports = Array.isArray(a.props.ports) ? a.props.ports.map((p: any) => ({ ...p, access: portAccessOf(p.access) })) : a.props.ports;
    if (a.ownWorkload !== undefined) {
      buildOwnWorkload(b, chart, id, a, exposure);
      return;
    }
    const app = new PublicWebApp(chart, id, { ...a.props, ports, secondaryNetworks, externalDns, tls: tlsOf(a.tls), exposure } as any);
    if (a.exposure?.kind === 'hostPort' || a.exposure?.kind === 'hostNetwork') b.privileged.add(app.name);
    apps.push(app);
  });
  b.constructing = undefined;
}

/**
 * A cdk8s-plus workload built the way its owner would for the way in (a
 * DaemonSet or one pod per node for hostNetwork / hostPort, the hostPort and
 * nodeSelector the options ask for), exposed through WorkloadExposure with the
 * app's port, host, path, name and TLS.
 */
function buildOwnWorkload(b: Built, chart: Chart, id: string, a: AppSpec, exposure: Exposure | undefined): void {
  const o: any = (a.exposure as any)?.options ?? {};
  const kind = a.exposure?.kind;
  const raw = a.props.port ?? 8080;
  const port = Number.isInteger(raw) && raw >= 1 && raw <= 65535 ? raw : 8080;
  const hostPort = kind === 'hostPort' ? (Number.isInteger(o.hostPort) && o.hostPort >= 1 && o.hostPort <= 65535 ? o.hostPort : port) : undefined;
  const daemonSet = a.ownWorkload === 'DaemonSet' || (kind === 'hostNetwork' && o.daemonSet !== false) || (kind === 'hostPort' && o.daemonSet === true);
  const containers = [{
    image: 'ghcr.io/acme/shop:1.4.2',
    ports: [{ number: port, hostPort }],
    securityContext: {
      ensureNonRoot: true, user: 1000, group: 1000, allowPrivilegeEscalation: false, readOnlyRootFilesystem: true,
      capabilities: { drop: [kplus.Capability.ALL] }, seccompProfile: { type: kplus.SeccompProfileType.RUNTIME_DEFAULT },
    },
  }];
  const hostNetwork = kind === 'hostNetwork';
  const w: kplus.Workload = daemonSet ? new kplus.DaemonSet(chart, `${id}-workload`, { containers, hostNetwork })
    : a.ownWorkload === 'StatefulSet' ? new kplus.StatefulSet(chart, `${id}-workload`, { containers, hostNetwork, replicas: 2 })
      : new kplus.Deployment(chart, `${id}-workload`, { containers, hostNetwork, replicas: 2 });
  if (!daemonSet && (kind === 'hostPort' || kind === 'hostNetwork')) w.scheduling.separate(w, { topology: kplus.Topology.HOSTNAME });
  if (o.nodeSelector !== undefined && typeof o.nodeSelector === 'object') ApiObject.of(w).addJsonPatch(JsonPatch.add('/spec/template/spec/nodeSelector', o.nodeSelector));
  if (kind === 'hostPort' || kind === 'hostNetwork') b.privileged.add(ApiObject.of(w).name);
  b.constructing = `${chart.node.path}/${id}`;
  const p = a.props;
  new WorkloadExposure(chart, id, { workload: w, port: raw, servicePort: p.servicePort, host: p.host, path: p.path, name: p.name, tls: tlsOf(a.tls), exposure: exposure ?? Exposure.ingress() } as any);
}

/** A PortAccess from its spec ({ kind: 'exposure' | 'internal' | 'podLocal', peers }). */
function portAccessOf(spec: any): PortAccess {
  if (spec?.kind === 'internal') return PortAccess.internal(spec.peers);
  return spec?.kind === 'podLocal' ? PortAccess.podLocal() : PortAccess.exposure();
}

export function newBuilt(s: Scenario): Built {
  const app = Testing.app();
  const charts = s.charts.map((ns, i) => new Chart(app, `c${i}`, ns === undefined ? {} : { namespace: ns }));
  return { app, charts, privileged: new Set(), vipManagers: new Set() };
}

// ------------------------------------------------------------------ the oracle

/** Props (first segment of ExposeError.prop) each construct may name. */
const PROP_ROOTS: Record<string, string[]> = {
  PublicWebApp: ['image', 'port', 'servicePort', 'replicas', 'host', 'path', 'tls', 'exposure', 'healthCheckPath', 'env', 'resources', 'name',
    'command', 'args', 'runAsUser', 'writablePaths', 'egressCidrs', 'allowAllEgress', 'labels', 'namespace', 'secondaryNetworks', 'externalDns', 'ports', 'autoscaling'],
  WorkloadExposure: Object.keys(STRUCT_KEYS.WorkloadExposureProps).concat(['namespace']),
  NetworkAttachment: ['name', 'plugin', 'ipam', 'mtu', 'perPodMac'],
  MeshGateway: ['hosts', 'tls', 'selector', 'namespace', 'name', 'serviceAccount', 'trustDomain', 'minProtocolVersion', 'httpsRedirect', 'istiodNamespace', 'istiodSelector', 'revision'],
  BareMetalLB: ['props', 'pools', 'advertisement', 'namespace', 'loadBalancerClass', 'mode', 'provider'],
  VirtualIp: Object.keys(STRUCT_KEYS.VirtualIpProps).concat(['namespace']),
  ExposureLinter: ['disabledRules', 'severities', 'nodePortRangeMin', 'nodePortRangeMax', 'edges'],
};

/** Options each exposure may name after `exposure.`: the keys of its options struct (generated from the jsii assembly). */
const EXPOSURE_OPTIONS: Record<string, string[]> = {
  ingress: Object.keys(STRUCT_KEYS.IngressExposureOptions),
  clusterIp: Object.keys(STRUCT_KEYS.ClusterIpExposureOptions),
  nodePort: Object.keys(STRUCT_KEYS.NodePortExposureOptions),
  loadBalancer: Object.keys(STRUCT_KEYS.LoadBalancerExposureOptions),
  externalIps: ['addresses'],
  hostPort: Object.keys(STRUCT_KEYS.HostPortExposureOptions),
  hostNetwork: Object.keys(STRUCT_KEYS.HostNetworkExposureOptions),
  gateway: Object.keys(STRUCT_KEYS.GatewayExposureOptions),
  mesh: ['gateway', ...Object.keys(STRUCT_KEYS.MeshExposureOptions)],
};

const segments = (prop: string) => prop.split(/[.[\]]/).filter((x) => x !== '');

/** Check a thrown value against the oracle; returns a problem, or undefined when it is a proper ExposeError. */
export function checkThrown(e: any, b: Built | undefined, exposureKindAt?: (path: string) => string | undefined): string | undefined {
  if (!ExposeErrors.isExposeError(e)) return `not an ExposeError: ${e?.stack ?? e}`;
  const m = /^(\w+) '([^']*)': (.+?)=/.exec(e.message);
  if (!m) return `ExposeError message is not "<Class> '<path>': <prop>=<value>: ...": ${e.message}`;
  if (m[2] !== e.path || !e.message.startsWith(`${m[1]} '${e.path}': ${e.prop}=`)) return `ExposeError message does not start with its path and prop: ${e.message}`;
  const roots = PROP_ROOTS[m[1]];
  if (!roots) return `ExposeError from an unexpected class ${m[1]}: ${e.message}`;
  const path = segments(e.prop);
  const [root, second] = path;
  // an unknown key is named as given: it must really be unknown to the struct, and sit under a real prop (or at the top)
  const unknown = /: is not an option of (\w+), so it would be silently ignored\. Fix: /.exec(e.message);
  if (unknown) {
    const keys = STRUCT_KEYS[unknown[1]];
    if (!keys) return `ExposeError names struct ${unknown[1]}, which the library does not have: ${e.message}`;
    if (path[path.length - 1] in keys) return `ExposeError calls '${e.prop}' unknown, but ${unknown[1]} has it: ${e.message}`;
    if (path.length > 1 && !roots.includes(root)) return `ExposeError names '${e.prop}', which is not under a prop of ${m[1]}: ${e.message}`;
  } else if (!roots.includes(root)) return `ExposeError names '${e.prop}', which is not a prop of ${m[1]}: ${e.message}`;
  if (!unknown && root === 'exposure' && second !== undefined && exposureKindAt) {
    const kind = exposureKindAt(e.path);
    if (kind && !EXPOSURE_OPTIONS[kind].includes(second)) return `ExposeError names '${e.prop}', which is not an option of Exposure.${kind}(): ${e.message}`;
  }
  if (b && b.constructing !== undefined) {
    if (e.path !== b.constructing) return `ExposeError names path '${e.path}' while '${b.constructing}' was being constructed: ${e.message}`;
    const c = b.app.node.findAll().find((x: IConstruct) => x.node.path === e.path);
    if (c && c.node.children.length > 0) {
      return `half-written: ${e.path} threw after creating ${c.node.children.map((x) => x.node.id).join(', ')}: ${e.message}`;
    }
  }
  return undefined;
}

/** Problems of synthesized objects: schema, names, metadata, Pod Security. */
export function manifestProblems(objects: any[], privileged: Set<string>, vipManagers: Set<string> = new Set()): string[] {
  const problems = [...schemaErrors(objects)];
  const seen = new Map<string, number>();
  for (const o of objects) {
    const where = `${o.kind} ${o.metadata?.namespace ?? ''}/${o.metadata?.name}`;
    const key = `${o.apiVersion?.split('/')[0]}|${o.kind}|${o.metadata?.namespace ?? '(unset)'}|${o.metadata?.name}`;
    seen.set(key, (seen.get(key) ?? 0) + 1);
    if (seen.get(key) === 2) problems.push(`${where}: two objects with this kind, namespace and name`);
    const ns = o.metadata?.namespace;
    if (ns !== undefined && (typeof ns !== 'string' || !/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(ns) || ns.length > 63)) problems.push(`${where}: invalid metadata.namespace ${JSON.stringify(ns)}`);
    for (const [k, v] of Object.entries(o.metadata?.labels ?? {})) {
      if (!isLabelKey(k) || typeof v !== 'string' || !isLabelValue(v)) problems.push(`${where}: invalid label ${JSON.stringify(k)}=${JSON.stringify(v)}`);
    }
    for (const [k, v] of Object.entries(o.metadata?.annotations ?? {})) {
      if (!isLabelKey(k) || typeof v !== 'string') {
        problems.push(`${where}: invalid annotation ${JSON.stringify(k)}=${JSON.stringify(v)}`);
      }
    }
    const tpl = o.spec?.template?.metadata;
    for (const [k, v] of Object.entries(tpl?.labels ?? {})) {
      if (!isLabelKey(k) || typeof v !== 'string' || !isLabelValue(v)) problems.push(`${where}: invalid pod label ${JSON.stringify(k)}=${JSON.stringify(v)}`);
    }
    const spec = podSpecOf(o);
    const podLabels = o.spec?.template?.metadata?.labels ?? {};
    if (spec && (podLabels['sidecar.istio.io/inject'] === 'true' || podLabels['istio.io/rev'] !== undefined)) {
      // an injected sidecar fetches config and certificate from istiod on TCP 15012: the pod's egress must admit it
      const policies = objects.filter((np) => np.kind === 'NetworkPolicy' && np.metadata?.namespace === o.metadata?.namespace
        && Object.entries(np.spec?.podSelector?.matchLabels ?? {}).every(([k, v]) => podLabels[k] === v));
      const reachesIstiod = policies.length === 0 || policies.some((np) => !(np.spec.policyTypes ?? []).includes('Egress')
        || (np.spec.egress ?? []).some((r: any) => r.ports === undefined || r.ports.some((p: any) => (p.protocol ?? 'TCP') === 'TCP' && (p.port === undefined || p.port === 15012))));
      if (!reachesIstiod) problems.push(`${where}: a sidecar pod whose NetworkPolicy does not admit egress to istiod on TCP 15012 (the pod never becomes Ready)`);
    }
    if (spec) {
      const exempt = privileged.has(o.metadata?.name);
      // a VirtualIp manager: hostNetwork, NET_ADMIN and NET_RAW as root, nothing else
      const vipManager = o.kind === 'DaemonSet' && vipManagers.has(o.metadata?.name) && ['kube-vip', 'keepalived'].includes(o.metadata?.labels?.['app.kubernetes.io/name']);
      for (const v of podSecurityViolations(spec)) {
        if (exempt && (/^hostNetwork is true$/.test(v) || /uses hostPort \d+$/.test(v))) continue;
        if (vipManager && (/^hostNetwork is true$/.test(v) || /adds capability NET_(ADMIN|RAW)/.test(v) || /does not run as non-root/.test(v))) continue;
        problems.push(`${where}: Pod Security: ${v}`);
      }
    }
  }
  return problems;
}

/** How the cases of the current property ended (for the runner's table). */
export const outcomes = { synthesized: 0, refused: 0, reasons: new Map<string, number>(), lintFindings: new Map<string, number>() };

/**
 * Lint warnings the library leaves to the user on purpose, each with the
 * option that asks for it. Everything else the linter reports on the
 * library's own output is a disagreement: an error finding always is.
 */
export const FUZZ_ACCEPTED_WARNINGS: Record<string, string> = {
  'ingress-no-tls': 'allowPlainHttp: true asks for a plain-HTTP route',
  'node-port-pinned': 'Exposure.nodePort({ nodePort }) pins the port the user chose',
  'service-external-ips': 'Exposure.externalIps() is the way in the user chose',
  'external-traffic-policy-cluster': 'externalTrafficPolicy: Cluster is the user\'s choice',
  'lb-source-ranges': 'allowPublicAccess: true asks for a LoadBalancer open to every address',
};

const CONTROLLER_DEFAULTS: Record<string, { className: string; namespace: string }> = {
  nginx: { className: 'nginx', namespace: 'ingress-nginx' },
  traefik: { className: 'traefik', namespace: 'traefik' },
  kong: { className: 'kong', namespace: 'kong' },
  haproxy: { className: 'haproxy', namespace: 'haproxy-controller' },
};

/**
 * What a user tells the linter about installs that are not at their
 * well-known place (ExposureLinterOptions.edges): Ingress controllers in
 * another namespace or serving another class, Gateway proxies placed with
 * proxyNamespace / proxyPodLabels / proxyNodeCidrs.
 */
export function edgesOf(s: Scenario): LintEdgeInstall[] {
  const edges: LintEdgeInstall[] = [];
  for (const app of s.apps) {
    const e = app.exposure ?? { kind: 'ingress', options: {} }; // PublicWebApp's default exposure
    if (e.kind === 'ingress' && (e.controller === undefined || e.controller.kind !== 'awsAlb')) {
      if (e.controller === undefined) {
        edges.push({ className: 'nginx', namespace: 'ingress-nginx' }); // the default IngressController.nginx()
        continue;
      }
      const d = CONTROLLER_DEFAULTS[e.controller.kind];
      const className = e.controller.options.className ?? d.className;
      const namespace = e.controller.options.namespace ?? d.namespace;
      const nodeCidrs = (e.controller.options as { nodeCidrs?: string[] }).nodeCidrs;
      edges.push(nodeCidrs !== undefined ? { className, hostNetwork: true } : { className, namespace });
    }
    if (e.kind === 'gateway' && typeof e.options?.gatewayClassName === 'string') {
      const o = e.options;
      if (o.proxyNodeCidrs !== undefined) edges.push({ className: o.gatewayClassName, hostNetwork: true });
      else if (o.proxyNamespace !== undefined || o.proxyPodLabels !== undefined) {
        const ns = o.proxyNamespace ?? o.gatewayNamespace ?? s.charts[Math.min(app.chart, s.charts.length - 1)] ?? 'default';
        edges.push({ className: o.gatewayClassName, namespace: ns, podLabels: o.proxyPodLabels });
      }
    }
  }
  return edges;
}

/** The library and its linter agree: the output lints with no error and only accepted warnings. */
export function lintProblems(objects: any[], edges: LintEdgeInstall[] = [], userAnnotations: Set<string> = new Set()): string[] {
  const problems: string[] = [];
  for (const f of new ExposureLinter({ edges }).lint(objects)) {
    const key = `${f.severity} ${f.ruleId}`;
    outcomes.lintFindings.set(key, (outcomes.lintFindings.get(key) ?? 0) + 1);
    if (process.env.FUZZ_LINT_SURVEY) continue;
    // annotations the user passed through (exposure.annotations) are the user's words, written as given
    if (f.field?.startsWith('metadata.annotations.') && userAnnotations.has(f.field.slice('metadata.annotations.'.length))) continue;
    if (f.severity === 'warning' && FUZZ_ACCEPTED_WARNINGS[f.ruleId] !== undefined) continue;
    problems.push(`the linter disagrees: ${ExposureLinter.formatFinding(f)}`);
  }
  return problems;
}

/** Count a refusal by class and prop (indices dropped), for `npm run fuzz -- --why`. */
function tally(e: any): void {
  const key = `${e.message.split(' ')[0]} ${String(e.prop).replace(/\[\d+\]/g, '[]')}`;
  outcomes.reasons.set(key, (outcomes.reasons.get(key) ?? 0) + 1);
}

/** Run one scenario through the oracle; throws (failing the property) on a bug. */
export function checkScenario(s: Scenario): void {
  const b = newBuilt(s);
  const kindAt = (path: string) => {
    const i = s.apps.findIndex((a, j) => path === `c${Math.min(a.chart, s.charts.length - 1)}/web${j}`);
    return i >= 0 ? s.apps[i].exposure?.kind ?? 'ingress' : undefined;
  };
  try {
    build(s, b);
  } catch (e) {
    const problem = checkThrown(e, b, kindAt);
    if (problem) throw new Error(problem);
    outcomes.refused++;
    tally(e);
    return;
  }
  let objects: any[];
  try {
    objects = b.charts.flatMap((c) => Testing.synth(c));
  } catch (e: any) {
    throw new Error(`construction succeeded but synthesis threw: ${e?.stack ?? e}`);
  }
  const problems = [...manifestProblems(objects, b.privileged, b.vipManagers), ...prerequisiteProblems(b, objects)];
  if (problems.length > 0) throw new Error(`invalid manifests:\n  ${problems.slice(0, 10).join('\n  ')}`);
  // traffic flows: the real edge reaches each app, an unrelated pod does not, the app reaches DNS
  const np = new NetworkPolicyEvaluator(objects);
  const unreachable = b.app.node.findAll().filter((c): c is PublicWebApp | WorkloadExposure => c instanceof PublicWebApp || c instanceof WorkloadExposure)
    .flatMap((web) => reachabilityProblems(web, np));
  if (unreachable.length > 0) throw new Error(`traffic does not flow:\n  ${unreachable.slice(0, 10).join('\n  ')}`);
  const userAnnotations = new Set(s.apps.flatMap((x) => Object.keys((x.exposure as { options?: { annotations?: object } } | undefined)?.options?.annotations ?? {})));
  // the user's description of each install; a class described two ways (apps that disagree on where its
  // controller runs) cannot be told to the linter, so the edge rules are left out for that scenario
  const described = new Map<string, string>();
  let ambiguous = false;
  for (const e of edgesOf(s)) {
    const text = JSON.stringify([e.namespace, e.podLabels, e.hostNetwork]);
    if (described.has(e.className) && described.get(e.className) !== text) ambiguous = true;
    described.set(e.className, text);
  }
  // installs at their well-known place need no entry: the linter's own knowledge is checked then
  const edges = edgesOf(s).filter((e) => !Object.values(CONTROLLER_DEFAULTS).some((d) => e.className === d.className && e.namespace === d.namespace
    && e.podLabels === undefined && e.hostNetwork === undefined));
  const disagreements = lintProblems(objects, edges, userAnnotations)
    .filter((p) => !(ambiguous && /(ingress-controller|gateway)-network-policy/.test(p)));
  if (disagreements.length > 0) throw new Error(`lint findings on the library's output:\n  ${disagreements.slice(0, 10).join('\n  ')}`);
  outcomes.synthesized++;
}

/**
 * Every object the output depends on is either emitted or listed as a
 * prerequisite: each listed one is well-formed, with a check command, and is
 * not among the emitted objects.
 */
function prerequisiteProblems(b: Built, objects: any[]): string[] {
  const owners = b.app.node.findAll().filter((c): c is PublicWebApp | BareMetalLB | MeshGateway =>
    c instanceof PublicWebApp || c instanceof BareMetalLB || c instanceof MeshGateway);
  const problems: string[] = [];
  for (const owner of owners) {
    for (const p of owner.prerequisites()) {
      const where = `${owner.node.path} prerequisite ${p.kind} ${p.namespace ?? ''}/${p.name}`;
      for (const k of ['kind', 'name', 'why', 'checkCommand'] as const) {
        if (typeof p[k] !== 'string' || p[k] === '' || p[k].includes('undefined')) problems.push(`${where}: bad ${k} ${JSON.stringify(p[k])}`);
      }
      const emitted = objects.some((o) => o?.kind === p.kind && o?.metadata?.name === p.name && (p.namespace === undefined || o?.metadata?.namespace === p.namespace)
        && (o?.apiVersion ?? '').split('/').slice(0, -1).join('/') === (p.apiVersion ?? '').split('/').slice(0, -1).join('/'));
      if (emitted) problems.push(`${where}: listed as a prerequisite but emitted`);
    }
    if (!owner.notes().includes('kubectl')) problems.push(`${owner.node.path}: notes without a single check`);
  }
  return problems;
}

/** The linter never throws on any input, except ExposeErrors for bad options. */
export function checkLinter(c: { objects: any[]; options: any }): void {
  let linter: ExposureLinter;
  try {
    linter = new ExposureLinter(c.options);
  } catch (e) {
    const problem = checkThrown(e, undefined);
    if (problem) throw new Error(problem);
    outcomes.refused++;
    tally(e);
    return;
  }
  outcomes.synthesized++;
  const findings = linter.lint(c.objects);
  for (const f of findings) {
    if (typeof f.message !== 'string' || typeof f.ruleId !== 'string') throw new Error(`malformed finding ${JSON.stringify(f)}`);
    ExposureLinter.formatFinding(f);
  }
}

// ------------------------------------------------------------------ the properties

export interface FuzzProperty {
  readonly name: string;
  /** a fresh fast-check property */
  property(): fc.IPropertyWithHooks<any>;
}

function scenarioProperty(name: string, arb: fc.Arbitrary<Scenario>): FuzzProperty {
  return { name, property: () => fc.property(arb, (s) => checkScenario(s)) };
}

/** The arbitraries at four levels of hostility; level 0 (mostly valid input) gets half of the cases. */
const LEVELS = [0, 1, 4, 16].map((h) => A.makeArbitraries(h));
function levels<T>(f: (a: A.Arbitraries) => fc.Arbitrary<T>): fc.Arbitrary<T> {
  return fc.oneof({ arbitrary: f(LEVELS[0]), weight: 3 }, ...LEVELS.slice(1).map((a) => ({ arbitrary: f(a), weight: 1 })));
}

function allExposures(a: A.Arbitraries): fc.Arbitrary<ExposureSpec | undefined> {
  return fc.oneof(
    fc.constant(undefined),
    a.ingressExposure(fc.oneof(a.nginxController, a.traefikController, a.kongController, a.haproxyController, a.awsAlbController)),
    a.clusterIpExposure, a.nodePortExposure,
    a.loadBalancerExposure(a.opt(fc.oneof(a.awsProvider, a.gcpProvider, a.azureProvider, a.alibabaProvider), 4)),
    a.externalIpsExposure, a.hostPortExposure, a.hostNetworkExposure, a.gatewayExposure,
  ) as fc.Arbitrary<ExposureSpec | undefined>;
}

const withTls = (s: Scenario): Scenario => ({
  ...s,
  apps: s.apps.map((x) => ({ ...x, props: { ...x.props, host: x.props.host ?? 'shop.example.com' }, tls: x.tls ?? { kind: 'fromSecret' as const, secretName: 'shop-tls' } })),
});

export const PROPERTIES: FuzzProperty[] = [
  scenarioProperty('public-web-app', levels((a) => a.singleApp(fc.constant(undefined)))),
  scenarioProperty('tls', levels((a) => a.singleApp(fc.oneof(a.ingressExposure(fc.constant(undefined)), a.gatewayExposure as fc.Arbitrary<ExposureSpec>)).map(withTls))),
  scenarioProperty('ingress-nginx', levels((a) => a.singleApp(a.ingressExposure(a.opt(a.nginxController))))),
  scenarioProperty('ingress-traefik', levels((a) => a.singleApp(a.ingressExposure(a.traefikController)))),
  scenarioProperty('ingress-kong', levels((a) => a.singleApp(a.ingressExposure(a.kongController)))),
  scenarioProperty('ingress-haproxy', levels((a) => a.singleApp(a.ingressExposure(a.haproxyController)))),
  scenarioProperty('ingress-aws-alb', levels((a) => a.singleApp(a.ingressExposure(a.awsAlbController)))),
  scenarioProperty('cluster-ip', levels((a) => a.singleApp(a.clusterIpExposure as fc.Arbitrary<ExposureSpec>))),
  scenarioProperty('node-port', levels((a) => a.singleApp(a.nodePortExposure as fc.Arbitrary<ExposureSpec>))),
  scenarioProperty('load-balancer', levels((a) => a.singleApp(a.loadBalancerExposure(fc.constant(undefined))))),
  scenarioProperty('load-balancer-aws', levels((a) => a.singleApp(a.loadBalancerExposure(a.awsProvider)))),
  scenarioProperty('load-balancer-gcp', levels((a) => a.singleApp(a.loadBalancerExposure(a.gcpProvider)))),
  scenarioProperty('load-balancer-azure', levels((a) => a.singleApp(a.loadBalancerExposure(a.azureProvider)))),
  scenarioProperty('load-balancer-alibaba', levels((a) => a.singleApp(a.loadBalancerExposure(a.alibabaProvider)))),
  scenarioProperty('external-ips', levels((a) => a.singleApp(a.externalIpsExposure as fc.Arbitrary<ExposureSpec>))),
  scenarioProperty('host-port', levels((a) => a.singleApp(a.hostPortExposure as fc.Arbitrary<ExposureSpec>))),
  scenarioProperty('host-network', levels((a) => a.singleApp(a.hostNetworkExposure as fc.Arbitrary<ExposureSpec>))),
  scenarioProperty('gateway', levels((a) => a.singleApp(a.gatewayExposure as fc.Arbitrary<ExposureSpec>))),
  // the user's own Deployment, StatefulSet or DaemonSet through WorkloadExposure, over the Service-based ways in and an Ingress
  scenarioProperty('workload-exposure', levels((a) => fc.tuple(
    a.singleApp(fc.oneof(a.ingressExposure(a.traefikController), a.clusterIpExposure, a.nodePortExposure, a.loadBalancerExposure(fc.constant(undefined)),
      a.hostPortExposure, a.hostNetworkExposure) as fc.Arbitrary<ExposureSpec>),
    fc.constantFrom('Deployment' as const, 'StatefulSet' as const, 'DaemonSet' as const),
  ).map(([s, ownWorkload]) => ({ ...s, apps: s.apps.map((x) => ({ ...x, ownWorkload })) })))),
  // several ports (TCP, UDP, internal, pod-local) behind the Service-based ways in and an ingress: unique names and
  // port/protocol pairs, the first reached through the exposure, so most cases synthesize and the oracle checks each port's flows
  scenarioProperty('ports', fc.tuple(
    LEVELS[0].singleApp(fc.oneof(
      LEVELS[0].nodePortExposure, LEVELS[0].loadBalancerExposure(fc.constant(undefined)), LEVELS[0].hostPortExposure, LEVELS[0].hostNetworkExposure,
      LEVELS[0].clusterIpExposure, LEVELS[0].externalIpsExposure, LEVELS[0].ingressExposure(fc.constant(undefined)),
    ) as fc.Arbitrary<ExposureSpec>, false),
    fc.uniqueArray(fc.record({
      port: fc.oneof(fc.integer({ min: 1024, max: 65535 }), fc.constantFrom(53, 8080, 9090)),
      protocol: fc.constantFrom('TCP', 'UDP', 'SCTP'),
      appProtocol: fc.option(fc.constantFrom('kubernetes.io/h2c', 'grpc'), { nil: undefined }),
      access: fc.oneof(
        fc.constant({ kind: 'exposure' }),
        fc.constant({ kind: 'podLocal' }),
        fc.record({ kind: fc.constant('internal'), peers: fc.array(fc.record({ namespace: fc.constantFrom('monitoring', 'shop') }), { minLength: 1, maxLength: 2 }) }),
      ),
    }), { selector: (p) => `${p.port}/${p.protocol}`, minLength: 1, maxLength: 4 }),
    fc.boolean(),
  ).map(([sc, ports, withHttp]) => ({
    ...sc,
    apps: sc.apps.map((x) => ({
      ...x,
      props: {
        ...x.props,
        port: withHttp ? x.props.port ?? 8080 : undefined,
        servicePort: withHttp ? x.props.servicePort : undefined,
        egressCidrs: undefined,
        ports: ports.map((p, i) => ({ ...p, name: `port-${i}`, access: i === 0 && !withHttp ? { kind: 'exposure' } : p.access })),
      },
    })),
  }))),
  scenarioProperty('canary-ingress', fc.oneof(levels((a) => a.canaryPair(
    a.ingressExposure(a.opt(fc.oneof(a.nginxController, a.traefikController, a.kongController, a.haproxyController), 4)),
    a.ingressCanaryExposure(a.opt(fc.oneof(a.nginxController, a.traefikController, a.haproxyController), 4)),
  )), LEVELS[0].cleanCanaryScenario('ingress'))),
  scenarioProperty('canary-gateway', fc.oneof(levels((a) => a.canaryPair(a.gatewayExposure as fc.Arbitrary<ExposureSpec>, a.gatewayCanaryExposure)),
    LEVELS[0].cleanCanaryScenario('gateway'))),
  scenarioProperty('mesh', fc.oneof(levels((a) => a.meshScenario), LEVELS[0].cleanMeshScenario)),
  scenarioProperty('mesh-and-others', levels((a) => fc.tuple(a.meshScenario, fc.array(fc.boolean(), { minLength: 3, maxLength: 3 }), fc.constantFrom('web', 'shop'), fc.constantFrom('a.example.com', 'b.example.com'))
    .map(([s, plain, name, host]) => ({
      ...s,
      // other ways in next to mesh apps, with clashing names and hosts: the mesh must refuse before it writes
      apps: s.apps.map((x, i) => (plain[i]
        ? { ...x, props: { ...x.props, name, host }, exposure: { kind: 'ingress' as const, options: { allowPlainHttp: true } }, tls: undefined }
        : { ...x, props: { ...x.props, name: x.props.name ?? name, host: x.props.host ?? host } })),
    })))),
  scenarioProperty('mesh-gateway', levels((a) => a.meshGatewayProps.map((g) => ({ charts: ['istio-system'], meshGateways: [g], apps: [] }) as Scenario))),
  scenarioProperty('virtual-ip', fc.oneof(levels((a) => a.virtualIpScenario), LEVELS[0].cleanVirtualIpScenario)),
  scenarioProperty('bare-metal-lb', fc.oneof(levels((a) => a.metalLbScenario), LEVELS[0].cleanMetalLbScenario)),
  scenarioProperty('secondary-networks', levels((a) => a.secondaryNetworkScenario)),
  scenarioProperty('many-apps', levels((a) => a.manyApps(allExposures(a)))),
  { name: 'linter', property: () => fc.property(levels((a) => a.linterCase), (c) => checkLinter(c)) },
];
