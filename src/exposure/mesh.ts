import type { AccessInfo, AppFacts, NetworkPeer, PodRequirements, ServiceRequirements, WayIn } from './way-in';
import { fail } from '../errors';
import { claimHostPath } from '../internal/app-claims';
import { serviceFqdn } from '../internal/service-dns';
import { MeshExposureOptions } from '../mesh-gateway/mesh-exposure-options';
import type { MeshGateway } from '../mesh-gateway/mesh-gateway';
import { bindMeshApp, MeshAppBinding } from '../mesh-gateway/mesh-route';

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
    return { podLabels: this.binding!.podLabels };
  }

  public service(): ServiceRequirements {
    return { type: 'ClusterIP' };
  }

  public peers(): NetworkPeer[] {
    const b = this.binding!;
    return [{ namespace: b.networkPolicyNamespace, podLabels: b.networkPolicyPodLabels, ports: b.networkPolicyPorts }];
  }

  public bind(): void {}

  public describe(app: AppFacts): AccessInfo {
    const hosts = app.host ? [app.host] : this.edge.hosts;
    const url = app.host && !app.host.startsWith('*') ? `https://${app.host}${app.path}` : undefined;
    return {
      url,
      reach: [
        url ? `Open ${url} (DNS must point at the Istio ingress gateway's load balancer).` : `Send requests for ${hosts.join(', ')} path ${app.path} to the Istio ingress gateway.`,
        `kubectl get svc -n ${this.edge.namespace} -l istio=ingressgateway  # EXTERNAL-IP of the gateway`,
        `istioctl x describe service ${app.name}${app.namespace ? ` -n ${app.namespace}` : ''}  # routes, mTLS and policies`,
      ],
      edgeLogs: `kubectl logs -n ${this.edge.namespace} -l istio=ingressgateway --tail=100`,
      inClusterCheck: [
        `istioctl proxy-config endpoints -n ${this.edge.namespace} $(kubectl get pods -n ${this.edge.namespace} -l istio=ingressgateway -o name | head -n 1 | cut -d/ -f2) --cluster 'outbound|${app.servicePort}||${serviceFqdn(app)}'  # STATUS HEALTHY: the gateway sees the pods`,
        '  (a plain netshoot pod cannot test this app: STRICT mTLS refuses clients without a sidecar and the NetworkPolicy admits only the gateway)',
      ],
      edgeChecks: [
        `istioctl analyze${app.namespace ? ` -n ${app.namespace}` : ''}  # Gateway, VirtualService and DestinationRule mistakes`,
        `kubectl get peerauthentication,authorizationpolicy${app.namespace ? ` -n ${app.namespace}` : ''}  # STRICT mTLS refuses clients without a sidecar; ALLOW policies refuse every caller they do not list`,
      ],
    };
  }
}
