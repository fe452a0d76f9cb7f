import { LintSeverity } from './finding';
import { ingressBackends, ingresses } from './ingress-rules';
import { describe } from './manifest-index';
import { Rule, rule } from './rule';

/**
 * Deprecated or removed APIs for exposure, each reported with its replacement.
 */

const REMOVED_INGRESS_APIS = new Set(['extensions/v1beta1', 'networking.k8s.io/v1beta1']);
const METALLB_OLD = 'metallb.universe.tf/';
const TRAEFIK_OLD = 'traefik.containo.us/';

export const DEPRECATED_RULES: Rule[] = [
  rule('deprecated-api', LintSeverity.ERROR,
    'Removed or deprecated exposure APIs: Ingress extensions/v1beta1 and networking.k8s.io/v1beta1 (removed in Kubernetes 1.22), serviceName/servicePort backends, metallb.universe.tf/* annotations (deprecated since MetalLB v0.14.9), traefik.containo.us CRDs (removed in Traefik v3).',
    'use the replacement named in the finding',
    (index, report) => {
      for (const o of index.objects) {
        if ((o.kind === 'Ingress' || o.kind === 'IngressClass') && REMOVED_INGRESS_APIS.has(o.apiVersion)) {
          report(o, `${describe(o)} uses apiVersion ${o.apiVersion}, removed in Kubernetes 1.22`,
            'use apiVersion networking.k8s.io/v1 (backends become service.name / service.port.number, ingress class becomes spec.ingressClassName)', 'apiVersion');
        }
        if (o.apiVersion.startsWith(TRAEFIK_OLD)) {
          report(o, `${describe(o)} uses apiVersion ${o.apiVersion}: the traefik.containo.us group was removed in Traefik v3`,
            `use apiVersion traefik.io/${o.apiVersion.slice(TRAEFIK_OLD.length)}`, 'apiVersion');
        }
        const annotations = o.obj.metadata?.annotations;
        if (annotations && typeof annotations === 'object') {
          for (const key of Object.keys(annotations)) {
            if (!key.startsWith(METALLB_OLD)) continue;
            const replacement = `metallb.io/${key.slice(METALLB_OLD.length)}`;
            report(o, `${describe(o)} uses the annotation ${key}, deprecated since MetalLB v0.14.9`,
              `rename it to ${replacement}`, `metadata.annotations.${key}`);
          }
        }
      }
      for (const ing of ingresses(index)) {
        for (const b of ingressBackends(ing)) {
          if (!b.legacy) continue;
          const port = typeof b.port === 'number' || /^\d+$/.test(String(b.port)) ? `port.number: ${b.port}` : `port.name: ${b.port}`;
          report(ing, `${describe(ing)} names its backend with serviceName/servicePort (${b.service}/${b.port}), removed with Ingress v1beta1`,
            `write the backend as service: { name: ${b.service}, ${port} } under apiVersion networking.k8s.io/v1`, b.field);
        }
      }
    }),

  rule('deprecated-ingress-class-annotation', LintSeverity.WARNING,
    'The kubernetes.io/ingress.class annotation is deprecated since Kubernetes 1.18 in favour of spec.ingressClassName.',
    'remove the annotation and set spec.ingressClassName to the IngressClass name',
    (index, report) => {
      for (const ing of ingresses(index)) {
        const cls = ing.obj.metadata?.annotations?.['kubernetes.io/ingress.class'];
        if (cls === undefined) continue;
        report(ing, `${describe(ing)} selects its controller with the deprecated annotation kubernetes.io/ingress.class=${cls}`,
          `remove the annotation and set spec.ingressClassName: ${cls}`, 'metadata.annotations.kubernetes.io/ingress.class');
      }
    }),

  rule('deprecated-load-balancer-ip', LintSeverity.WARNING,
    'spec.loadBalancerIP is deprecated (its meaning differs per provider and it cannot express dual-stack).',
    'use the provider\'s annotation (e.g. metallb.io/loadBalancerIPs, service.beta.kubernetes.io/azure-load-balancer-ipv4) instead',
    (index, report) => {
      for (const svc of index.ofKind('Service')) {
        const ip = svc.obj.spec?.loadBalancerIP;
        if (svc.apiVersion !== 'v1' || ip === undefined || ip === '') continue;
        report(svc, `${describe(svc)} sets the deprecated spec.loadBalancerIP=${ip}`,
          'use the provider\'s annotation (e.g. metallb.io/loadBalancerIPs, service.beta.kubernetes.io/azure-load-balancer-ipv4) instead', 'spec.loadBalancerIP');
      }
    }),
];
