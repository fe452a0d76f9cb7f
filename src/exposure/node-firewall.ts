import { NetworkProtocol } from '../lint/reachability';

/**
 * One port the node firewall (cloud security group, nftables, ...) must
 * open for an app whose clients reach the nodes directly (NodePort,
 * hostPort, hostNetwork). `PublicWebApp.firewallRules()` returns them; the
 * NOTES list the same rules. Everything else on the nodes can stay closed
 * to these clients.
 */
export interface NodeFirewallRule {
  /** Transport protocol. */
  readonly protocol: NetworkProtocol;
  /**
   * The port on the node.
   * @default - the nodePort Kubernetes assigns (not known at synth time: read it with `portCommand`)
   */
  readonly port?: number;
  /** A command that prints the assigned port, when `port` is unset. @default - the port is pinned */
  readonly portCommand?: string;
  /** Client CIDR blocks to let in: the app's source ranges, or `0.0.0.0/0` and `::/0`. */
  readonly sourceRanges: string[];
  /**
   * Destination addresses clients use, when the app has a floating
   * `VirtualIp` (open the port for that address only).
   * @default - the nodes' own addresses
   */
  readonly destinationAddresses?: string[];
  /** Which nodes need the rule, e.g. `every node` or `nodes labelled role=edge that run a pod of the app`. */
  readonly nodes: string;
  /** Why, in one sentence. */
  readonly description: string;
}
