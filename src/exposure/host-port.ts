import type { NodeFirewallRule } from './node-firewall';
import { exposedPorts, reachText } from './way-in';
import type { AccessInfo, AppFacts, NetworkPeer, PodRequirements, ServiceRequirements, WayIn } from './way-in';
import { fail } from '../errors';
import { EVERY_SOURCE, vipNodes } from '../internal/node-firewall';
import { checkBool, checkNodeSelector, claimHostPort, requirePrivilegedAck, refuseTls, sourceRangePeers } from '../internal/service-checks';
import { checkCidrs, checkPort, isOpenToTheWorld } from '../internal/validation';
import { NetworkProtocol } from '../lint/reachability';
import type { Prerequisite } from '../prerequisite';
import { checkVirtualIp, virtualIpReach } from '../virtual-ip/attach';
import type { VirtualIp } from '../virtual-ip/virtual-ip';

/**
 * Options for `Exposure.hostPort()`.
 */
export interface HostPortExposureOptions {
  /**
   * Confirm that the namespace is labelled
   * `pod-security.kubernetes.io/enforce: privileged`: Pod Security "baseline"
   * forbids every hostPort, so the pods are rejected anywhere else.
   */
  readonly acknowledgePrivilegedNamespace: boolean;
  /**
   * Port opened on each node that runs a pod, for the app's public port
   * (further ports reached through the exposure open their own number). Ports of node daemons (kubelet
   * 10250, ...) and ports used by another hostPort/hostNetwork app or a pinned
   * nodePort of the cdk8s App are refused.
   * @default - the container port
   */
  readonly hostPort?: number;
  /**
   * Run the pods only on nodes with these labels (e.g. the nodes your DNS or
   * firewall points at).
   * @default - any node
   */
  readonly nodeSelector?: { [key: string]: string };
  /**
   * Only clients from these CIDR blocks may reach the pods, enforced by the
   * app's NetworkPolicy (the hostPort DNAT keeps the client IP).
   * @default - every source address
   */
  readonly allowSourceRanges?: string[];
  /**
   * Run one pod on every (selected) node as a DaemonSet, so every node
   * answers on the port. With false, a Deployment of `replicas` pods with
   * required anti-affinity, rolled out one pod at a time in place
   * (`maxSurge: 0`, `maxUnavailable: 1`): a surge pod would need a node
   * without the app, and the rollout would hang when there is none.
   * @default false
   */
  readonly daemonSet?: boolean;
  /**
   * A floating address in front of the nodes (see `VirtualIp`): clients use
   * `http://<address>:<hostPort>/`. Needs `daemonSet: true`, and the
   * VirtualIp's nodeSelector must contain every label of this nodeSelector,
   * so that whichever node holds the address runs a pod of the app.
   * @default - clients use the nodes' own addresses
   */
  readonly virtualIp?: VirtualIp;
}

const PROP = 'exposure';

/** @internal */
export class HostPortWayIn implements WayIn {
  public readonly kind = 'hostPort';
  public readonly layer4 = true;

  constructor(private readonly options: HostPortExposureOptions) {}

  private hostPort(app: AppFacts): number {
    return this.options.hostPort ?? app.port;
  }

  public validate(app: AppFacts): void {
    const o = this.options ?? ({} as HostPortExposureOptions);
    requirePrivilegedAck(app, this.kind, o.acknowledgePrivilegedNamespace, 'a container hostPort');
    refuseTls(app, this.kind, 'or use Exposure.ingress() to terminate TLS at the edge');
    checkPort(app.scope, `${PROP}.hostPort`, o.hostPort);
    checkBool(app, `${PROP}.daemonSet`, o.daemonSet);
    checkNodeSelector(app, `${PROP}.nodeSelector`, o.nodeSelector);
    const ranges = checkCidrs(app.scope, `${PROP}.allowSourceRanges`, o.allowSourceRanges);
    if (o.allowSourceRanges !== undefined && ranges.length === 0) {
      fail(app.scope, `${PROP}.allowSourceRanges`, o.allowSourceRanges, 'an empty allowlist would block every client', 'list the CIDR blocks to let in, or leave allowSourceRanges unset');
    }
    (o.allowSourceRanges ?? []).forEach((c, i) => {
      if (isOpenToTheWorld(c)) fail(app.scope, `${PROP}.allowSourceRanges[${i}]`, c, 'opens the app to every address, which is what leaving allowSourceRanges unset does', 'leave allowSourceRanges unset, or list narrower blocks');
    });
    if (o.virtualIp !== undefined) {
      checkVirtualIp(app, `${PROP}.virtualIp`, o.virtualIp);
      if (o.daemonSet !== true) {
        fail(app.scope, `${PROP}.virtualIp`, o.virtualIp.node.path, 'only nodes running a pod answer on a hostPort, and a Deployment leaves some nodes of the floating address without one',
          'set daemonSet: true so every node that may hold the address runs a pod');
      }
      const vipSel = o.virtualIp._nodeSelector ?? {};
      const missing = Object.entries(o.nodeSelector ?? {}).filter(([k, v]) => vipSel[k] !== v);
      if (missing.length > 0) {
        fail(app.scope, `${PROP}.virtualIp`, o.virtualIp.node.path,
          `the app runs only on nodes labelled ${missing.map(([k, v]) => `${k}=${v}`).join(',')}, but the VirtualIp's nodeSelector does not require ${missing.length > 1 ? 'these labels' : 'that label'}, so the address can land on a node without a pod`,
          'give the VirtualIp a nodeSelector with every label of the app\'s nodeSelector');
      }
    }
    claimHostPort(app, o.hostPort !== undefined ? `${PROP}.hostPort` : exposedPorts(app)[0].prop === 'port' ? 'port' : `${exposedPorts(app)[0].prop}.port`, this.hostPort(app), o.nodeSelector);
    // the other ports of the way in get a hostPort of their own number
    for (const p of exposedPorts(app).slice(1)) claimHostPort(app, `${p.prop}.port`, p.port, o.nodeSelector);
  }

