// InfluxDB reachable on port 8086 of the nodes that run it (container hostPort),
// at most one replica per node.
import { ApiObject, App, Chart, JsonPatch } from 'cdk8s';
import { Exposure, PublicWebApp } from '../../src';

export function build(app: App): void {
  const chart = new Chart(app, 'influxdb', { namespace: 'monitoring' });
  // The cluster's pod and Service networks (here k3s's defaults): the 10.0.0.0/8
  // allowlist below contains the pod network, which the NetworkPolicy then excepts.
  chart.node.setContext('cdk8s-expose:podCidrs', ['10.42.0.0/16']);
  chart.node.setContext('cdk8s-expose:serviceCidrs', ['10.43.0.0/16']);
  // hostPort fails Pod Security "baseline": the namespace must allow privileged pods.
  const ns = new ApiObject(chart, 'Namespace', {
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: { name: 'monitoring', labels: { 'pod-security.kubernetes.io/enforce': 'privileged' } },
  });
  ns.addJsonPatch(JsonPatch.remove('/metadata/namespace')); // a Namespace is cluster-scoped
  new PublicWebApp(chart, 'influxdb', {
    image: 'influxdb:2.7',
    port: 8086,
    replicas: 1,
    healthCheckPath: '/health',
    writablePaths: ['/tmp', '/var/lib/influxdb2', '/etc/influxdb2'],
    exposure: Exposure.hostPort({
      acknowledgePrivilegedNamespace: true,
      hostPort: 8086,
      allowSourceRanges: ['10.0.0.0/8'],
    }),
  });
}

if (require.main === module) {
  const app = new App();
  build(app);
  app.synth();
}
