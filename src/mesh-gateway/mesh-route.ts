/**
 * Internal: binds one app to a MeshGateway. Not exported from the package;
 * `Exposure.mesh(edge, options)` calls `bindMeshApp` with the app's Service
 * and pod labels and applies the returned pod labels and NetworkPolicy peer.
 */
import { ApiObject, Chart, Lazy } from 'cdk8s';
import { Construct, IConstruct } from 'constructs';
import { MeshCanary } from './mesh-canary';
import {
  MeshConnectionPool, MeshCorsPolicy, MeshDataplane, MeshExposureOptions, MeshFaultInjection, MeshOutlierDetection, MeshRetries,
} from './mesh-exposure-options';
import { MeshGateway } from './mesh-gateway';
import { MeshTlsMode } from './mesh-tls';
import { fail } from '../errors';
import { SPOOFABLE_REQUEST_HEADERS } from '../exposure/request-headers';
import * as istio from '../imports/istio-networking';
import * as istiosec from '../imports/istio-security';
import { AppRegistry } from '../internal/registry';
import { ENVOY_PASSTHROUGH_HEADERS, resolveRequestHeaders } from '../internal/request-headers';
import { resolveSecurityHeaders, securityHeaderList } from '../internal/security-headers';
import {
  checkInt, checkPort, isDnsLabel, isHostname, isLabelKey, isLabelValue, wholeMillis,
} from '../internal/validation';

/** The app being exposed, as the adapter (Exposure.mesh) describes it. */
export interface MeshAppTarget {
  /** Construct that owns the app (the PublicWebApp); the mesh objects are created inside it. */
  readonly scope: Construct;
  /** Base name of the mesh objects (a DNS label, usually the app's name). */
  readonly name: string;
  /**
   * Namespace of the app, its Service and the mesh objects.
   * @default - the chart's namespace (none: destinations use the short Service name)
   */
  readonly namespace?: string;
  /** Name of the app's Service. */
  readonly serviceName: string;
  /** Port of the Service the route sends traffic to. */
  readonly servicePort: number;
  /** Port the app's container listens on (what the AuthorizationPolicy allows). */
  readonly containerPort: number;
  /**
   * Host the app is served on; must be covered by the gateway's hosts.
   * @default - the gateway's hosts
   */
  readonly host?: string;
  /**
   * Path prefix routed to the app.
   * @default '/'
   */
  readonly path?: string;
  /** Selector labels of the app's pods (PeerAuthentication / AuthorizationPolicy selector). Must not be empty. */
  readonly podLabels: { [key: string]: string };
  /**
   * Version of the app's pods; `MeshExposureOptions.version` wins when both are set.
   * @default - none
   */
  readonly version?: string;
  /**
   * How errors name the options, e.g. `exposure` gives `exposure.retries.attempts`.
   * @default 'exposure'
   */
  readonly optionsProp?: string;
}

/** What bindMeshApp created and what the adapter must apply to the app. */
export interface MeshAppBinding {
  /** The VirtualService carrying the app's traffic (a canary's is the stable app's). */
  readonly virtualService: ApiObject;
  /** Whether this binding created `virtualService` (false for a canary). */
  readonly ownsVirtualService: boolean;
  /** The DestinationRule of the app's Service (for another version of the stable's Service, the stable's). */
  readonly destinationRule: ApiObject;
  /** Whether this binding created `destinationRule`. */
  readonly ownsDestinationRule: boolean;
  /** PeerAuthentication STRICT for the app's pods (a canary with the stable's pod labels shares the stable's). */
  readonly peerAuthentication: ApiObject;
  /** AuthorizationPolicy: ALLOW only the gateway's principal, only on the container port (shared like peerAuthentication). */
  readonly authorizationPolicy: ApiObject;
  /** Whether this binding created peerAuthentication and authorizationPolicy. */
  readonly ownsPolicies: boolean;
  /** Labels the adapter must add to the pod template (dataplane, and `version` when set). */
  readonly podLabels: { [key: string]: string };
  /** Namespace the app's NetworkPolicy must admit (the gateway workload's). */
  readonly networkPolicyNamespace: string;
  /** Labels of the gateway pods in that namespace (NetworkPolicy podSelector of the peer). */
  readonly networkPolicyPodLabels: { [key: string]: string };
  /**
   * Pod ports the NetworkPolicy must open to that peer: the container port, and
   * 15008 (HBONE) in ambient mode, where the gateway reaches ztunnel in the pod.
   */
  readonly networkPolicyPorts: number[];
  /** Destination host of the app in Istio config (Service FQDN, or short name without a namespace). */
  readonly destinationHost: string;
  /**
   * Further sources the app's NetworkPolicy must admit, which the data plane
   * itself needs: in ambient mode the kubelet probes SNATed by istio-cni.
   */
  readonly networkPolicyExtraIngress: MeshPolicyPeer[];
  /** Egress the data plane needs beyond DNS: istiod on TCP 15012 for a sidecar. */
  readonly networkPolicyEgress: MeshPolicyPeer[];
  /** Whether the injected containers need a privileged namespace (istio-init). */
  readonly needsPrivilegedNamespace: boolean;
}

