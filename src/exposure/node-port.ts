import type { NodeFirewallRule } from './node-firewall';
import { ExternalTrafficPolicy } from './service-options';
import { exposedPorts, reachText } from './way-in';
import type { AccessInfo, AppFacts, NetworkPeer, PodRequirements, ServiceRequirements, WayIn } from './way-in';
import { fail } from '../errors';
import { EVERY_SOURCE, vipNodes } from '../internal/node-firewall';
import { NODE_PORT_MAX, NODE_PORT_MIN, checkEnum, claimNodePort, refuseTls, sourceRangePeers } from '../internal/service-checks';
import { checkCidrs, isOpenToTheWorld } from '../internal/validation';
import { NetworkProtocol } from '../lint/reachability';
import type { Prerequisite } from '../prerequisite';
import { checkVirtualIp, virtualIpReach } from '../virtual-ip/attach';
import type { VirtualIp } from '../virtual-ip/virtual-ip';

/**
 * Options for `Exposure.nodePort()`.
 */
export interface NodePortExposureOptions {
  /**
   * The port every node opens for the app, 30000-32767. Pinned ports are
   * checked against every other Service of the cdk8s App.
   * @default - assigned by Kubernetes (read it with `kubectl get svc`)
   */
  readonly nodePort?: number;
  /**
   * `Cluster` answers on every node but hides the client IP behind a node IP;
   * `Local` keeps the client IP, but only nodes running a pod answer.
   * @default ExternalTrafficPolicy.CLUSTER - clients usually hit any node's IP, and only Cluster answers on all of them
   */
  readonly externalTrafficPolicy?: ExternalTrafficPolicy;
  /**
   * Only clients from these CIDR blocks may reach the pods, enforced by the
   * app's NetworkPolicy. Needs `ExternalTrafficPolicy.LOCAL`: with `Cluster`
   * the pods see node IPs, not client IPs.
   * @default - every source address
   */
  readonly allowSourceRanges?: string[];
  /**
   * A floating address in front of the nodes (see `VirtualIp`): clients use
   * `http://<address>:<nodePort>/`, held by one node at a time, instead of a
   * node IP that disappears with its node. Needs
   * `ExternalTrafficPolicy.CLUSTER`: with `Local` the node holding the
   * address drops the traffic unless it runs a pod of the app.
   * @default - clients use the nodes' own addresses
   */
  readonly virtualIp?: VirtualIp;
}

const PROP = 'exposure';

/** @internal */
export class NodePortWayIn implements WayIn {
  public readonly kind = 'nodePort';
  public readonly layer4 = true;

  constructor(private readonly options: NodePortExposureOptions) {}

  private get policy(): ExternalTrafficPolicy {
    return this.options.externalTrafficPolicy ?? ExternalTrafficPolicy.CLUSTER;
  }

  public validate(app: AppFacts): void {
    const o = this.options;
    refuseTls(app, this.kind, 'or use Exposure.ingress() to terminate TLS at the edge');
    checkEnum(app, `${PROP}.externalTrafficPolicy`, o.externalTrafficPolicy, ExternalTrafficPolicy);
    const ranges = checkCidrs(app.scope, `${PROP}.allowSourceRanges`, o.allowSourceRanges);
    if (o.allowSourceRanges !== undefined) {
      if (ranges.length === 0) fail(app.scope, `${PROP}.allowSourceRanges`, o.allowSourceRanges, 'an empty allowlist would block every client', 'list the CIDR blocks to let in, or leave allowSourceRanges unset');
      if (this.policy !== ExternalTrafficPolicy.LOCAL) {
        fail(app.scope, `${PROP}.allowSourceRanges`, o.allowSourceRanges, 'with externalTrafficPolicy Cluster the node SNATs the traffic, so the pods see node IPs and the allowlist would block every client',
          'also set externalTrafficPolicy: ExternalTrafficPolicy.LOCAL (clients must then use a node that runs a pod)');
      }
      o.allowSourceRanges.forEach((c, i) => {
        if (isOpenToTheWorld(c)) fail(app.scope, `${PROP}.allowSourceRanges[${i}]`, c, 'opens the app to every address, which is what leaving allowSourceRanges unset does', 'leave allowSourceRanges unset, or list narrower blocks');
      });
    }
    if (o.virtualIp !== undefined) {
      checkVirtualIp(app, `${PROP}.virtualIp`, o.virtualIp);
      if (this.policy === ExternalTrafficPolicy.LOCAL) {
        fail(app.scope, `${PROP}.virtualIp`, o.virtualIp.node.path,
          'with externalTrafficPolicy Local only nodes running a pod of the app answer, and the floating address can sit on any node of its manager (kube-proxy drops the traffic there)',
          'use ExternalTrafficPolicy.CLUSTER with a virtualIp (an allowlist then cannot be enforced by the NetworkPolicy: filter the sources in the node firewall, see firewallRules())');
      }
    }
    claimNodePort(app, `${PROP}.nodePort`, o.nodePort);
  }

