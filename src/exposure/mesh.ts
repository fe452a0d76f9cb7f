import type { AccessInfo, AppFacts, NetworkPeer, PodRequirements, ServiceRequirements, WayIn } from './way-in';
import { fail } from '../errors';
import { claimHostPath } from '../internal/app-claims';
import { serviceFqdn } from '../internal/service-dns';
import { labelsText } from '../internal/validation';
import { MeshDataplane, MeshExposureOptions } from '../mesh-gateway/mesh-exposure-options';
import type { MeshGateway } from '../mesh-gateway/mesh-gateway';
import { bindMeshApp, MeshAppBinding } from '../mesh-gateway/mesh-route';
import type { Prerequisite } from '../prerequisite';

/**
 * Adapter between PublicWebApp and an Istio MeshGateway. The mesh objects are
 * created while validating (bindMeshApp validates everything before it
 * writes), so the pod labels and NetworkPolicy peers come from the binding.
 * @internal
 */
export class MeshWayIn implements WayIn {
  public readonly kind = 'mesh';
  /** apps on one gateway share host+path claims; bindMeshApp refuses real duplicates and admits canaries */
  public readonly shareKey: string;
  private binding?: MeshAppBinding;

  constructor(private readonly edge: MeshGateway, private readonly options: MeshExposureOptions) {
    this.shareKey = `mesh:${edge.node.path}`;
  }

  public validate(app: AppFacts): void {
    if (app.tls) {
      fail(app.scope, 'tls', 'set', 'with a mesh exposure TLS ends at the MeshGateway, which holds the certificate',
        "remove tls from the app and set tls on the MeshGateway (MeshTls.simple({ credentialName: 'wildcard-cert' }))");
    }
    // The app's AuthorizationPolicy ALLOWs only the gateway's identity on the app port, and an ALLOW policy denies
    // every request it does not match (istio.io "Authorization Policy": "deny the request if no ALLOW policy matches");
    // PeerAuthentication STRICT also refuses plain-text clients. An internal port (Prometheus, gRPC peers) would be refused by
    // the sidecar although the NetworkPolicy admits it.
    const internal = app.ports.find((p) => p.access === 'internal');
    if (internal) {
      fail(app.scope, `${internal.prop}.access`, 'internal', `the mesh's AuthorizationPolicy admits only the gateway on port ${app.port} and its PeerAuthentication requires mTLS, so the sidecar would refuse the internal clients of port ${internal.name}`,
        'reach the port through the mesh itself (its own AuthorizationPolicy for those clients), make it PortAccess.podLocal(), or use another way in');
    }
    // bindMeshApp writes the mesh objects: refuse a host + path clash before it does
    claimHostPath(app, this);
    this.binding = bindMeshApp(this.edge, {
      scope: app.scope,
      name: app.name,
      namespace: app.namespace,
      serviceName: app.name,
      servicePort: app.servicePort,
      containerPort: app.port,
      host: app.host,
      path: app.path,
      podLabels: app.selector,
      version: this.options.version,
      optionsProp: 'exposure',
    }, this.options);
  }

  public pod(): PodRequirements {
    const b = this.binding!;
    return { podLabels: b.podLabels, needsPrivilegedNamespace: b.needsPrivilegedNamespace || undefined };
  }

  public service(): ServiceRequirements {
    return { type: 'ClusterIP' };
  }

  public peers(): NetworkPeer[] {
    const b = this.binding!;
    return [
      { namespace: b.networkPolicyNamespace, podLabels: b.networkPolicyPodLabels, ports: b.networkPolicyPorts },
      ...b.networkPolicyExtraIngress.map((p) => ({ ...p, ports: [...p.ports] })),
    ];
  }

  /** A sidecar needs istiod (TCP 15012); ambient pods need nothing beyond DNS (ztunnel talks to istiod). */
  public egress(): NetworkPeer[] {
    return this.binding!.networkPolicyEgress.map((p) => ({ ...p, ports: [...p.ports] }));
  }

  public bind(): void {}

  /** The MeshGateway's prerequisites (Istio, the gateway pods, its certificate): the app's traffic enters through it. */
  public prerequisites(): Prerequisite[] {
    return this.edge.prerequisites();
  }

