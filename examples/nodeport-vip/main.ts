// The web service on a NodePort behind a floating virtual IP: kube-vip holds
// 192.168.1.250 on one edge node at a time (leader election through a Lease)
// and moves it when that node fails, so clients use
// http://192.168.1.250:30080/ instead of a node IP. The NOTES list the one
// port the node firewall must open (PublicWebApp.firewallRules() as data).
import { ApiObject, App, Chart, JsonPatch } from 'cdk8s';
import { Exposure, PublicWebApp, VirtualIp, VirtualIpManager } from '../../src';

export function build(app: App): void {
  // The cluster's networks, so the VIP is checked to lie outside them.
  app.node.setContext('cdk8s-expose:podCidrs', ['10.244.0.0/16']);
  app.node.setContext('cdk8s-expose:serviceCidrs', ['10.96.0.0/12']);
  // The VIP manager runs with hostNetwork and NET_ADMIN/NET_RAW: its own
  // namespace, labelled pod-security.kubernetes.io/enforce=privileged.
  const vipChart = new Chart(app, 'kube-vip', { namespace: 'kube-vip' });
  const ns = new ApiObject(vipChart, 'Namespace', {
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: { name: 'kube-vip', labels: { 'pod-security.kubernetes.io/enforce': 'privileged' } },
  });
  ns.addJsonPatch(JsonPatch.remove('/metadata/namespace')); // a Namespace is cluster-scoped
  const vip = new VirtualIp(vipChart, 'web-vip', {
    address: '192.168.1.250',
    interfaceName: 'eth0',
    manager: VirtualIpManager.kubeVip(),
    acknowledgePrivilegedNamespace: true,
    nodeSelector: { 'node-role.kubernetes.io/edge': 'true' },
  });

  const chart = new Chart(app, 'web-service', { namespace: 'web' });
  new PublicWebApp(chart, 'web-service', {
    image: 'nginxinc/nginx-unprivileged:1.27',
    port: 8080,
    healthCheckPath: '/',
    writablePaths: ['/tmp'],
    exposure: Exposure.nodePort({ nodePort: 30081, virtualIp: vip }),
  });
}

if (require.main === module) {
  const app = new App();
  build(app);
  app.synth();
}
