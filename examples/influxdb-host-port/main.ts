// InfluxDB reachable on port 8086 of the nodes that run it (container hostPort),
// at most one replica per node.
import { ApiObject, App, Chart, JsonPatch } from 'cdk8s';
import { Exposure, PublicWebApp } from '../../src';

export function build(app: App): void {
  const chart = new Chart(app, 'influxdb', { namespace: 'monitoring' });
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