  public describe(app: AppFacts): AccessInfo {
    const edge = this.edge;
    const hosts = app.host ? [app.host] : edge.hosts;
    const url = app.host && !app.host.startsWith('*') ? `https://${app.host}${app.path}` : undefined;
    const gw = `-n ${edge.namespace} -l ${labelsText(edge.selector)}`;
    const n = app.namespace ? ` -n ${app.namespace}` : '';
    return {
      url,
      reach: [
        url ? `Open ${url} (DNS must point at the Istio ingress gateway's load balancer).` : `Send requests for ${hosts.join(', ')} path ${app.path} to the Istio ingress gateway.`,
        `kubectl get svc ${gw}  # EXTERNAL-IP of the gateway`,
        `istioctl x describe service ${app.name}${n}  # routes, mTLS and policies`,
      ],
      edgeLogs: `kubectl logs ${gw} --tail=100`,
      inClusterCheck: [
        `istioctl proxy-config endpoints -n ${edge.namespace} $(kubectl get pods ${gw} -o name | head -n 1 | cut -d/ -f2) --cluster 'outbound|${app.servicePort}||${serviceFqdn(app)}'  # STATUS HEALTHY: the gateway sees the pods`,
        '  (a plain netshoot pod cannot test this app: STRICT mTLS refuses clients without a sidecar and the NetworkPolicy admits only the gateway)',
      ],
      edgeChecks: [
        `istioctl analyze${n}  # Gateway, VirtualService and DestinationRule mistakes`,
        `kubectl get peerauthentication,authorizationpolicy${n}  # STRICT mTLS refuses clients without a sidecar; ALLOW policies refuse every caller they do not list`,
        `kubectl get deploy ${gw} -o jsonpath='{.items[*].spec.template.spec.serviceAccountName}'  # must print ${edge.serviceAccount}: the AuthorizationPolicy admits only ${edge.principal} (403 "RBAC: access denied" otherwise; set MeshGateway serviceAccount to the printed name)`,
        ...this.dataplaneChecks(app),
      ],
    };
  }

  /** What the data plane mode needs from the cluster, as checks with this app's names. */
  private dataplaneChecks(app: AppFacts): string[] {
    const n = app.namespace ? ` -n ${app.namespace}` : '';
    const sel = labelsText(app.selector);
    const edge = this.edge;
    switch (this.options.dataplane ?? MeshDataplane.SIDECAR) {
      case MeshDataplane.AMBIENT:
        return [
          'Data plane: ambient. Needs the Istio CNI node agent and ztunnel on every node; the NetworkPolicy admits HBONE (TCP 15008) from the gateway and kubelet probes SNATed from 169.254.7.127:',
          "  kubectl get ds -A | grep -E 'istio-cni-node|ztunnel'  # both DaemonSets with DESIRED = READY",
          `  kubectl get pods${n} -l ${sel} -o jsonpath='{.items[*].metadata.annotations.ambient\\.istio\\.io/redirection}'  # 'enabled': ztunnel captures the pods`,
        ];
      case MeshDataplane.SIDECAR_WITH_INIT_CONTAINER:
        return [
          `Data plane: sidecar set up by the istio-init init container (NET_ADMIN, NET_RAW): the namespace must enforce Pod Security "privileged"; the sidecar reaches istiod on TCP 15012 (${edge.istiodNamespace}, ${labelsText(edge.istiodSelector)}):`,
          `  kubectl get ns ${app.namespace ?? '<namespace>'} -L pod-security.kubernetes.io/enforce  # privileged, or the ReplicaSet reports FailedCreate`,
          `  kubectl get pods${n} -l ${sel} -o jsonpath='{.items[*].spec.containers[*].name}'  # lists istio-proxy: the sidecar was injected${edge.revision ? ` by revision ${edge.revision}` : ''}`,
        ];
      default:
        return [
          `Data plane: sidecar with the Istio CNI node agent (no privileged init container); the sidecar reaches istiod on TCP 15012 (${edge.istiodNamespace}, ${labelsText(edge.istiodSelector)}):`,
          '  kubectl get ds -A | grep istio-cni-node  # DESIRED = READY: without Istio CNI the injected istio-init container is refused by Pod Security baseline/restricted (use MeshDataplane.SIDECAR_WITH_INIT_CONTAINER)',
          `  kubectl get pods${n} -l ${sel} -o jsonpath='{.items[*].spec.containers[*].name}'  # lists istio-proxy: the sidecar was injected${edge.revision ? ` by revision ${edge.revision}` : ''}`,
        ];
    }
  }
}
