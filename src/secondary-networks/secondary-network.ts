import { NetworkAttachment } from './network-attachment';

/** Protocol of a MultiNetworkPolicy port. */
export enum SecondaryNetworkProtocol {
  /** TCP (the default) */
  TCP = 'TCP',
  /** UDP */
  UDP = 'UDP',
  /** SCTP */
  SCTP = 'SCTP',
}

/** A peer the MultiNetworkPolicy of a secondary interface admits. */
export interface SecondaryNetworkPeer {
  /** Addresses of the peer on the secondary network (`ipBlock.cidr`). */
  readonly cidr: string;
  /**
   * Ports admitted (on the pod for ingress, on the peer for egress).
   * @default - every port
   */
  readonly ports?: number[];
  /**
   * Protocol of `ports`.
   * @default SecondaryNetworkProtocol.TCP
   */
  readonly protocol?: SecondaryNetworkProtocol;
}

/**
 * One secondary network of an app's pods: an entry of the pod's
 * `k8s.v1.cni.cncf.io/networks` annotation in its JSON form (Network
 * Plumbing WG multi-net-spec, "NetworkSelectionElement": name, namespace,
 * interface, ips, mac), and the MultiNetworkPolicy that guards it.
 */
export interface SecondaryNetwork {
  /** The network to attach. */
  readonly attachment: NetworkAttachment;
  /**
   * Name of the interface in the pod (selection element `interface`).
   * @default - net1, net2, ... in the order of the list (Multus' own default names)
   */
  readonly interfaceName?: string;
  /**
   * The pod's addresses with prefix length (selection element `ips`); only
   * for an attachment with `Ipam.static()` and no fixed addresses, and only
   * for an app with one replica (one address cannot serve several pods).
   * @default - none (the attachment's IPAM chooses)
   */
  readonly ips?: string[];
  /**
   * The interface's MAC address (selection element `mac`); needs an
   * attachment with `perPodMac: true` and one replica.
   * @default - chosen by the plugin
   */
  readonly mac?: string;
  /**
   * Peers that may connect to the pods on this interface. Everything else
   * is denied (the interface's MultiNetworkPolicy lists Ingress in policyTypes).
   * @default - none: no inbound traffic on this interface
   */
  readonly allowIngressFrom?: SecondaryNetworkPeer[];
  /**
   * Peers the pods may connect to through this interface. Everything else
   * is denied (the policy lists Egress in policyTypes).
   * @default - none: no outbound traffic on this interface
   */
  readonly allowEgressTo?: SecondaryNetworkPeer[];
}

