import { LintSeverity } from './finding';
import { ingresses } from './ingress-rules';
import { describe, ManifestIndex } from './manifest-index';
import { Rule, rule } from './rule';

/**
 * References between objects written in each controller's own syntax, checked
 * against the objects of the input. A Helm chart or a Kustomize overlay
 * rarely carries the cluster's Secrets or shared controller resources, so a
 * reference is reported only when the input holds objects of the target kind
 * where the reference looks (the same namespace for namespaced kinds): then
 * the input is meant to carry them, and a name that is not among them is a
 * typo or a forgotten object. Sources:
 * - Ingress `spec.tls[].secretName`: a Secret in the Ingress's namespace
 *   (Ingress API reference); cert-manager creates it when the Ingress carries
 *   `cert-manager.io/issuer` / `cluster-issuer` or a Certificate names it;
 * - Traefik `traefik.ingress.kubernetes.io/router.middlewares`: comma-separated
 *   `<namespace>-<name>@kubernetescrd` names of Middleware objects
 *   (traefik.io/v1alpha1; Traefik docs "Kubernetes Ingress" routing
 *   configuration);
 * - Kong `konghq.com/plugins`: comma-separated names of KongPlugins in the
 *   object's namespace or KongClusterPlugins (configuration.konghq.com/v1;
 *   Kong Ingress Controller annotation reference);
 * - MetalLB `metallb.io/address-pool` (or the deprecated
 *   `metallb.universe.tf/address-pool`): the name of an IPAddressPool
 *   (metallb `controller/service.go`); a missing pool leaves the Service
 *   `<pending>`.
 */

const REF_FIX = 'fix the name, or add the object it names to the manifests (or disable reference-missing when it is deployed separately)';

function csv(v: unknown): string[] {
  return typeof v === 'string' ? v.split(',').map((s) => s.trim()).filter((s) => s !== '') : [];
}

/** Namespaces in which the input holds objects of `kind` (filter by apiVersion prefix). */
function namespacesWith(index: ManifestIndex, kind: string, apiPrefix: string): Set<string> {
  return new Set(index.ofKind(kind).filter((o) => o.apiVersion.startsWith(apiPrefix)).map((o) => o.ns));
}

export const REFERENCE_RULES: Rule[] = [
  rule('reference-missing', LintSeverity.WARNING,
    'An Ingress TLS secretName, a Traefik router.middlewares entry, a Kong konghq.com/plugins entry or a MetalLB address-pool annotation that names an object the input does not hold breaks that route or Service (no certificate, a 404 router, a pending address). Reported only when the input holds objects of that kind where the reference looks, as a chart usually leaves them out.',
    REF_FIX,
    (index, report) => {
      // Ingress TLS Secrets
      const secretsByNs = new Map<string, Set<string>>();
      for (const s of index.ofKind('Secret')) {
        if (s.apiVersion !== 'v1') continue;
        let set = secretsByNs.get(s.ns);
        if (!set) secretsByNs.set(s.ns, set = new Set());
        set.add(s.name);
      }
      const certSecrets = new Set(index.ofKind('Certificate').filter((c) => c.apiVersion.startsWith('cert-manager.io/'))
        .map((c) => `${c.ns}/${c.obj.spec?.secretName}`));
      for (const ing of ingresses(index)) {
        const a = ing.obj.metadata?.annotations ?? {};
        const secrets = secretsByNs.get(ing.ns);
        if (!secrets || a['cert-manager.io/issuer'] || a['cert-manager.io/cluster-issuer']) continue;
        (Array.isArray(ing.obj.spec?.tls) ? ing.obj.spec.tls : []).forEach((t: any, i: number) => {
          const name = t?.secretName;
          if (typeof name !== 'string' || name === '' || secrets.has(name) || certSecrets.has(`${ing.ns}/${name}`)) return;
          report(ing, `${describe(ing)} serves TLS with Secret ${name}, which is neither among the Secrets of namespace ${ing.ns} in the input nor made by a Certificate there: the controller falls back to its default certificate`,
            REF_FIX, `spec.tls[${i}].secretName`);
        });
      }

      // Traefik middlewares
      const middlewares = index.ofKind('Middleware').filter((m) => /^traefik\.(io|containo\.us)\//.test(m.apiVersion));
      if (middlewares.length > 0) {
        const names = new Set(middlewares.map((m) => `${m.ns}-${m.name}@kubernetescrd`));
        const key = 'traefik.ingress.kubernetes.io/router.middlewares';
        for (const ing of ingresses(index)) {
          for (const ref of csv(ing.obj.metadata?.annotations?.[key])) {
            if (!ref.endsWith('@kubernetescrd') || names.has(ref)) continue;
            report(ing, `${describe(ing)} uses Traefik middleware ${ref}, but no Middleware <namespace>-<name> of the input has that name: Traefik does not build the router and the path answers 404`,
              REF_FIX, `metadata.annotations.${key}`);
          }
        }
      }

      // Kong plugins (on Ingresses, Services and routes)
      const kongNs = namespacesWith(index, 'KongPlugin', 'configuration.konghq.com/');
      const clusterPlugins = new Set(index.ofKind('KongClusterPlugin').filter((p) => p.apiVersion.startsWith('configuration.konghq.com/')).map((p) => p.name));
      if (kongNs.size > 0 || clusterPlugins.size > 0) {
        const plugins = new Set(index.ofKind('KongPlugin').filter((p) => p.apiVersion.startsWith('configuration.konghq.com/')).map((p) => `${p.ns}/${p.name}`));
        for (const obj of index.objects) {
          const refs = csv(obj.obj.metadata?.annotations?.['konghq.com/plugins']);
          if (refs.length === 0) continue;
          for (const name of refs) {
            if (plugins.has(`${obj.ns}/${name}`) || clusterPlugins.has(name)) continue;
            report(obj, `${describe(obj)} enables Kong plugin ${name}, but the input has no KongPlugin ${obj.ns}/${name} and no KongClusterPlugin ${name}: Kong does not apply it`,
              REF_FIX, 'metadata.annotations.konghq.com/plugins');
          }
        }
      }

      // MetalLB pools
      const pools = new Set(index.ofKind('IPAddressPool').filter((p) => p.apiVersion.startsWith('metallb.io/')).map((p) => p.name));
      if (pools.size > 0) {
        for (const svc of index.ofKind('Service')) {
          if (svc.apiVersion !== 'v1') continue;
          const a = svc.obj.metadata?.annotations ?? {};
          const key = typeof a['metallb.io/address-pool'] === 'string' ? 'metallb.io/address-pool'
            : typeof a['metallb.universe.tf/address-pool'] === 'string' ? 'metallb.universe.tf/address-pool' : undefined;
          if (!key || pools.has(a[key])) continue;
          report(svc, `${describe(svc)} asks MetalLB for an address from pool ${a[key]}, but no IPAddressPool of the input has that name: the Service stays <pending>`,
            REF_FIX, `metadata.annotations.${key}`);
        }
      }
    }),
];