/** One NetworkPolicy peer the mesh data plane needs (fields combine as in a NetworkPolicyPeer). */
export interface MeshPolicyPeer {
  /** namespace name (kubernetes.io/metadata.name) */
  readonly namespace?: string;
  /** pod labels in that namespace */
  readonly podLabels?: { [key: string]: string };
  /** an IP block */
  readonly cidr?: string;
  /** TCP ports */
  readonly ports: number[];
}

/**
 * istiod's xDS and CA port (TLS, "recommended for production"): what a sidecar
 * dials (`ISTIOD_ADDR` = `istiod[-<rev>].<ns>.svc:15012`, istio/istio
 * istio-discovery chart; istio.io "Ports used by Istio").
 */
export const ISTIOD_XDS_PORT = 15012;

/**
 * Source addresses of kubelet probes to ambient pods: istio-cni SNATs probe
 * traffic that provably comes from the node to this link-local IPv4 address
 * and IPv6 address, and a NetworkPolicy must admit them
 * (istio.io/latest/docs/ambient/usage/networkpolicy, "Ambient, health probes,
 * and Kubernetes NetworkPolicy"; istio/istio.io#16833 for IPv6).
 */
export const AMBIENT_PROBE_SOURCES = ['169.254.7.127/32', 'fd16:9254:7127:1337:ffff:ffff:ffff:ffff/128'];

/** Ambient's HBONE port: traffic from the gateway to an ambient pod arrives here. */
export const HBONE_PORT = 15008;

const RETRY_ON = new Set([
  '5xx', 'gateway-error', 'reset', 'reset-before-request', 'connect-failure', 'envoy-ratelimited', 'retriable-4xx', 'refused-stream',
  'retriable-status-codes', 'retriable-headers', 'http3-post-connect-failure',
  'cancelled', 'deadline-exceeded', 'internal', 'resource-exhausted', 'unavailable',
]);
const HTTP_METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'CONNECT', 'OPTIONS', 'TRACE', 'PATCH']);
const DEFAULT_POOL = { maxConnections: 1024, maxPendingRequests: 1024, maxRequests: 1024, connectTimeout: '5s' };
const DEFAULT_OUTLIER = { consecutiveServerErrors: 5, interval: '10s', baseEjectionTime: '30s', maxEjectionPercent: 50 };

interface Destination {
  readonly owner: IConstruct;
  readonly host: string;
  readonly port: number;
  readonly subset?: string;
}

/** A DestinationRule shared by the versions of one Service. */
class RuleState {
  public readonly subsets = new Map<string, { [key: string]: string }>();
  constructor(public readonly host: string, public readonly object: ApiObject, public readonly owner: IConstruct) {}
}

/** The one HTTP route of a stable app and the canaries that joined it. */
class RouteState {
  public readonly canaries: { dest: Destination; weight: number }[] = [];
  constructor(
    public readonly edge: MeshGateway,
    public readonly hosts: string[],
    public readonly path: string,
    public readonly stable: Destination,
    public readonly object: ApiObject,
    public readonly namespace: string | undefined,
  ) {}

  public canaryTotal(): number {
    return this.canaries.reduce((s, c) => s + c.weight, 0);
  }

  public routes(): istio.VirtualServiceSpecHttpRoute[] {
    const toRoute = (d: Destination, weight?: number): istio.VirtualServiceSpecHttpRoute => ({
      destination: { host: d.host, port: { number: d.port }, ...(d.subset ? { subset: d.subset } : {}) },
      ...(weight === undefined ? {} : { weight }),
    });
    if (this.canaries.length === 0) return [toRoute(this.stable)];
    return [toRoute(this.stable, 100 - this.canaryTotal()), ...this.canaries.map((c) => toRoute(c.dest, c.weight))];
  }
}

interface BindingState {
  readonly edge: MeshGateway;
  readonly route?: RouteState; // undefined for a canary
  readonly rule: RuleState;
  readonly dest: Destination;
  readonly isCanary: boolean;
  readonly policyKey: string;
  readonly peerAuthentication: ApiObject;
  readonly authorizationPolicy: ApiObject;
}

const BINDINGS = new WeakMap<IConstruct, BindingState>();

/**
 * Expose `target` through `edge`: VirtualService, DestinationRule,
 * PeerAuthentication STRICT and AuthorizationPolicy, created inside
 * `target.scope`. Validates everything before creating anything; throws an
 * ExposeError (via fail) naming `<optionsProp>.<option>` on bad input.
 */
