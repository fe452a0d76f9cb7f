// An authoritative DNS server answering on UDP and TCP 53 of the edge nodes (hostNetwork,
// one pod per node as a DaemonSet): the classic case for hostNetwork, since clients query
// the node's address directly. CoreDNS without a Corefile serves its `whoami` plugin on :53.
import { ApiObject, App, Chart, JsonPatch } from 'cdk8s';
import { Exposure, PortAccess, PortProtocol, PublicWebApp } from '../../src';

export function build(app: App): void {
  const chart = new Chart(app, 'dns', { namespace: 'dns' });
  // hostNetwork fails Pod Security "baseline": the namespace must allow privileged pods.
  const ns = new ApiObject(chart, 'Namespace', {
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: { name: 'dns', labels: { 'pod-security.kubernetes.io/enforce': 'privileged' } },
  });
  ns.addJsonPatch(JsonPatch.remove('/metadata/namespace')); // a Namespace is cluster-scoped
  new PublicWebApp(chart, 'dns', {
    image: 'coredns/coredns:1.11.3',
    // both protocols on one number, two named ports (the Service and the NetworkPolicy carry both)
    ports: [
      { name: 'dns-udp', port: 53, protocol: PortProtocol.UDP, access: PortAccess.exposure() },
      { name: 'dns-tcp', port: 53, protocol: PortProtocol.TCP, access: PortAccess.exposure() },
    ],
    writablePaths: ['/tmp'],
    exposure: Exposure.hostNetwork({
      acknowledgePrivilegedNamespace: true,
      // nodes whose port 53 is free (no systemd-resolved stub on 0.0.0.0:53, no node-local DNS cache)
      nodeSelector: { 'node-role.kubernetes.io/dns': 'true' },
    }),
  });
}

if (require.main === module) {
  const app = new App();
  build(app);
  app.synth();
}
