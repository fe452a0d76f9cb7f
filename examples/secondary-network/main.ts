// A pod with two networks: the cluster interface (eth0) for in-cluster
// clients through a ClusterIP Service, and a second interface (net1) on an
// external network, a macvlan on the nodes' eth1 with cluster-wide
// addresses from whereabouts. Only the feed appliance may reach it there,
// and it may reach only the appliance's order port: a MultiNetworkPolicy,
// because a Kubernetes NetworkPolicy does not apply to net1.
import { App, Chart } from 'cdk8s';
import { CniPlugin, Exposure, Ipam, NetworkAttachment, PublicWebApp } from '../../src';

export function build(app: App): void {
  const chart = new Chart(app, 'trading', { namespace: 'trading' });
  const external = new NetworkAttachment(chart, 'external', {
    plugin: CniPlugin.macvlan({ master: 'eth1' }),
    ipam: Ipam.whereabouts({
      range: '10.10.0.0/24',
      // the router and the appliances on that network
      exclude: ['10.10.0.0/28'],
      gateway: '10.10.0.1',
    }),
    mtu: 1500,
  });
  new PublicWebApp(chart, 'gateway', {
    image: 'ghcr.io/acme/trading-gateway:2.3.1',
    port: 8080,
    healthCheckPath: '/healthz',
    exposure: Exposure.clusterIp({ allowFromNamespaces: ['trading'] }),
    secondaryNetworks: [{
      attachment: external,
      allowIngressFrom: [{ cidr: '10.10.0.5/32', ports: [8080] }],
      allowEgressTo: [{ cidr: '10.10.0.6/32', ports: [9000] }],
    }],
  });
}

if (require.main === module) {
  const app = new App();
  build(app);
  app.synth();
}