  public pod(app: AppFacts): PodRequirements {
    const daemonSet = this.options.daemonSet ?? false;
    return {
      hostPort: this.hostPort(app),
      daemonSet,
      // Two replicas on one node cannot both bind the host port: the second stays Pending.
      oneReplicaPerNode: !daemonSet,
      nodeSelector: this.options.nodeSelector,
      needsPrivilegedNamespace: true,
    };
  }

  public service(): ServiceRequirements {
    // In-cluster clients use the Service; outside clients use the node's port.
    return { type: 'ClusterIP' };
  }

  public peers(): NetworkPeer[] {
    return sourceRangePeers(this.options.allowSourceRanges, `${PROP}.allowSourceRanges`);
  }

  public bind(): void {}

  /** Nothing: the CNI's hostPort (portmap) support is a node feature, not an object. */
  public prerequisites(): Prerequisite[] {
    return [];
  }

  /** One TCP rule: the hostPort, from the source ranges, on the nodes that run a pod (or the VIP's nodes). */
  /** One rule per port of the way in: the public port on its hostPort, the others on their own numbers (as claimed). */
  public firewall(app: AppFacts): NodeFirewallRule[] {
    const o = this.options;
    const sel = o.nodeSelector ? ` labelled ${Object.entries(o.nodeSelector).map(([k, v]) => `${k}=${v}`).join(',')}` : '';
    return exposedPorts(app).map((p, i) => ({
      protocol: p.protocol as NetworkProtocol,
      port: i === 0 ? this.hostPort(app) : p.port,
      sourceRanges: o.allowSourceRanges && o.allowSourceRanges.length > 0 ? [...o.allowSourceRanges] : [...EVERY_SOURCE],
      destinationAddresses: o.virtualIp ? [o.virtualIp.address] : undefined,
      nodes: vipNodes(o.virtualIp) ?? (o.daemonSet ? `every node${sel} (a DaemonSet runs a pod on each)` : `the nodes${sel} that run a pod of the app`),
      description: `the hostPort of the app's pods for port ${p.name} (${p.protocol}; the CNI portmap plugin forwards it to the pod)`,
    }));
  }

  public describe(app: AppFacts): AccessInfo {
    const ns = app.namespace ? ` -n ${app.namespace}` : '';
    const port = this.hostPort(app);
    const vip = this.options.virtualIp;
    if (vip) {
      const v = virtualIpReach(vip, app, String(port));
      return {
        url: v.url,
        reach: [...v.reach, `kubectl get pods${ns} -l app.kubernetes.io/name=${app.name} -o wide  # NODE column: the holder must be one of them`],
        edgeChecks: [...v.checks, `From a machine outside the cluster: ${v.check}`],
      };
    }
    return {
      reach: [
        this.options.daemonSet ? `${reachText(app, '<node-ip>', port).open} on any ${this.options.nodeSelector ? 'selected ' : ''}node (a DaemonSet runs one pod on each).`
          : `${reachText(app, '<node-ip>', port).open} on a node that runs a pod (at most one pod per node; replicas beyond the eligible nodes stay Pending).`,
        `kubectl get pods${ns} -l app.kubernetes.io/name=${app.name} -o wide  # NODE column; kubectl get nodes -o wide for their IPs`,
        `Node firewalls / security groups must let clients reach port ${port}.`,
      ],
      edgeChecks: [
        `kubectl describe pods${ns} -l app.kubernetes.io/name=${app.name}  # a Pending pod whose Events say 'didn't have free ports' clashes with another hostPort ${port} on every node left`,
        `On the node: ss -ltn 'sport = :${port}'  # the CNI's portmap plugin forwards the port; nothing listens on it directly`,
      ],
    };
  }
}
