// Tomcat on the host network, one pod per edge node (a DaemonSet), so replicas
// never fight for port 8080 on one node (the article's crash loop).
import { ApiObject, App, Chart, JsonPatch } from 'cdk8s';
import { Exposure, PublicWebApp } from '../../src';

export function build(app: App): void {
  const chart = new Chart(app, 'tomcat', { namespace: 'tomcat' });
  // hostNetwork fails Pod Security "baseline": the namespace must allow privileged pods.
  const ns = new ApiObject(chart, 'Namespace', {
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: { name: 'tomcat', labels: { 'pod-security.kubernetes.io/enforce': 'privileged' } },
  });
  ns.addJsonPatch(JsonPatch.remove('/metadata/namespace')); // a Namespace is cluster-scoped
  new PublicWebApp(chart, 'tomcat', {
    image: 'tomcat:10.1-jre21',
    port: 8080,
    writablePaths: ['/tmp', '/usr/local/tomcat/logs', '/usr/local/tomcat/work', '/usr/local/tomcat/temp'],
    exposure: Exposure.hostNetwork({
      acknowledgePrivilegedNamespace: true,
      nodeSelector: { 'node-role.kubernetes.io/edge': 'true' },
    }),
  });
}

if (require.main === module) {
  const app = new App();
  build(app);
  app.synth();
}