export function bindMeshApp(edge: MeshGateway, target: MeshAppTarget, options: MeshExposureOptions = {}): MeshAppBinding {
  const scope = target.scope;
  const o = options ?? {};
  const at = (p: string) => `${target.optionsProp ?? 'exposure'}.${p}`;

  if (!(edge instanceof MeshGateway)) fail(scope, at('gateway'), edge, 'is not a MeshGateway', 'pass the MeshGateway construct the app is exposed through');
  if (BINDINGS.has(scope)) fail(scope, at('gateway'), edge.node.path, 'this app is already exposed through a mesh gateway', 'expose each app once');

  // ---- the app itself
  if (!isDnsLabel(target.name, 63)) fail(scope, 'name', target.name, 'is not a DNS label', "use lower-case letters, digits and '-', e.g. 'shop'");
  const namespace = target.namespace ?? Chart.of(scope).namespace;
  if (namespace !== undefined && !isDnsLabel(namespace)) fail(scope, 'namespace', namespace, 'is not a namespace name', "use a DNS label, e.g. 'shop'");
  if (!isDnsLabel(target.serviceName)) fail(scope, 'serviceName', target.serviceName, 'is not a Service name', "use a DNS label, e.g. 'shop'");
  checkPort(scope, 'servicePort', target.servicePort);
  checkPort(scope, 'containerPort', target.containerPort);
  const podLabels = checkLabels(scope, 'podLabels', target.podLabels);
  const path = target.path ?? '/';
  if (typeof path !== 'string' || !/^\/[A-Za-z0-9\-._~!$&'()*+,;=:@%/]*$/.test(path) || path.includes('//')) {
    fail(scope, 'path', path, 'is not a URL path prefix', "start with '/' and use URL path characters only, e.g. '/' or '/api'");
  }
  if (target.host !== undefined) {
    if (!isHostname(target.host)) fail(scope, 'host', target.host, 'is not a host name', "use a lower-case DNS name such as 'shop.example.com'");
    if (!edge.covers(target.host)) {
      fail(scope, 'host', target.host, `is not covered by the hosts of MeshGateway '${edge.node.path}' (${edge.hosts.join(', ')})`,
        "add the host (or a '*.' wildcard over it) to the gateway's hosts, or use a host it serves");
    }
  }

  // ---- options
  const version = checkVersion(scope, at('version'), o.version, target.version);
  const dataplane = o.dataplane ?? MeshDataplane.SIDECAR;
  if (!Object.values(MeshDataplane).includes(dataplane)) {
    fail(scope, at('dataplane'), dataplane, 'is not a dataplane mode',
      'use MeshDataplane.SIDECAR (Istio CNI installed), MeshDataplane.SIDECAR_WITH_INIT_CONTAINER (no Istio CNI, privileged namespace) or MeshDataplane.AMBIENT');
  }
  const ack = o.acknowledgePrivilegedNamespace;
  if (ack !== undefined && typeof ack !== 'boolean') {
    fail(scope, at('acknowledgePrivilegedNamespace'), ack, 'must be true or false', 'pass true with MeshDataplane.SIDECAR_WITH_INIT_CONTAINER, or leave it unset');
  }
  const ns = namespace !== undefined ? `namespace '${namespace}'` : 'the target namespace';
  if (dataplane === MeshDataplane.SIDECAR_WITH_INIT_CONTAINER && ack !== true) {
    fail(scope, at('acknowledgePrivilegedNamespace'), ack,
      `without Istio CNI the injected istio-init container adds NET_ADMIN and NET_RAW, which Pod Security "baseline" refuses, so the pods are rejected unless ${ns} is labelled pod-security.kubernetes.io/enforce: privileged`,
      `install the Istio CNI node agent and use MeshDataplane.SIDECAR, or label ${ns} with pod-security.kubernetes.io/enforce=privileged and pass acknowledgePrivilegedNamespace: true`);
  }
  if (dataplane !== MeshDataplane.SIDECAR_WITH_INIT_CONTAINER && ack === true) {
    fail(scope, at('acknowledgePrivilegedNamespace'), ack, `the ${dataplane} data plane injects no privileged container, so the namespace need not be privileged`,
      'remove acknowledgePrivilegedNamespace (only MeshDataplane.SIDECAR_WITH_INIT_CONTAINER needs it)');
  }
  const timeoutMs = o.timeout === undefined ? undefined : checkDuration(scope, at('timeout'), o.timeout);
  const retries = o.retries === undefined ? undefined : checkRetries(scope, at('retries'), o.retries, timeoutMs);
  const cors = o.cors === undefined ? undefined : checkCors(scope, at('cors'), o.cors);
  const fault = o.faultInjection === undefined ? undefined : checkFault(scope, at('faultInjection'), o.faultInjection);
  // a canary shares the stable app's route (and its header filtering): checkCanary refuses requestHeaders there
  const requestHeaders = o.canary !== undefined ? undefined
    : resolveRequestHeaders(scope, at('requestHeaders'), o.requestHeaders, [...SPOOFABLE_REQUEST_HEADERS, ...ENVOY_PASSTHROUGH_HEADERS]);
  const security = o.canary !== undefined ? undefined : resolveSecurityHeaders(scope, at('securityHeaders'), o.securityHeaders, edge.tlsMode !== MeshTlsMode.NONE);
  const hasRequest = requestHeaders !== undefined && (requestHeaders.remove.length > 0 || requestHeaders.set.length > 0);
  const trafficPolicy = checkTrafficPolicy(scope, at, o.connectionPool, o.outlierDetection, dataplane);

  const fqdn = (svc: string) => (namespace === undefined ? svc : `${svc}.${namespace}.svc.cluster.local`);
  const destHost = fqdn(target.serviceName);
  const subset = version === undefined ? undefined : subsetName(scope, at('version'), version);
  const meta = (suffix = '') => ({ name: `${target.name}${suffix}`, ...(target.namespace !== undefined ? { namespace: target.namespace } : {}) });

  // ---- canary: join the stable app's route
  let route: RouteState | undefined;
  let rule: RuleState | undefined;
  let ownsRule = false;
  const dest: Destination = { owner: scope, host: destHost, port: target.servicePort, subset };
  if (o.canary !== undefined) {
    const joined = checkCanary(scope, at('canary'), o.canary, edge, target, path, o);
    const stable = joined.stable;
    if (stable.dest.host === destHost) {
      // two versions of one Service: subsets of the stable's DestinationRule
      if (stable.dest.subset === undefined || subset === undefined) {
        fail(scope, at('version'), version, 'a canary on the same Service as its stable app needs a version on both apps',
          "give both apps a version (e.g. 'v1' and 'v2'), so the DestinationRule can split the Service's pods into subsets");
      }
      if (stable.rule.subsets.has(subset)) {
        fail(scope, at('version'), version, `the Service '${destHost}' already has a subset '${subset}'`, 'give each version of the Service its own version');
      }
      if (o.connectionPool !== undefined || o.outlierDetection !== undefined) {
        fail(scope, at(o.connectionPool !== undefined ? 'connectionPool' : 'outlierDetection'), o.connectionPool ?? o.outlierDetection,
          "another version of the stable app's Service shares its DestinationRule", 'set connectionPool and outlierDetection on the stable app');
      }
      rule = stable.rule;
    }
    route = joined.route;
  }
  if (rule === undefined) {
    const clash = AppRegistry.of(scope).claim('mesh-destination-rule', destHost, { owner: scope });
    if (clash) {
      fail(scope, 'serviceName', target.serviceName, `'${clash.owner.node.path}' already has a DestinationRule for ${destHost}`,
        'expose each Service once; for two versions of one Service use a canary with a version on both apps');
    }
  }
  if (route !== undefined) {
    route.canaries.push({ dest, weight: o.canary!.weight });
  } else {
    const hosts = target.host !== undefined ? [target.host] : [...edge.hosts];
    for (const h of hosts) {
      const clash = AppRegistry.of(scope).claim('mesh-route', `${edge.node.path}|${h}|${path}`, { owner: scope });
      if (clash) {
        fail(scope, 'host', h, `'${clash.owner.node.path}' already routes ${h}${path} through MeshGateway '${edge.node.path}'`,
          'use another host or path, or join that app\'s route with canary: MeshCanary.of(app, weight)');
      }
    }
  }

  // ---- create
  const ruleState = rule ?? createRule(scope, meta(), destHost, trafficPolicy);
  ownsRule = rule === undefined;
  if (subset !== undefined) ruleState.subsets.set(subset, { version: version! });

  let ownsRoute = false;
  if (route === undefined) {
    const hosts = target.host !== undefined ? [target.host] : [...edge.hosts];
    let state: RouteState | undefined;
    const http: istio.VirtualServiceSpecHttp = {
      name: target.name,
      match: path === '/' || path.endsWith('/') ? [{ uri: { prefix: path } }] : [{ uri: { exact: path } }, { uri: { prefix: `${path}/` } }],
      route: Lazy.any({ produce: () => state!.routes() }) as any,
      ...(timeoutMs !== undefined ? { timeout: o.timeout } : {}),
      ...(retries ? { retries } : {}),
      ...(cors ? { corsPolicy: cors } : {}),
      ...(fault ? { fault } : {}),
      ...(hasRequest || security ? {
        headers: {
          ...(hasRequest ? {
            request: {
              ...(requestHeaders!.remove.length > 0 ? { remove: requestHeaders!.remove } : {}),
              ...(requestHeaders!.set.length > 0 ? { set: Object.fromEntries(requestHeaders!.set.map((h) => [h.name, h.value])) } : {}),
            },
          } : {}),
          ...(security ? { response: { set: Object.fromEntries(securityHeaderList(security).map((h) => [h.name, h.value])) } } : {}),
        },
      } : {}),
    };
    const vs = new istio.VirtualService(scope, 'MeshVirtualService', {
      metadata: meta(),
      spec: { hosts, gateways: [edge.gatewayRef], http: [http] },
    });
    state = new RouteState(edge, hosts, path, dest, vs, namespace);
    route = state;
    ownsRoute = true;
  }

  // A canary whose pods carry the same selector labels (another version behind the
  // same labels) is already covered by the stable app's policies: do not repeat them.
  const policyKey = JSON.stringify([namespace, Object.entries(podLabels).sort(), target.containerPort]);
  const shared = o.canary !== undefined ? BINDINGS.get(o.canary.stable) : undefined;
  const reuse = shared !== undefined && shared.policyKey === policyKey;
  const peerAuthentication = reuse ? shared.peerAuthentication : new istiosec.PeerAuthentication(scope, 'MeshPeerAuthentication', {
    metadata: meta(),
    spec: { selector: { matchLabels: { ...podLabels } }, mtls: { mode: istiosec.PeerAuthenticationSpecMtlsMode.STRICT } },
  });
  const authorizationPolicy = reuse ? shared.authorizationPolicy : new istiosec.AuthorizationPolicy(scope, 'MeshAuthorizationPolicy', {
    metadata: meta('-from-gateway'),
    spec: {
      selector: { matchLabels: { ...podLabels } },
      action: istiosec.AuthorizationPolicySpecAction.ALLOW,
      rules: [{
        from: [{ source: { principals: [edge.principal] } }],
        to: [{ operation: { ports: [String(target.containerPort)] } }],
      }],
    },
  });

  BINDINGS.set(scope, {
    edge, route: ownsRoute ? route : undefined, rule: ruleState, dest, isCanary: !ownsRoute, policyKey, peerAuthentication, authorizationPolicy,
  });

  // Ambient: the pod label enrols the pod (istio/api label/labels.yaml, Stable), and
  // sidecar.istio.io/inject=false keeps a namespace labelled istio-injection=enabled
  // from giving it a sidecar anyway (the pod label wins over the namespace label,
  // istio.io "Installing the Sidecar", injection policy table).
  // Sidecar: the default revision's webhook matches sidecar.istio.io/inject=true;
  // a revisioned or tagged install matches istio.io/rev=<revision> instead.
  const sidecar = dataplane !== MeshDataplane.AMBIENT;
  const addedLabels: { [key: string]: string } = !sidecar
    ? { 'istio.io/dataplane-mode': 'ambient', 'sidecar.istio.io/inject': 'false' }
    : edge.revision !== undefined ? { 'istio.io/rev': edge.revision } : { 'sidecar.istio.io/inject': 'true' };
  if (version !== undefined) addedLabels.version = version;

  return {
    virtualService: route.object,
    ownsVirtualService: ownsRoute,
    destinationRule: ruleState.object,
    ownsDestinationRule: ownsRule,
    peerAuthentication,
    authorizationPolicy,
    ownsPolicies: !reuse,
    podLabels: addedLabels,
    networkPolicyNamespace: edge.namespace,
    networkPolicyPodLabels: { ...edge.selector },
    networkPolicyPorts: dataplane === MeshDataplane.AMBIENT ? [target.containerPort, HBONE_PORT] : [target.containerPort],
    destinationHost: destHost,
    networkPolicyExtraIngress: sidecar ? [] : AMBIENT_PROBE_SOURCES.map((cidr) => ({ cidr, ports: [target.containerPort] })),
    networkPolicyEgress: sidecar ? [{ namespace: edge.istiodNamespace, podLabels: { ...edge.istiodSelector }, ports: [ISTIOD_XDS_PORT] }] : [],
    needsPrivilegedNamespace: dataplane === MeshDataplane.SIDECAR_WITH_INIT_CONTAINER,
  };
}

function createRule(scope: Construct, metadata: { name: string; namespace?: string }, host: string,
  trafficPolicy: istio.DestinationRuleSpecTrafficPolicy): RuleState {
  let state: RuleState | undefined;
  const object = new istio.DestinationRule(scope, 'MeshDestinationRule', {
    metadata,
    spec: {
      host,
      trafficPolicy,
      subsets: Lazy.any({
        produce: () => (state!.subsets.size === 0 ? undefined : [...state!.subsets].map(([name, labels]) => ({ name, labels: { ...labels } }))),
      }) as any,
    },
  });
  state = new RuleState(host, object, scope);
  return state;
}

function checkCanary(scope: Construct, prop: string, canary: MeshCanary, edge: MeshGateway, target: MeshAppTarget, path: string,
  o: MeshExposureOptions): { stable: BindingState; route: RouteState } {
  if (!(canary instanceof MeshCanary)) {
    fail(scope, prop, (canary as any)?.constructor?.name ?? canary, 'is not a MeshCanary', 'use MeshCanary.of(stableApp, weight)');
  }
  checkInt(scope, `${prop}.weight`, canary.weight, 0, 100, 'give the canary a whole percent from 0 to 100');
  const stable = canary.stable === undefined ? undefined : BINDINGS.get(canary.stable);
  const stablePath = canary.stable?.node?.path ?? String(canary.stable);
  if (canary.stable === scope) fail(scope, `${prop}.stable`, stablePath, 'an app cannot be a canary of itself', 'name the stable app the canary takes traffic from');
  if (!stable) {
    fail(scope, `${prop}.stable`, stablePath, 'is not an app exposed through a MeshGateway (yet)',
      'expose the stable app with Exposure.mesh first, and create it before the canary');
  }
  if (stable.isCanary || !stable.route) {
    fail(scope, `${prop}.stable`, stablePath, 'is itself a canary', 'join the stable app the other canary joined');
  }
  const route = stable.route;
  if (stable.edge !== edge) {
    fail(scope, `${prop}.stable`, stablePath, `is exposed through MeshGateway '${stable.edge.node.path}', not '${edge.node.path}'`,
      'expose the canary through the same gateway as its stable app');
  }
  if (target.host !== undefined && (route.hosts.length !== 1 || route.hosts[0] !== target.host)) {
    fail(scope, 'host', target.host, `the stable app's route serves ${route.hosts.join(', ')}`, "leave the canary's host unset or give it the stable app's host");
  }
  if (path !== route.path) {
    fail(scope, 'path', path, `the stable app's route matches '${route.path}'`, "give the canary the stable app's path");
  }
  for (const k of ['retries', 'timeout', 'cors', 'faultInjection', 'requestHeaders', 'securityHeaders'] as const) {
    if (o[k] !== undefined) {
      fail(scope, prop.replace(/canary$/, k), o[k], "the canary shares the stable app's route, which holds this setting",
        `set ${k} on the stable app`);
    }
  }
  const total = route.canaryTotal() + canary.weight;
  if (total > 100) {
    fail(scope, `${prop}.weight`, canary.weight, `the canaries of '${stablePath}' would take ${total}% of its traffic; weights must add up to 100`,
      `lower the canary weights so they total at most 100 (the stable app gets ${100 - route.canaryTotal()}% now)`);
  }
  return { stable, route };
}

function checkVersion(scope: Construct, prop: string, fromOptions: string | undefined, fromTarget: string | undefined): string | undefined {
  if (fromOptions !== undefined && fromTarget !== undefined && fromOptions !== fromTarget) {
    fail(scope, prop, fromOptions, `differs from the app's version '${fromTarget}'`, 'set the version in one place');
  }
  const v = fromOptions ?? fromTarget;
  if (v !== undefined && (!isLabelValue(v) || v.length === 0)) {
    fail(scope, prop, v, 'is not a label value', "use at most 63 letters, digits, '-', '_' or '.', e.g. 'v2' or '1.4.2'");
  }
  return v;
}

/** Subset names are DNS labels in Istio; derive one from the version label value. */
function subsetName(scope: Construct, prop: string, version: string): string {
  const name = version.toLowerCase().replace(/[^a-z0-9-]/g, '-');
  if (!isDnsLabel(name)) fail(scope, prop, version, 'cannot be turned into a subset name', "start and end the version with a letter or digit, e.g. 'v2'");
  return name;
}

function checkLabels(scope: Construct, prop: string, labels: { [key: string]: string } | undefined): { [key: string]: string } {
  const entries = labels && typeof labels === 'object' ? Object.entries(labels) : [];
  if (entries.length === 0) {
    fail(scope, prop, labels, 'an empty selector would apply STRICT mTLS and the gateway-only policy to every pod of the namespace',
      "pass the selector labels of the app's pods, e.g. { 'app.kubernetes.io/name': 'shop' }");
  }
  for (const [k, v] of entries) {
    if (!isLabelKey(k)) fail(scope, `${prop}.${k}`, k, 'is not a label key', "use a key such as 'app.kubernetes.io/name'");
    if (!isLabelValue(v)) fail(scope, `${prop}.${k}`, v, 'is not a label value', "use at most 63 letters, digits, '-', '_' or '.'");
  }
  return { ...labels };
}

/** A duration Istio accepts: Go syntax, at least 1ms, whole milliseconds. Returns milliseconds. */
function checkDuration(scope: Construct, prop: string, value: string): number {
  const ms = typeof value === 'string' ? wholeMillis(value) : undefined;
  if (ms === undefined || ms < 1) {
    fail(scope, prop, value, 'is not a duration Istio accepts (at least 1ms, whole milliseconds)', "write e.g. '500ms', '2s', '1m30s'");
  }
  return ms;
}

function checkRetries(scope: Construct, prop: string, r: MeshRetries, timeoutMs: number | undefined): istio.VirtualServiceSpecHttpRetries {
  if (typeof r !== 'object' || r === null) fail(scope, prop, r, 'must be an object', 'pass { attempts: 3, perTryTimeout: \'2s\' }');
  if (typeof r.attempts !== 'number' || !Number.isInteger(r.attempts) || r.attempts < 1 || r.attempts > 100) {
    fail(scope, `${prop}.attempts`, r.attempts, 'must be a whole number from 1 to 100', 'retry at least once, e.g. attempts: 3 (omit retries for Istio\'s default)');
  }
  if (r.perTryTimeout !== undefined) {
    const per = checkDuration(scope, `${prop}.perTryTimeout`, r.perTryTimeout);
    if (timeoutMs !== undefined && per > timeoutMs) {
      fail(scope, `${prop}.perTryTimeout`, r.perTryTimeout, 'is longer than the route timeout, so no retry could ever run',
        'make perTryTimeout shorter than timeout (e.g. timeout / (attempts + 1))');
    }
  }
  if (r.retryOn !== undefined) {
    const tokens = typeof r.retryOn === 'string' ? r.retryOn.split(',').map((t) => t.trim()) : [''];
    tokens.forEach((t) => {
      if (!RETRY_ON.has(t) && !/^[1-5][0-9][0-9]$/.test(t)) {
        fail(scope, `${prop}.retryOn`, r.retryOn, `'${t}' is not a retry condition`,
          "use comma-separated Envoy policies (5xx, gateway-error, reset, connect-failure, refused-stream, retriable-4xx, ...), gRPC statuses or HTTP status codes, e.g. 'connect-failure,refused-stream,503'");
      }
    });
  }
  return {
    attempts: r.attempts,
    ...(r.perTryTimeout !== undefined ? { perTryTimeout: r.perTryTimeout } : {}),
    ...(r.retryOn !== undefined ? { retryOn: r.retryOn.split(',').map((t) => t.trim()).join(',') } : {}),
  };
}

function checkCors(scope: Construct, prop: string, c: MeshCorsPolicy): istio.VirtualServiceSpecHttpCorsPolicy {
  if (typeof c !== 'object' || c === null) fail(scope, prop, c, 'must be an object', "pass { allowOrigins: ['https://shop.example.com'] }");
  if (!Array.isArray(c.allowOrigins) || c.allowOrigins.length === 0) {
    fail(scope, `${prop}.allowOrigins`, c.allowOrigins, 'a CORS policy needs at least one origin', "list the origins, e.g. ['https://shop.example.com']");
  }
  const origins = c.allowOrigins.map((origin, i): istio.VirtualServiceSpecHttpCorsPolicyAllowOrigins => {
    if (origin === '*') {
      if (c.allowCredentials) {
        fail(scope, `${prop}.allowOrigins[${i}]`, origin, 'browsers refuse credentials for any origin, and it would let every site act as the user',
          'list the exact origins that may send credentials');
      }
      return { regex: '.*' };
    }
    const m = typeof origin === 'string' ? /^(https?):\/\/(\*\.)?([a-z0-9.-]+)(:[0-9]{1,5})?$/.exec(origin) : null;
    if (!m || !isHostname((m[2] ?? '') + m[3]) && m[3] !== 'localhost' || (m[4] && (Number(m[4].slice(1)) < 1 || Number(m[4].slice(1)) > 65535))) {
      fail(scope, `${prop}.allowOrigins[${i}]`, origin, 'is not an origin', "write scheme://host[:port] without a path, e.g. 'https://shop.example.com' or 'https://*.example.com'");
    }
    if (!m[2]) return { exact: origin };
    const port = m[4] ? m[4].replace(':', '\\:') : '';
    return { regex: `${m[1]}://[a-z0-9-]+\\.${m[3].replace(/\./g, '\\.')}${port}` };
  });
  const methods = c.allowMethods?.map((mth, i) => {
    if (typeof mth !== 'string' || !HTTP_METHODS.has(mth.toUpperCase())) {
      fail(scope, `${prop}.allowMethods[${i}]`, mth, 'is not an HTTP method', 'use GET, HEAD, POST, PUT, DELETE, PATCH, OPTIONS, ...');
    }
    return mth.toUpperCase();
  });
  const headers = (p: string, list: string[] | undefined) => list?.map((h, i) => {
    if (typeof h !== 'string' || !/^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/.test(h)) {
      fail(scope, `${prop}.${p}[${i}]`, h, 'is not an HTTP header name', "use a header name such as 'Content-Type' or 'Authorization'");
    }
    return h;
  });
  const allowHeaders = headers('allowHeaders', c.allowHeaders);
  const exposeHeaders = headers('exposeHeaders', c.exposeHeaders);
  if (c.maxAge !== undefined) checkDuration(scope, `${prop}.maxAge`, c.maxAge);
  return {
    allowOrigins: origins,
    ...(methods ? { allowMethods: methods } : {}),
    ...(allowHeaders ? { allowHeaders } : {}),
    ...(exposeHeaders ? { exposeHeaders } : {}),
    ...(c.maxAge !== undefined ? { maxAge: c.maxAge } : {}),
    ...(c.allowCredentials !== undefined ? { allowCredentials: c.allowCredentials === true } : {}),
  };
}

function checkPercent(scope: Construct, prop: string, value: number | undefined, needed: boolean, what: string): number | undefined {
  if (value === undefined) {
    if (needed) fail(scope, prop, value, `is required with ${what}`, 'state the share of requests explicitly, e.g. 10 for 10%');
    return undefined;
  }
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0 || value > 100) {
    fail(scope, prop, value, 'must be a percentage from 0 to 100', 'use e.g. 10 for 10% of requests');
  }
  if (!needed) fail(scope, prop, value, `has no effect without ${what}`, `set ${what} or remove the percentage`);
  return value;
}