  public pod(): PodRequirements {
    return {};
  }

  public service(): ServiceRequirements {
    return { type: 'NodePort', nodePort: this.options.nodePort, externalTrafficPolicy: this.policy };
  }

  public peers(): NetworkPeer[] {
    // Clients arrive from outside the cluster on any node.
    return sourceRangePeers(this.options.allowSourceRanges, `${PROP}.allowSourceRanges`);
  }

  public bind(): void {}

  /** Nothing: kube-proxy (or its replacement) opens the port on every node; no other object is referenced. */
  public prerequisites(): Prerequisite[] {
    return [];
  }

  /**
   * What a failed curl to a node port means. kube-proxy (kubernetes
   * pkg/proxy/iptables/proxier.go, nftables alike) REJECTs packets for a
   * Service without any endpoint ('connection refused'), but with
   * externalTrafficPolicy Local DROPs them on a node without a local endpoint:
   * the client times out, exactly as behind a firewall.
   */
  private failureModes(): string {
    return this.policy === ExternalTrafficPolicy.LOCAL
      ? "a timeout is a firewall or security group, or a node without a ready pod of the app (externalTrafficPolicy Local: kube-proxy drops the packets there); 'connection refused' means the Service has no ready endpoint at all"
      : "a timeout is a firewall or security group; 'connection refused' means the Service has no ready endpoint (kube-proxy rejects)";
  }

  /**
   * One rule per port of the way in (its protocol): the nodePort, from the source ranges, on every node
   * (Cluster) or the nodes with a pod (Local), or the VIP's nodes. Only the public port's nodePort can be pinned.
   */
  public firewall(app: AppFacts): NodeFirewallRule[] {
    const o = this.options;
    const ns = app.namespace ? ` -n ${app.namespace}` : '';
    const vip = o.virtualIp;
    return exposedPorts(app).map((p, i) => ({
      protocol: p.protocol as NetworkProtocol,
      port: i === 0 ? o.nodePort : undefined,
      portCommand: i === 0 && o.nodePort !== undefined ? undefined
        : `kubectl get svc ${app.name}${ns} -o jsonpath='{.spec.ports[?(@.name=="${p.name}")].nodePort}'`,
      sourceRanges: o.allowSourceRanges && o.allowSourceRanges.length > 0 ? [...o.allowSourceRanges] : [...EVERY_SOURCE],
      destinationAddresses: vip ? [vip.address] : undefined,
      nodes: vipNodes(vip) ?? (this.policy === ExternalTrafficPolicy.LOCAL ? 'the nodes that run a pod of the app (externalTrafficPolicy Local)' : 'every node (kube-proxy opens the nodePort on all of them)'),
      description: `the NodePort of Service ${app.name} port ${p.name} (${p.protocol}); kube-proxy forwards to the pods over the pod network, which needs no rule here`,
    }));
  }

  public describe(app: AppFacts): AccessInfo {
    const ns = app.namespace ? ` -n ${app.namespace}` : '';
    const port = this.options.nodePort;
    const portText = port !== undefined ? String(port) : '<nodePort>';
    const vip = this.options.virtualIp;
    if (vip) {
      const v = virtualIpReach(vip, app, portText);
      return {
        url: port !== undefined ? v.url : undefined,
        reach: [
          ...v.reach,
          port !== undefined ? `The nodePort is pinned to ${port}.`
            : `kubectl get svc ${app.name}${ns} -o jsonpath='{.spec.ports[0].nodePort}'  # the assigned nodePort (${NODE_PORT_MIN}-${NODE_PORT_MAX})`,
        ],
        edgeChecks: [
          ...v.checks,
          `From a machine outside the cluster: ${v.check}  # ${this.failureModes()}`,
        ],
      };
    }
    return {
      reach: [
        `${reachText(app, '<node-ip>', portText).open} on ${this.policy === ExternalTrafficPolicy.LOCAL ? 'a node that runs a pod of the app' : 'any node'} (kubectl get nodes -o wide: INTERNAL-IP/EXTERNAL-IP).`,
        port !== undefined ? `The nodePort is pinned to ${port}.`
          : `kubectl get svc ${app.name}${ns} -o jsonpath='{.spec.ports[0].nodePort}'  # the assigned nodePort (${NODE_PORT_MIN}-${NODE_PORT_MAX})`,
        `Node firewalls / security groups must let clients reach port ${portText}.`,
      ],
      edgeChecks: [
        `From a machine outside the cluster: ${reachText(app, '<node-ip>', portText).check}  # ${this.failureModes()}`,
      ],
    };
  }
}
