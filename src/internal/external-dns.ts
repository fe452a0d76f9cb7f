/**
 * Internal side of `PublicWebAppProps.externalDns`: validation, the
 * annotations on the exposed object, and the NOTES lines (see
 * src/dns/external-dns.ts for where external-dns reads each annotation).
 */
import { ApiObject, Duration } from 'cdk8s';
import { ExternalDnsAnnotationPrefix, ExternalDnsOptions } from '../dns/external-dns';
import { fail } from '../errors';
import { isHostname, parseIp } from './validation';
import type { AppFacts, WayIn } from '../exposure/way-in';

const PROP = 'externalDns';

/** What the DNS option resolved to, for the notes. */
export interface ResolvedExternalDns {
  readonly names: string[];
  /** names written as a hostname annotation (not in an Ingress or route spec) */
  readonly annotatedNames: string[];
  readonly ttlSeconds?: number;
  readonly target?: string;
  readonly prefix: string;
  /** external-dns --source that reads the object */
  readonly source: string;
  /** kubectl command that prints the address the names must resolve to */
  readonly addressCommand: string;
}

function serves(host: string, name: string, multiLabelWildcard: boolean): boolean {
  if (host === name) return true;
  if (!host.startsWith('*.')) return false;
  const suffix = host.slice(1);
  if (name.startsWith('*.')) return multiLabelWildcard ? name.endsWith(suffix) : name.slice(1) === suffix;
  const label = name.slice(0, -suffix.length);
  return name.endsWith(suffix) && label.length > 0 && (multiLabelWildcard || !label.includes('.'));
}

/** Validate the option against the app and its way in; nothing is written. */
export function resolveExternalDns(app: AppFacts, wayIn: WayIn, o: ExternalDnsOptions | undefined): ResolvedExternalDns | undefined {
  if (o === undefined) return undefined;
  const s = app.scope;
  const w = wayIn as any;
  const n = app.namespace ? ` -n ${app.namespace}` : '';
  if (w.canary !== undefined || (w.options?.canary !== undefined)) {
    fail(s, PROP, 'set', "a canary is served on its stable app's name", 'remove externalDns from the canary and set it on the stable app');
  }
  let source: string;
  let addressCommand: string;
  let inSpec = false;
  let multi = false;
  switch (wayIn.kind) {
    case 'loadBalancer':
      source = 'service';
      addressCommand = `kubectl get service ${app.name}${n} -o jsonpath='{.status.loadBalancer.ingress[*].ip}{.status.loadBalancer.ingress[*].hostname}'`;
      break;
    case 'nodePort':
      source = 'service';
      addressCommand = "kubectl get nodes -o wide  # EXTERNAL-IP (or INTERNAL-IP) of the nodes: external-dns publishes every node's address for a NodePort Service";
      break;
    case 'ingress':
      source = 'ingress';
      inSpec = true;
      addressCommand = `kubectl get ingress ${app.name}${n} -o jsonpath='{.status.loadBalancer.ingress[*].ip}{.status.loadBalancer.ingress[*].hostname}'`;
      break;
    case 'gateway': {
      const kind = w.routeKind as string;
      if (kind !== 'HTTPRoute' && kind !== 'GRPCRoute' && kind !== 'TLSRoute') {
        fail(s, PROP, 'set', `external-dns reads ${kind} at v1alpha2 (docs/sources/gateway-api.md, issue #6247), which the Gateway API v1.6 CRDs no longer serve, so it would publish nothing`,
          'publish the name with a record of your own pointing at the Gateway address (kubectl get gateway: ADDRESS), or use routeKind HTTP, GRPC or TLS_PASSTHROUGH');
      }
      // TLSRoute v1 is read from external-dns v0.22.0 on (release notes, #6367)
      source = kind === 'GRPCRoute' ? 'gateway-grpcroute' : kind === 'TLSRoute' ? 'gateway-tlsroute' : 'gateway-httproute';
      // a route whose parent is a ListenerSet is followed to its Gateway only with --gateway-listener-sets
      if (w.options.gateway?.listenerSet) source += ' --gateway-listener-sets';
      inSpec = true;
      multi = true;
      const g = w.options.gateway;
      const gwName = g ? g.name : w.options.gatewayName ?? app.name;
      const gwNs = g ? g.namespace ?? app.namespace : w.options.gatewayNamespace ?? app.namespace;
      addressCommand = `kubectl get gateway ${gwName}${gwNs ? ` -n ${gwNs}` : ''} -o jsonpath='{.status.addresses[*].value}'`;
      if (o.target !== undefined && g !== undefined && !g.listenerSet) {
        fail(s, `${PROP}.target`, o.target, 'external-dns reads target only from the Gateway (or a ListenerSet), and a shared Gateway belongs to its owner',
          'remove target (the Gateway address is published), ask the Gateway owner to annotate it, or use gateway.listenerSet: true');
      }
      break;
    }
    default:
      fail(s, PROP, 'set', `external-dns publishes the addresses of LoadBalancer and NodePort Services, Ingresses and Gateway API routes; the ${wayIn.kind} way in has none of them`,
        'remove externalDns, or expose the app with Exposure.loadBalancer(), nodePort(), ingress() or gateway()');
  }
  const names = o.hostnames ?? (app.host !== undefined ? [app.host] : []);
  if (!Array.isArray(names)) fail(s, `${PROP}.hostnames`, names, 'must be a list of DNS names', "use e.g. ['shop.example.com']");
  if (names.length === 0) {
    fail(s, `${PROP}.hostnames`, o.hostnames, 'there is no name to publish: the app has no host', "set host, or hostnames: ['shop.example.com']");
  }
  names.forEach((h, i) => {
    if (typeof h !== 'string' || !isHostname(h)) fail(s, `${PROP}.hostnames[${i}]`, h, 'is not a DNS name', "use a lower-case name like 'shop.example.com' (or '*.example.com')");
    if (app.host !== undefined && !serves(app.host, h, multi)) {
      fail(s, `${PROP}.hostnames[${i}]`, h, `the app serves ${app.host} only: a record for ${h} would send clients to an edge that does not route that name to the app`,
        `publish ${app.host}${app.host.startsWith('*.') ? ' or a name under it' : ''}, or change host`);
    }
  });
  if (new Set(names).size !== names.length) fail(s, `${PROP}.hostnames`, names, 'lists a name twice', 'list each name once');
  let ttlSeconds: number | undefined;
  if (o.ttl !== undefined) {
    ttlSeconds = o.ttl instanceof Duration ? o.ttl.toSeconds({ integral: false }) : NaN;
    if (!Number.isInteger(ttlSeconds) || ttlSeconds < 1 || ttlSeconds > 2147483647) {
      fail(s, `${PROP}.ttl`, Number.isNaN(ttlSeconds) ? String(o.ttl) : `${ttlSeconds} s`, 'must be a whole number of seconds from 1 to 2147483647 (RFC 2181)', 'use e.g. Duration.minutes(5)');
    }
  }
  if (o.target !== undefined && (typeof o.target !== 'string' || (parseIp(o.target) === undefined && !isHostname(o.target, false)))) {
    fail(s, `${PROP}.target`, o.target, 'is neither an IP address nor a DNS name', "use e.g. '203.0.113.10' or 'lb.example.com'");
  }
  const prefix = o.annotationPrefix ?? ExternalDnsAnnotationPrefix.CURRENT;
  if (!Object.values(ExternalDnsAnnotationPrefix).includes(prefix)) {
    fail(s, `${PROP}.annotationPrefix`, prefix, 'is not an external-dns annotation prefix', 'use ExternalDnsAnnotationPrefix.LEGACY or CURRENT');
  }
  const annotatedNames = inSpec ? names.filter((h) => h !== app.host) : names;
  return { names, annotatedNames, ttlSeconds, target: o.target, prefix, source, addressCommand };
}

