/**
 * Pod Security of the examples, read by test/examples/examples.test.ts and by
 * `npm run verify:cluster` (scripts/verify-cluster.ts), which runs every
 * example through a real API server with Pod Security admission.
 *
 * Every namespace an example uses is `restricted` (enforce, warn and audit),
 * except the namespaces of the workloads listed here: they opted out of the
 * restricted profile explicitly (`acknowledgePrivilegedNamespace` of
 * Exposure.hostPort / Exposure.hostNetwork / VirtualIp), and the example labels their
 * namespace `pod-security.kubernetes.io/enforce: privileged` itself.
 */
export const PRIVILEGED_WORKLOADS: Record<string, string[]> = {
  'dns-host-network': ['dns'],
  'influxdb-host-port': ['influxdb'],
  // the kube-vip DaemonSet of the VirtualIp (hostNetwork, NET_ADMIN, NET_RAW; acknowledgePrivilegedNamespace)
  'nodeport-vip': ['web-vip'],
  'tomcat-host-network': ['tomcat'],
};
