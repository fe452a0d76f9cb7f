import type { NodeFirewallRule } from './node-firewall';
import { exposedPorts, reachText } from './way-in';
import type { AccessInfo, AppFacts, NetworkPeer, PodRequirements, ServiceRequirements, WayIn } from './way-in';
import { EVERY_SOURCE } from '../internal/node-firewall';
import { EVERYWHERE, checkBool, checkNodeSelector, claimHostPort, requirePrivilegedAck, refuseTls } from '../internal/service-checks';
import { labelsText } from '../internal/validation';
import { addWarning } from '../internal/warnings';
import { NetworkProtocol } from '../lint/reachability';
import type { Prerequisite } from '../prerequisite';

/**
 * Options for `Exposure.hostNetwork()`.
 */
export interface HostNetworkExposureOptions {
  /**
   * Confirm that the namespace is labelled
   * `pod-security.kubernetes.io/enforce: privileged`: Pod Security "baseline"
   * forbids hostNetwork, so the pods are rejected anywhere else.
   */
  readonly acknowledgePrivilegedNamespace: boolean;
  /**
   * Run one pod per (selected) node as a DaemonSet (the app's `replicas` is
   * then refused rather than ignored). With false, a Deployment of
   * `replicas` pods with required anti-affinity: extra replicas stay Pending
   * instead of crashing on a port that is already bound, and rollouts replace
   * one pod at a time in place (`maxSurge: 0`, `maxUnavailable: 1`) since a
   * surge pod would need a node without the app.
   * @default true
   */
  readonly daemonSet?: boolean;
  /**
   * Run the pods only on nodes with these labels.
   * @default - every node
   */
  readonly nodeSelector?: { [key: string]: string };
}

const PROP = 'exposure';

/** @internal */
export class HostNetworkWayIn implements WayIn {
  public readonly kind = 'hostNetwork';
  public readonly layer4 = true;

  constructor(private readonly options: HostNetworkExposureOptions) {}

  public validate(app: AppFacts): void {
    const o = this.options ?? ({} as HostNetworkExposureOptions);
    requirePrivilegedAck(app, this.kind, o.acknowledgePrivilegedNamespace, 'hostNetwork');
    refuseTls(app, this.kind, 'or use Exposure.ingress() to terminate TLS at the edge');
    checkBool(app, `${PROP}.daemonSet`, o.daemonSet);
    checkNodeSelector(app, `${PROP}.nodeSelector`, o.nodeSelector);
    // Every container port is bound on the node itself.
    for (const p of app.ports) claimHostPort(app, p.prop === 'port' ? 'port' : `${p.prop}.port`, p.port, o.nodeSelector);
    const closed = app.ports.filter((p) => p.access !== 'exposure');
    if (closed.length > 0) {
      // NetworkPolicy selects pods by their pod IP; a hostNetwork pod has the node's IP and no policy applies to it (kubernetes.io NetworkPolicy docs, "hostNetwork pods")
      addWarning(app.scope, `port${closed.length > 1 ? 's' : ''} ${closed.map((p) => `${p.name} (${p.port}/${p.protocol})`).join(', ')} ${closed.length > 1 ? 'are' : 'is'} internal or pod-local, but a hostNetwork pod listens on the node's addresses and NetworkPolicy does not apply to it: whoever reaches the node reaches the port; bind it to 127.0.0.1 in the app (pod-local) or block it in the node firewall`);
    }
  }

  public pod(): PodRequirements {
    const daemonSet = this.options.daemonSet ?? true;
    return {
      hostNetwork: true,
      daemonSet,
      oneReplicaPerNode: !daemonSet,
      nodeSelector: this.options.nodeSelector,
      needsPrivilegedNamespace: true,
    };
  }

  public service(): ServiceRequirements {
    return { type: 'ClusterIP' };
  }

  public peers(): NetworkPeer[] {
    // NetworkPolicy does not apply to hostNetwork pods (they share the node's
    // network namespace); the policy is written open so it does not pretend otherwise.
    return EVERYWHERE;
  }

  public bind(): void {}

  /** Nothing: the pods use the node's network; no other object is referenced. */
  public prerequisites(): Prerequisite[] {
    return [];
  }

  /** One TCP rule: the app's port on the nodes that run a pod, from everywhere (NetworkPolicy does not apply to hostNetwork pods). */
  /** One rule per port of the way in; internal ports listen on the node too, but only their peers should reach them. */
  public firewall(app: AppFacts): NodeFirewallRule[] {
    const sel = this.options.nodeSelector ? ` labelled ${Object.entries(this.options.nodeSelector).map(([k, v]) => `${k}=${v}`).join(',')}` : '';
    return exposedPorts(app).map((p) => ({
      protocol: p.protocol as NetworkProtocol,
      port: p.port,
      sourceRanges: [...EVERY_SOURCE],
      nodes: (this.options.daemonSet ?? true) ? `every node${sel} (a DaemonSet runs a pod on each)` : `the nodes${sel} that run a pod of the app`,
      description: `the app listens on the node itself (hostNetwork) on port ${p.name} (${p.protocol}); the node firewall is the only filter, so narrow the sources there`,
    }));
  }

  public describe(app: AppFacts): AccessInfo {
    const ns = app.namespace ? ` -n ${app.namespace}` : '';
    const sel = this.options.nodeSelector;
    return {
      reach: [
        `${reachText(app, '<node-ip>', app.port).open} on ${sel ? `a node labelled ${labelsText(sel)}` : 'any node running a pod'}.`,
        `kubectl get pods${ns} -l app.kubernetes.io/name=${app.name} -o wide  # NODE column; kubectl get nodes -o wide for their IPs`,
        'The app listens in the node\'s network namespace: node firewalls apply, NetworkPolicy does not.',
      ],
      edgeChecks: [
        `kubectl describe pods${ns} -l app.kubernetes.io/name=${app.name}  # CrashLoopBackOff with 'address already in use' in the logs: another process on that node holds port ${app.port}`,
        `On the node: ss -ltnp 'sport = :${app.port}'  # which process listens on the port`,
      ],
    };
  }
}