/** Write the annotations on the objects the way in created. */
export function applyExternalDns(app: AppFacts, wayIn: WayIn, service: ApiObject, d: ResolvedExternalDns): void {
  const w = wayIn as any;
  let record: ApiObject;
  let targetHolder: ApiObject | undefined;
  if (wayIn.kind === 'ingress') {
    record = ApiObject.of(w._ingress);
    targetHolder = record;
  } else if (wayIn.kind === 'gateway') {
    record = w._route;
    targetHolder = w._listenerSet ?? w._gateway;
  } else {
    record = service;
    targetHolder = service;
  }
  if (d.annotatedNames.length > 0) record.metadata.addAnnotation(`${d.prefix}hostname`, d.annotatedNames.join(','));
  if (d.ttlSeconds !== undefined) record.metadata.addAnnotation(`${d.prefix}ttl`, String(d.ttlSeconds));
  if (d.target !== undefined) targetHolder!.metadata.addAnnotation(`${d.prefix}target`, d.target);
  void app;
}

/** NOTES lines: which name resolves to what, and how to check it. */
export function externalDnsNotes(d: ResolvedExternalDns): string[] {
  const to = d.target ?? 'the address printed by the command below';
  return [
    `DNS (external-dns, --source=${d.source}, annotations ${d.prefix}*):`,
    ...d.names.map((h) => `  ${h} -> ${to}${d.ttlSeconds !== undefined ? ` (TTL ${d.ttlSeconds} s)` : ''}`),
    `  ${d.addressCommand}`,
    ...d.names.filter((h) => !h.startsWith('*.')).map((h) => `  dig +short ${h}  # must print ${d.target ?? 'that address'} once external-dns has synced (its --interval, 1m by default)`),
    "  kubectl logs -n external-dns deploy/external-dns --tail=200 | grep -E 'Desired change|Skipping|error'  # a CREATE/UPDATE line names each record; nothing: wrong --source, --domain-filter or annotation prefix",
  ];
}