function checkFault(scope: Construct, prop: string, f: MeshFaultInjection): istio.VirtualServiceSpecHttpFault {
  if (typeof f !== 'object' || f === null || (f.delay === undefined && f.abortHttpStatus === undefined)) {
    fail(scope, prop, f, 'sets neither a delay nor an abort', "set delay (e.g. '2s') with delayPercent, or abortHttpStatus with abortPercent, or remove faultInjection");
  }
  if (f.delay !== undefined) checkDuration(scope, `${prop}.delay`, f.delay);
  const delayPercent = checkPercent(scope, `${prop}.delayPercent`, f.delayPercent, f.delay !== undefined, 'delay');
  if (f.abortHttpStatus !== undefined) checkInt(scope, `${prop}.abortHttpStatus`, f.abortHttpStatus, 200, 599, 'use an HTTP status from 200 to 599, e.g. 503');
  const abortPercent = checkPercent(scope, `${prop}.abortPercent`, f.abortPercent, f.abortHttpStatus !== undefined, 'abortHttpStatus');
  return {
    ...(f.delay !== undefined ? { delay: { fixedDelay: f.delay, percentage: { value: delayPercent } } } : {}),
    ...(f.abortHttpStatus !== undefined ? { abort: { httpStatus: f.abortHttpStatus, percentage: { value: abortPercent } } } : {}),
  };
}

