import { ingressControllerOf } from './edge-rules';
import { LintSeverity } from './finding';
import { ingresses } from './ingress-rules';
import { describe, ManifestIndex, ObjRef } from './manifest-index';
import { Rule, rule } from './rule';

/**
 * Field and annotation combinations that a schema accepts and the API server
 * or the controller refuses or ignores:
 * - the API server's Service validation (kubernetes `pkg/apis/core/validation`
 *   `ValidateService` / `validateServiceExternalTrafficPolicy`):
 *   `externalTrafficPolicy` "may only be set for externally-accessible
 *   services" (LoadBalancer, NodePort, or ClusterIP with externalIPs);
 *   `healthCheckNodePort` only with LoadBalancer and Local;
 *   `loadBalancerSourceRanges`, `loadBalancerClass` and
 *   `allocateLoadBalancerNodePorts` "may only be used when type is
 *   LoadBalancer"; the apply is refused;
 * - KEP-1959 (Service loadBalancerClass): the cloud provider's service
 *   controller skips a Service whose loadBalancerClass is set, and the AWS
 *   Load Balancer Controller only takes `service.k8s.aws/nlb` (its docs,
 *   "Network Load Balancer"), so `service.beta.kubernetes.io/aws-load-balancer-*`
 *   annotations on a Service of another class, or on a Service that is not a
 *   LoadBalancer, are read by nobody;
 * - an Ingress is served only by the controller of its class, which reads
 *   its own annotation prefix: ingress-nginx `nginx.ingress.kubernetes.io/`,
 *   Traefik `traefik.ingress.kubernetes.io/`, Kong `konghq.com/`, HAProxy `haproxy.org/`, the AWS
 *   Load Balancer Controller `alb.ingress.kubernetes.io/` (each project's
 *   annotation reference); another controller's annotations do nothing.
 */

const EXTERNAL_TYPES = new Set(['LoadBalancer', 'NodePort']);

function typeOf(svc: ObjRef): string {
  return svc.obj.spec?.type ?? 'ClusterIP';
}

function externallyAccessible(svc: ObjRef): boolean {
  const ips = svc.obj.spec?.externalIPs;
  return EXTERNAL_TYPES.has(typeOf(svc)) || (typeOf(svc) === 'ClusterIP' && Array.isArray(ips) && ips.length > 0);
}

const FIELD_FIX = 'remove the field, or change spec.type to the type it belongs to';
const AWS_FIX = 'remove the AWS annotations, or let the AWS load balancer implementation own the Service (type LoadBalancer, loadBalancerClass unset for the cloud provider or service.k8s.aws/nlb for the AWS Load Balancer Controller)';
const PREFIX_FIX = 'use the annotations of the controller that serves the Ingress\'s class, or change spec.ingressClassName';

const CONTROLLER_PREFIXES: { [controller: string]: { name: string; prefix: string } } = {
  'k8s.io/ingress-nginx': { name: 'ingress-nginx', prefix: 'nginx.ingress.kubernetes.io/' },
  'traefik.io/ingress-controller': { name: 'Traefik', prefix: 'traefik.ingress.kubernetes.io/' },
  'ingress-controllers.konghq.com/kong': { name: 'Kong', prefix: 'konghq.com/' },
  'ingress.k8s.aws/alb': { name: 'the AWS Load Balancer Controller', prefix: 'alb.ingress.kubernetes.io/' },
  // HAProxy also reads haproxy.com/ and ingress.kubernetes.io/ (documentation/annotations.md); haproxy.org/ is the one it documents
  'haproxy.org/ingress-controller/haproxy': { name: 'HAProxy', prefix: 'haproxy.org/' },
};

function coreServices(index: ManifestIndex): ObjRef[] {
  return index.ofKind('Service').filter((s) => s.apiVersion === 'v1');
}

