/**
 * The ports of an app: name, number, protocol and who may reach each one.
 */

/**
 * Transport protocol of a port (`containerPort.protocol`, `ServicePort.protocol`,
 * `NetworkPolicyPort.protocol`: TCP, UDP or SCTP in Kubernetes).
 */
export enum PortProtocol {
  /** TCP (the Kubernetes default) */
  TCP = 'TCP',
  /** UDP, e.g. DNS, QUIC, syslog */
  UDP = 'UDP',
  /** SCTP (GA since Kubernetes 1.20; needs a CNI and kube-proxy mode that carry it) */
  SCTP = 'SCTP',
}

/**
 * Pods allowed to reach an internal port: every pod of a namespace, pods
 * with given labels in the app's namespace, or both (pods with those labels
 * in that namespace), as one `NetworkPolicyPeer`.
 */
export interface PortPeer {
  /**
   * Namespace of the clients (matched on its `kubernetes.io/metadata.name` label).
   * @default - the app's namespace (only with `podLabels`)
   */
  readonly namespace?: string;
  /**
   * Labels of the client pods.
   * @default - every pod of `namespace`
   */
  readonly podLabels?: { [key: string]: string };
}

/** Who may reach one port of the app. */
export class PortAccess {
  /**
   * Clients of the app's way in (`PublicWebAppProps.exposure`): the port is
   * part of the Service and the NetworkPolicy admits the way in's sources.
   * HTTP ways in (ingress, gateway HTTPRoute, mesh) carry exactly one such
   * port, over TCP; Service-based ways in (loadBalancer, nodePort, hostPort,
   * hostNetwork, externalIps, clusterIp) carry every such port.
   */
  public static exposure(): PortAccess {
    return new PortAccess('exposure', []);
  }

  /**
   * Only pods inside the cluster named here (e.g. Prometheus in namespace
   * `monitoring` for a metrics port). The port is on a ClusterIP Service
   * (`<name>-internal` when the app's own Service is a LoadBalancer, NodePort
   * or has externalIPs, so the port never reaches the edge), and the
   * NetworkPolicy admits only these peers to it.
   * @param peers namespaces and/or pod labels of the clients (at least one)
   */
  public static internal(peers: PortPeer[]): PortAccess {
    return new PortAccess('internal', peers);
  }

  /**
   * Nobody from outside the pod (a debug or admin port reached with
   * `kubectl port-forward`, which enters through the kubelet): a container
   * port only, not on any Service, and no NetworkPolicy rule admits it.
   */
  public static podLocal(): PortAccess {
    return new PortAccess('podLocal', []);
  }

  /** @internal */
  public readonly _kind: 'exposure' | 'internal' | 'podLocal';
  /** @internal */
  public readonly _peers: PortPeer[];

  private constructor(kind: 'exposure' | 'internal' | 'podLocal', peers: PortPeer[]) {
    this._kind = kind;
    this._peers = peers;
  }
}

/**
 * One named port of an app's container.
 */
export interface AppPort {
  /**
   * Name of the container port and of its Service port (an IANA service
   * name: at most 15 lower-case letters, digits and '-', at least one
   * letter, no '--'; what the API server accepts for `containerPort.name`).
   * Probes, routes and `kubectl port-forward` can use it.
   */
  readonly name: string;
  /** Port the container listens on. */
  readonly port: number;
  /**
   * Transport protocol. The same number may appear twice with two protocols
   * (a DNS server on TCP and UDP 53), under two names.
   * @default PortProtocol.TCP
   */
  readonly protocol?: PortProtocol;
  /**
   * Application protocol of the Service port (`appProtocol`), e.g.
   * `kubernetes.io/h2c` (HTTP/2 without TLS), `kubernetes.io/ws`, `grpc`:
   * Gateway API implementations and meshes read it to pick the upstream
   * protocol (GEP-1911). A qualified name, like a label key.
   * @default - none
   */
  readonly appProtocol?: string;
  /**
   * Port of the Service for this port.
   * @default - the same number as `port`
   */
  readonly servicePort?: number;
  /** Who may reach this port. */
  readonly access: PortAccess;
}