function checkTrafficPolicy(scope: Construct, at: (p: string) => string, pool: MeshConnectionPool | undefined,
  outlier: MeshOutlierDetection | undefined, dataplane: MeshDataplane): istio.DestinationRuleSpecTrafficPolicy {
  const p = { ...DEFAULT_POOL, ...(pool ?? {}) };
  const big = 2 ** 31 - 1;
  checkInt(scope, at('connectionPool.maxConnections'), p.maxConnections, 1, big, 'use a positive whole number, e.g. 1024');
  checkInt(scope, at('connectionPool.maxPendingRequests'), p.maxPendingRequests, 1, big, 'use a positive whole number, e.g. 1024');
  checkInt(scope, at('connectionPool.maxRequests'), p.maxRequests, 1, big, 'use a positive whole number, e.g. 1024');
  checkInt(scope, at('connectionPool.maxRequestsPerConnection'), p.maxRequestsPerConnection, 1, big, 'use a positive whole number, or omit it for no limit');
  checkDuration(scope, at('connectionPool.connectTimeout'), p.connectTimeout);
  const d = { ...DEFAULT_OUTLIER, ...(outlier ?? {}) };
  checkInt(scope, at('outlierDetection.consecutiveServerErrors'), d.consecutiveServerErrors, 1, big, 'use a positive whole number, e.g. 5');
  checkDuration(scope, at('outlierDetection.interval'), d.interval);
  checkDuration(scope, at('outlierDetection.baseEjectionTime'), d.baseEjectionTime);
  checkInt(scope, at('outlierDetection.maxEjectionPercent'), d.maxEjectionPercent, 0, 100, 'use a percentage from 0 to 100, e.g. 50');
  return {
    // Sidecars: say ISTIO_MUTUAL explicitly. Ambient: leave TLS to auto-mTLS, which
    // speaks HBONE to ztunnel; an explicit ISTIO_MUTUAL would force sidecar-style mTLS.
    ...(dataplane !== MeshDataplane.AMBIENT ? { tls: { mode: istio.DestinationRuleSpecTrafficPolicyTlsMode.ISTIO_UNDERSCORE_MUTUAL } } : {}),
    connectionPool: {
      tcp: { maxConnections: p.maxConnections, connectTimeout: p.connectTimeout },
      http: {
        http1MaxPendingRequests: p.maxPendingRequests,
        http2MaxRequests: p.maxRequests,
        ...(p.maxRequestsPerConnection !== undefined ? { maxRequestsPerConnection: p.maxRequestsPerConnection } : {}),
      },
    },
    outlierDetection: {
      consecutive5XxErrors: d.consecutiveServerErrors,
      interval: d.interval,
      baseEjectionTime: d.baseEjectionTime,
      maxEjectionPercent: d.maxEjectionPercent,
    },
  };
}