export const COMBINATION_RULES: Rule[] = [
  rule('service-field-type-mismatch', LintSeverity.ERROR,
    'The API server refuses Service fields that do not fit the type: externalTrafficPolicy on a Service that is not externally accessible, healthCheckNodePort without LoadBalancer and Local, loadBalancerSourceRanges, loadBalancerClass or allocateLoadBalancerNodePorts on a Service that is not a LoadBalancer; the apply fails although the schema accepts it.',
    FIELD_FIX,
    (index, report) => {
      for (const svc of coreServices(index)) {
        const spec = svc.obj.spec ?? {};
        const type = typeOf(svc);
        const say = (field: string, value: unknown, why: string) => report(svc,
          `${describe(svc)} (type ${type}) sets ${field}: ${JSON.stringify(value)}, which ${why}: the API server refuses the Service`, FIELD_FIX, `spec.${field}`);
        if (spec.externalTrafficPolicy !== undefined && spec.externalTrafficPolicy !== null && !externallyAccessible(svc)) {
          say('externalTrafficPolicy', spec.externalTrafficPolicy, 'may only be set for externally-accessible Services (LoadBalancer, NodePort, or with externalIPs)');
        }
        if (typeof spec.healthCheckNodePort === 'number' && spec.healthCheckNodePort !== 0 && !(type === 'LoadBalancer' && spec.externalTrafficPolicy === 'Local')) {
          say('healthCheckNodePort', spec.healthCheckNodePort, 'may only be set with type LoadBalancer and externalTrafficPolicy Local');
        }
        if (type !== 'LoadBalancer') {
          if (Array.isArray(spec.loadBalancerSourceRanges) && spec.loadBalancerSourceRanges.length > 0) say('loadBalancerSourceRanges', spec.loadBalancerSourceRanges, 'may only be used with type LoadBalancer');
          if (typeof spec.loadBalancerClass === 'string') say('loadBalancerClass', spec.loadBalancerClass, 'may only be used with type LoadBalancer');
          if (typeof spec.allocateLoadBalancerNodePorts === 'boolean') say('allocateLoadBalancerNodePorts', spec.allocateLoadBalancerNodePorts, 'may only be used with type LoadBalancer');
        }
      }
    }),

  rule('aws-annotations-ignored', LintSeverity.WARNING,
    'service.beta.kubernetes.io/aws-load-balancer-* annotations are read only by the AWS cloud provider (Services without loadBalancerClass) and the AWS Load Balancer Controller (loadBalancerClass service.k8s.aws/nlb), and only on LoadBalancer Services: elsewhere the scheme, target type or source ranges they ask for are silently not applied.',
    AWS_FIX,
    (index, report) => {
      for (const svc of coreServices(index)) {
        const keys = Object.keys(svc.obj.metadata?.annotations ?? {}).filter((k) => k.startsWith('service.beta.kubernetes.io/aws-load-balancer-'));
        if (keys.length === 0) continue;
        const cls = svc.obj.spec?.loadBalancerClass;
        const why = typeOf(svc) !== 'LoadBalancer' ? `it is a ${typeOf(svc)} Service, not a LoadBalancer`
          : typeof cls === 'string' && cls !== 'service.k8s.aws/nlb' ? `its loadBalancerClass ${cls} belongs to another implementation` : undefined;
        if (!why) continue;
        report(svc, `${describe(svc)} sets ${keys.length === 1 ? keys[0] : `${keys.length} AWS load balancer annotations (${keys.slice(0, 3).join(', ')}${keys.length > 3 ? ', ...' : ''})`}, but ${why}: no AWS component reads them`,
          AWS_FIX, `metadata.annotations.${keys[0]}`);
      }
    }),

  rule('ingress-annotation-other-controller', LintSeverity.WARNING,
    'An Ingress is served only by the controller of its class, which reads its own annotation prefix: annotations of another controller (e.g. nginx.ingress.kubernetes.io/whitelist-source-range on a Traefik Ingress) silently do nothing, so an allowlist, a redirect or a rate limit is not applied.',
    PREFIX_FIX,
    (index, report, settings) => {
      for (const ing of ingresses(index)) {
        const annotations = Object.keys(ing.obj.metadata?.annotations ?? {});
        if (annotations.length === 0) continue;
        const controller = ingressControllerOf(index, ing, settings);
        const own = controller !== undefined ? CONTROLLER_PREFIXES[controller] : undefined;
        if (!own) continue; // a controller the linter does not know may read anything
        for (const [other, o] of Object.entries(CONTROLLER_PREFIXES)) {
          if (other === controller) continue;
          const keys = annotations.filter((k) => k.startsWith(o.prefix));
          if (keys.length === 0) continue;
          report(ing, `${describe(ing)} is served by ${own.name} (class ${controller}) but sets ${keys.slice(0, 3).join(', ')}${keys.length > 3 ? ` and ${keys.length - 3} more` : ''}, annotation${keys.length > 1 ? 's' : ''} of ${o.name}: ${own.name} ignores them`,
            PREFIX_FIX, `metadata.annotations.${keys[0]}`);
        }
      }
    }),
];
