import type { AccessInfo, AppFacts, NetworkPeer, PodRequirements, ServiceRequirements, WayIn } from './way-in';
import { fail } from '../errors';
import { refuseTls } from '../internal/service-checks';
import { serviceFqdn } from '../internal/service-dns';
import { isDnsLabel } from '../internal/validation';
import type { Prerequisite } from '../prerequisite';

/**
 * Options for `Exposure.clusterIp()`.
 */
export interface ClusterIpExposureOptions {
  /**
   * Namespaces whose pods may call the app (every pod of those namespaces).
   * `kubectl port-forward` works without this: it enters the pod through the
   * kubelet, which NetworkPolicy does not filter.
   * @default - none: only `kubectl port-forward` reaches the app
   */
  readonly allowFromNamespaces?: string[];
}

const PROP = 'exposure';

/** @internal */
export class ClusterIpWayIn implements WayIn {
  public readonly kind = 'clusterIp';
  public readonly layer4 = true;

  constructor(private readonly options: ClusterIpExposureOptions) {}

  public validate(app: AppFacts): void {
    refuseTls(app, this.kind, 'or use Exposure.ingress() to terminate TLS at the edge');
    const ns = this.options.allowFromNamespaces;
    if (ns === undefined) return;
    if (!Array.isArray(ns)) fail(app.scope, `${PROP}.allowFromNamespaces`, ns, 'must be a list of namespace names', "pass e.g. ['monitoring']");
    ns.forEach((n, i) => {
      if (!isDnsLabel(n)) fail(app.scope, `${PROP}.allowFromNamespaces[${i}]`, n, 'is not a namespace name (a DNS label)', "use e.g. 'monitoring'");
    });
  }

  public pod(): PodRequirements {
    return {};
  }

  public service(): ServiceRequirements {
    return { type: 'ClusterIP' };
  }

  public peers(): NetworkPeer[] {
    return (this.options.allowFromNamespaces ?? []).map((namespace) => ({ namespace }));
  }

  public bind(): void {}

  /** Nothing: a ClusterIP Service and its pods reference no other object. */
  public prerequisites(): Prerequisite[] {
    return [];
  }

  public describe(app: AppFacts): AccessInfo {
    const local = app.servicePort < 1024 ? 8080 : app.servicePort;
    return {
      reach: [
        `Internal only: in the cluster at http://${serviceFqdn(app)}:${app.servicePort}${app.path}`,
        `From your machine: ${app.scope.portForwardCommand(local)}  # then open http://localhost:${local}${app.path}`,
        `Or through the API server: kubectl proxy, then open ${app.scope.kubectlProxyUrl()}  (the NetworkPolicy must admit the API server for this one)`,
      ],
    };
  }
}
