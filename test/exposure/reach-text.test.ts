/**
 * NOTES and access info name an URL only for an HTTP port: an MQTT broker or
 * a DNS server behind a Service-based way in gets its address and an `nc`
 * check, not `http://...`.
 */
import { Chart, Testing } from 'cdk8s';
import { Exposure, LoadBalancerProvider, PortAccess, PortProtocol, PublicWebApp } from '../../src';

const IMAGE = 'ghcr.io/acme/broker:2.0.18';
const chart = () => new Chart(Testing.app(), 'c', { namespace: 'iot' });

test('a TCP port with its own protocol: the address and nc, no http:// (LoadBalancer, NodePort, hostPort, hostNetwork, externalIPs)', () => {
  const mqtt = [{ name: 'mqtt', port: 1883, access: PortAccess.exposure() }];
  const cases: [string, Exposure][] = [
    ['<EXTERNAL-IP>:1883', Exposure.loadBalancer({ provider: LoadBalancerProvider.gcp(), allowSourceRanges: ['198.51.100.0/24'] })],
    ['<node-ip>:<nodePort>', Exposure.nodePort()],
    ['<node-ip>:1883', Exposure.hostPort({ acknowledgePrivilegedNamespace: true })],
    ['<node-ip>:1883', Exposure.hostNetwork({ acknowledgePrivilegedNamespace: true })],
    ['192.0.2.10:1883', Exposure.externalIps(['192.0.2.10'])],
  ];
  for (const [address, exposure] of cases) {
    const web = new PublicWebApp(chart(), 'broker', { image: IMAGE, ports: mqtt, exposure });
    const notes = web.notes();
    expect(notes.toLowerCase()).toContain(`connect to ${address.toLowerCase()} (tcp, the app's own protocol)`);
    expect(notes).not.toMatch(/https?:\/\/<(EXTERNAL-IP|node-ip)>/);
  }
});

test('UDP: nc -u and the warning that silence proves nothing', () => {
  const web = new PublicWebApp(chart(), 'dns', {
    image: 'coredns/coredns:1.11.3',
    ports: [{ name: 'dns', port: 53, protocol: PortProtocol.UDP, access: PortAccess.exposure() }],
    exposure: Exposure.nodePort({ nodePort: 30053 }),
  });
  expect(web.notes()).toContain('nc -vzu -w 5 <node-ip> 30053');
});

test('an HTTP port keeps its URL (named http, or appProtocol http)', () => {
  const web = new PublicWebApp(chart(), 'web', { image: IMAGE, exposure: Exposure.nodePort({ nodePort: 30080 }) });
  expect(web.notes()).toContain('Open http://<node-ip>:30080/');
  const api = new PublicWebApp(chart(), 'api', {
    image: IMAGE, ports: [{ name: 'api', port: 8080, appProtocol: 'http', access: PortAccess.exposure() }], exposure: Exposure.nodePort({ nodePort: 30081 }),
  });
  expect(api.notes()).toContain('curl -sv --max-time 5 http://<node-ip>:30081/');
});
