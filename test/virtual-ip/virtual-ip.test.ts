import { App, Chart, Testing } from 'cdk8s';
import {
  Advertisement, BareMetalLB, Exposure, ExternalTrafficPolicy, NetworkProtocol, PortAccess, PortProtocol, PublicWebApp,
  VirtualIp, VirtualIpManager, VirtualIpProps,
} from '../../src';
import { podSecurityViolations } from '../../src/internal/pod-security';
import { objectOf } from '../util/app';
import { expectError } from '../util/errors';
import { expectValid } from '../util/schema';

const IMAGE = 'ghcr.io/acme/shop:1.4.2';

function vipChart(app: App = Testing.app(), namespace = 'kube-vip'): Chart {
  return new Chart(app, namespace, { namespace });
}

function vip(chart: Chart, props: Partial<VirtualIpProps> = {}, id = 'web-vip'): VirtualIp {
  return new VirtualIp(chart, id, {
    address: '192.168.1.250', interfaceName: 'eth0', manager: VirtualIpManager.kubeVip(), acknowledgePrivilegedNamespace: true, ...props,
  });
}

describe('VirtualIp with kube-vip', () => {
  test('a hostNetwork DaemonSet with NET_ADMIN/NET_RAW only, ARP control-plane mode and a Lease-only Role', () => {
    const chart = vipChart();
    const v = vip(chart, { nodeSelector: { 'node-role.kubernetes.io/edge': 'true' } });
    const objects = expectValid(chart, { privilegedWorkloads: ['web-vip'] });
    expect(objects).toMatchSnapshot();
    expect(objects.map((o) => `${o.kind}/${o.metadata.namespace}/${o.metadata.name}`).sort())
      .toEqual(['DaemonSet/kube-vip/web-vip', 'Role/kube-vip/web-vip', 'RoleBinding/kube-vip/web-vip', 'ServiceAccount/kube-vip/web-vip']);
    const ds = objectOf(objects, 'DaemonSet');
    const pod = ds.spec.template.spec;
    expect(pod.hostNetwork).toBe(true);
    expect(pod.serviceAccountName).toBe('web-vip');
    expect(pod.nodeSelector).toEqual({ 'node-role.kubernetes.io/edge': 'true' });
    const c = pod.containers[0];
    expect(c.image).toBe('ghcr.io/kube-vip/kube-vip:v1.2.3');
    expect(c.args).toEqual(['manager', '--prometheusHTTPServer=']);
    expect(Object.fromEntries(c.env.map((e: any) => [e.name, e.value ?? e.valueFrom.fieldRef.fieldPath]))).toEqual({
      vip_arp: 'true',
      vip_interface: 'eth0',
      address: '192.168.1.250',
      cp_enable: 'true',
      svc_enable: 'false',
      lb_enable: 'false',
      vip_leaderelection: 'true',
      vip_leasename: 'web-vip',
      vip_nodename: 'spec.nodeName',
    });
    expect(c.securityContext).toEqual({
      capabilities: { add: ['NET_ADMIN', 'NET_RAW'], drop: ['ALL'] }, allowPrivilegeEscalation: false, privileged: false, readOnlyRootFilesystem: true,
    });
    // privileged only through hostNetwork and the two capabilities
    expect(podSecurityViolations(pod).sort()).toEqual([
      'container kube-vip adds capability NET_ADMIN',
      'container kube-vip adds capability NET_ADMIN (restricted allows only NET_BIND_SERVICE)',
      'container kube-vip adds capability NET_RAW',
      'container kube-vip adds capability NET_RAW (restricted allows only NET_BIND_SERVICE)',
      'container kube-vip does not run as non-root (runAsNonRoot)',
      'hostNetwork is true',
    ]);
    expect(objectOf(objects, 'Role').rules).toEqual([{ apiGroups: ['coordination.k8s.io'], resources: ['leases'], verbs: ['get', 'create', 'update'] }]);
    expect(objectOf(objects, 'RoleBinding').subjects).toEqual([{ kind: 'ServiceAccount', name: 'web-vip', namespace: 'kube-vip' }]);
    expect(v.holderCommand()).toBe("kubectl get lease web-vip -n kube-vip -o jsonpath='{.spec.holderIdentity}'");
    expect(v.notes()).toContain('ip -brief addr show dev eth0');
  });

  test('IPv6 address: normalized in the env, bracketed in URLs', () => {
    const chart = vipChart();
    const v = vip(chart, { address: '2001:DB8::0:10' });
    expect(v.urlHost).toBe('[2001:db8::10]');
    expect(v.address).toBe('2001:db8::10');
    const env = objectOf(Testing.synth(chart), 'DaemonSet').spec.template.spec.containers[0].env;
    expect(env.find((e: any) => e.name === 'address').value).toBe('2001:db8::10');
  });

  test.each([
    [{ acknowledgePrivilegedNamespace: false }, 'acknowledgePrivilegedNamespace=false', 'pod-security.kubernetes.io/enforce=privileged'],
    [{ address: '192.168.1.0/24' }, 'address="192.168.1.0/24": is not an IP address'],
    [{ address: '127.0.0.1' }, 'address="127.0.0.1": is a loopback address'],
    [{ address: '::ffff:192.168.1.5' }, 'is an IPv4-mapped IPv6 address'],
    [{ interfaceName: 'eth0:1' }, 'interfaceName="eth0:1": is not a Linux interface name'],
    [{ interfaceName: 'averyveryverylongname' }, 'interfaceName="averyveryverylongname"'],
    [{ nodeSelector: {} }, 'nodeSelector={}: must be a non-empty map'],
    [{ manager: VirtualIpManager.kubeVip({ image: 'ghcr.io/kube-vip/kube-vip' }) }, 'manager.image="ghcr.io/kube-vip/kube-vip": is not pinned'],
    [{ manager: VirtualIpManager.kubeVip({ image: 'Kube-Vip:1' }) }, 'manager.image="Kube-Vip:1": is not an image reference'],
    [{ manager: 'kube-vip' as any }, 'manager="kube-vip": must be a VirtualIpManager'],
    [{ name: 'Web_VIP' }, 'name="Web_VIP": is not a valid object name'],
  ])('refuses %j', (props: any, ...fragments: string[]) => {
    const chart = vipChart();
    expectError(() => vip(chart, props), ...fragments);
    expect(chart.node.findAll().filter((c) => c.node.path.includes('web-vip/'))).toHaveLength(0);
  });

  test('refuses a misspelt option key', () => {
    const chart = vipChart();
    expectError(() => vip(chart, { manager: VirtualIpManager.kubeVip({ imgae: 'x' } as any) }), 'imgae');
    expectError(() => vip(chart, { interface: 'eth0' } as any, 'other'), 'interface="eth0": is not an option of VirtualIpProps', 'did you mean interfaceName?');
  });

  test('refuses addresses in the pod or Service network, in a MetalLB pool, or of another VirtualIp', () => {
    const app = Testing.app();
    app.node.setContext('cdk8s-expose:podCidrs', ['10.244.0.0/16']);
    app.node.setContext('cdk8s-expose:serviceCidrs', ['10.96.0.0/12']);
    const chart = vipChart(app);
    expectError(() => vip(chart, { address: '10.244.3.4' }, 'a'), 'address="10.244.3.4": lies inside the cluster\'s pod network 10.244.0.0/16');
    expectError(() => vip(chart, { address: '10.96.0.10' }, 'b'), 'lies inside the cluster\'s Service network 10.96.0.0/12');
    new BareMetalLB(new Chart(app, 'lb', { namespace: 'metallb-system' }), 'lb', { pools: [{ name: 'lan', addresses: ['192.168.1.200-192.168.1.220'] }], advertisement: Advertisement.l2() });
    expectError(() => vip(chart, { address: '192.168.1.210' }, 'c'), 'address="192.168.1.210": lies inside "192.168.1.200-192.168.1.220" of MetalLB pool lan');
    vip(chart, {}, 'first');
    expectError(() => vip(chart, { address: '192.168.1.250' }, 'second'), 'is already the address of VirtualIp kube-vip/first');
    expectError(() => vip(chart, { address: '192.168.1.251', name: 'first' }, 'third'), 'name="first": is already the name of VirtualIp');
  });

  test('a BareMetalLB pool created after a VirtualIp may not contain its address', () => {
    const app = Testing.app();
    vip(vipChart(app));
    expectError(() => new BareMetalLB(new Chart(app, 'lb', { namespace: 'metallb-system' }), 'lb', { pools: [{ name: 'lan', addresses: ['192.168.1.240/28'] }], advertisement: Advertisement.l2() }),
      'pools[0].addresses[0]="192.168.1.240/28": contains 192.168.1.250, the floating address of VirtualIp kube-vip/web-vip');
  });
});

describe('VirtualIp with keepalived', () => {
  test('VRRP config in a ConfigMap, keepalived --vrrp only, no API access, NET_ADMIN/NET_RAW only', () => {
    const chart = vipChart();
    const v = vip(chart, { manager: VirtualIpManager.keepalived({ virtualRouterId: 51 }) });
    const objects = expectValid(chart, { privilegedWorkloads: ['web-vip'] });
    expect(objects).toMatchSnapshot();
    expect(objects.map((o) => `${o.kind}/${o.metadata.name}`).sort()).toEqual(['ConfigMap/web-vip-keepalived', 'DaemonSet/web-vip']);
    const pod = objectOf(objects, 'DaemonSet').spec.template.spec;
    expect(pod.hostNetwork).toBe(true);
    expect(pod.automountServiceAccountToken).toBe(false);
    expect(pod.serviceAccountName).toBeUndefined();
    const c = pod.containers[0];
    expect(c.image).toBe('osixia/keepalived:2.3.4');
    expect(c.command).toEqual(['/usr/local/sbin/keepalived', '-f', '/etc/keepalived/keepalived.conf', '--dont-fork', '--log-console', '--vrrp']);
    expect(c.securityContext.capabilities).toEqual({ add: ['NET_ADMIN', 'NET_RAW'], drop: ['ALL'] });
    expect(c.securityContext.readOnlyRootFilesystem).toBe(true);
    expect(c.volumeMounts).toEqual([{ name: 'config', mountPath: '/etc/keepalived', readOnly: true }, { name: 'run', mountPath: '/run' }]);
    expect(objectOf(objects, 'ConfigMap').data['keepalived.conf']).toBe([
      'global_defs {', '  router_id web-vip', '}',
      'vrrp_instance WEB_VIP {', '  state BACKUP', '  interface eth0', '  virtual_router_id 51', '  priority 100', '  advert_int 1',
      '  virtual_ipaddress {', '    192.168.1.250/32 dev eth0', '  }', '}', '',
    ].join('\n'));
    expect(v.holderCommand()).toContain("grep -oE 'Entering (MASTER|BACKUP|FAULT) STATE'");
    expect(v.notes()).toContain('VRRP (IP protocol 112) between these nodes, to 224.0.0.18 on eth0');
  });

  test('IPv6: /128 and ff02::12 in the notes', () => {
    const chart = vipChart();
    const v = vip(chart, { address: '2001:db8::250', manager: VirtualIpManager.keepalived({ virtualRouterId: 7 }) });
    expect(objectOf(Testing.synth(chart), 'ConfigMap').data['keepalived.conf']).toContain('    2001:db8::250/128 dev eth0');
    expect(v.notes()).toContain('ff02::12');
  });

  test.each([
    [{ virtualRouterId: 0 }, 'manager.virtualRouterId=0'],
    [{ virtualRouterId: 256 }, 'manager.virtualRouterId=256'],
    [{ virtualRouterId: 1.5 }, 'manager.virtualRouterId=1.5'],
    [{}, 'manager.virtualRouterId=(unset): is required'],
    [{ virtualRouterId: 5, image: 'osixia/keepalived' }, 'manager.image="osixia/keepalived": is not pinned'],
    [{ virtualRouterId: 5, routerId: 5 }, 'manager.routerId=5: is not an option of KeepalivedOptions'],
  ])('refuses %j', (options: any, message: string) => {
    const chart = vipChart();
    expectError(() => vip(chart, { manager: VirtualIpManager.keepalived(options) }), message);
    expect(chart.node.findAll().filter((c) => c.node.path.includes('web-vip/'))).toHaveLength(0);
  });

  test('a virtual_router_id is unique in the App', () => {
    const app = Testing.app();
    vip(vipChart(app), { manager: VirtualIpManager.keepalived({ virtualRouterId: 51 }) }, 'a');
    expectError(() => vip(vipChart(app, 'other'), { address: '192.168.1.251', manager: VirtualIpManager.keepalived({ virtualRouterId: 51 }) }, 'b'),
      'manager.virtualRouterId=51: is already the VRRP virtual_router_id of VirtualIp kube-vip/a');
  });

  test('a NodePort app behind a keepalived VIP: URL and holder check', () => {
    const app = Testing.app();
    const v = vip(vipChart(app), { manager: VirtualIpManager.keepalived({ virtualRouterId: 51 }) });
    const web = new PublicWebApp(new Chart(app, 'web', { namespace: 'web' }), 'web', { image: IMAGE, exposure: Exposure.nodePort({ nodePort: 30080, virtualIp: v }) });
    expect(web.notes()).toContain('URL: http://192.168.1.250:30080/');
    expect(web.notes()).toContain('Entering (MASTER|BACKUP|FAULT) STATE');
  });
});

describe('Exposure.nodePort({ virtualIp }) and hostPort({ virtualIp })', () => {
  test('NodePort: notes and access info say http://<VIP>:<nodePort>/ and how to find the holder; firewall rule for the VIP', () => {
    const app = Testing.app();
    const v = vip(vipChart(app), { nodeSelector: { 'node-role.kubernetes.io/edge': 'true' } });
    const chart = new Chart(app, 'web', { namespace: 'web' });
    const web = new PublicWebApp(chart, 'web-service', { image: IMAGE, exposure: Exposure.nodePort({ nodePort: 30080, virtualIp: v }) });
    expectValid(chart);
    expect(web.accessInfo()).toContain('URL: http://192.168.1.250:30080/');
    const notes = web.notes();
    expect(notes).toContain('URL: http://192.168.1.250:30080/');
    expect(notes).toContain("Which node holds 192.168.1.250: kubectl get lease web-vip -n kube-vip -o jsonpath='{.spec.holderIdentity}'");
    expect(notes).toContain('TCP 30080 from 0.0.0.0/0, ::/0 to 192.168.1.250 on nodes labelled node-role.kubernetes.io/edge=true');
    expect(web.firewallRules()).toEqual([{
      protocol: NetworkProtocol.TCP,
      port: 30080,
      portCommand: undefined,
      sourceRanges: ['0.0.0.0/0', '::/0'],
      destinationAddresses: ['192.168.1.250'],
      nodes: 'nodes labelled node-role.kubernetes.io/edge=true (where kube-vip/web-vip may hold 192.168.1.250)',
      description: expect.stringContaining('the NodePort of Service web-service'),
    }]);
  });

  test('NodePort with Local is refused with a virtualIp (the holder may run no pod)', () => {
    const app = Testing.app();
    const v = vip(vipChart(app));
    const chart = new Chart(app, 'web', { namespace: 'web' });
    expectError(() => new PublicWebApp(chart, 'w', { image: IMAGE, exposure: Exposure.nodePort({ externalTrafficPolicy: ExternalTrafficPolicy.LOCAL, virtualIp: v }) }),
      'exposure.virtualIp="kube-vip/web-vip": with externalTrafficPolicy Local');
    expectError(() => new PublicWebApp(chart, 'x', { image: IMAGE, exposure: Exposure.nodePort({ virtualIp: {} as any }) }), 'exposure.virtualIp="[object Object]": must be a VirtualIp');
    const other = vip(vipChart(Testing.app()), {}, 'other');
    expectError(() => new PublicWebApp(chart, 'y', { image: IMAGE, exposure: Exposure.nodePort({ virtualIp: other }) }), 'the VirtualIp belongs to another cdk8s App');
  });

  test('hostPort: needs a DaemonSet and a VirtualIp nodeSelector that implies the app\'s', () => {
    const app = Testing.app();
    const v = vip(vipChart(app), { nodeSelector: { role: 'edge', zone: 'a' } });
    const chart = new Chart(app, 'web', { namespace: 'web' });
    expectError(() => new PublicWebApp(chart, 'a', { image: IMAGE, exposure: Exposure.hostPort({ acknowledgePrivilegedNamespace: true, virtualIp: v }) }), 'set daemonSet: true');
    expectError(() => new PublicWebApp(chart, 'b', { image: IMAGE, exposure: Exposure.hostPort({ acknowledgePrivilegedNamespace: true, daemonSet: true, nodeSelector: { role: 'web' }, virtualIp: v }) }),
      'the app runs only on nodes labelled role=web');
    const web = new PublicWebApp(chart, 'c', { image: IMAGE, exposure: Exposure.hostPort({ acknowledgePrivilegedNamespace: true, daemonSet: true, nodeSelector: { role: 'edge' }, virtualIp: v }) });
    expect(web.accessInfo()).toContain('URL: http://192.168.1.250:8080/');
    expect(web.firewallRules()[0]).toMatchObject({ port: 8080, destinationAddresses: ['192.168.1.250'] });
  });
});

describe('node firewall rules (firewallRules() and NOTES)', () => {
  test('NodePort without a pinned port: the rule names the command that prints it; Local with an allowlist: only those sources', () => {
    const chart = new Chart(Testing.app(), 'web', { namespace: 'web' });
    const a = new PublicWebApp(chart, 'a', { image: IMAGE, exposure: Exposure.nodePort() });
    expect(a.firewallRules()).toEqual([expect.objectContaining({
      port: undefined,
      portCommand: "kubectl get svc a -n web -o jsonpath='{.spec.ports[?(@.name==\"http\")].nodePort}'",
      sourceRanges: ['0.0.0.0/0', '::/0'],
      destinationAddresses: undefined,
      nodes: 'every node (kube-proxy opens the nodePort on all of them)',
    })]);
    expect(a.notes()).toContain('TCP <nodePort> from 0.0.0.0/0, ::/0 to every node');
    const b = new PublicWebApp(chart, 'b', { image: IMAGE, exposure: Exposure.nodePort({ nodePort: 30090, externalTrafficPolicy: ExternalTrafficPolicy.LOCAL, allowSourceRanges: ['198.51.100.0/24'] }) });
    expect(b.firewallRules()).toEqual([expect.objectContaining({ port: 30090, sourceRanges: ['198.51.100.0/24'], nodes: 'the nodes that run a pod of the app (externalTrafficPolicy Local)' })]);
    expect(b.notes()).toContain('TCP 30090 from 198.51.100.0/24 to the nodes that run a pod of the app');
  });

  test('hostPort and hostNetwork: the host port on the nodes with a pod', () => {
    const chart = new Chart(Testing.app(), 'web', { namespace: 'web' });
    const hp = new PublicWebApp(chart, 'hp', { image: IMAGE, port: 8086, exposure: Exposure.hostPort({ acknowledgePrivilegedNamespace: true, hostPort: 18086, allowSourceRanges: ['10.20.0.0/16'], nodeSelector: { role: 'db' } }) });
    expect(hp.firewallRules()).toEqual([expect.objectContaining({ protocol: 'TCP', port: 18086, sourceRanges: ['10.20.0.0/16'], nodes: 'the nodes labelled role=db that run a pod of the app' })]);
    const hn = new PublicWebApp(chart, 'hn', { image: IMAGE, port: 8443, exposure: Exposure.hostNetwork({ acknowledgePrivilegedNamespace: true }) });
    expect(hn.firewallRules()).toEqual([expect.objectContaining({ port: 8443, sourceRanges: ['0.0.0.0/0', '::/0'], nodes: 'every node (a DaemonSet runs a pod on each)' })]);
    expect(hn.notes()).toContain('Node firewall / security groups: open only these');
  });

  test('one rule per port of the way in, with its protocol: a DNS server on UDP+TCP 53 (hostNetwork), a NodePort app with two public ports', () => {
    const chart = new Chart(Testing.app(), 'web', { namespace: 'web' });
    const dns = new PublicWebApp(chart, 'dns', {
      image: IMAGE,
      ports: [
        { name: 'dns-udp', port: 53, protocol: PortProtocol.UDP, access: PortAccess.exposure() },
        { name: 'dns-tcp', port: 53, protocol: PortProtocol.TCP, access: PortAccess.exposure() },
        { name: 'metrics', port: 9153, access: PortAccess.internal([{ namespace: 'monitoring' }]) },
      ],
      exposure: Exposure.hostNetwork({ acknowledgePrivilegedNamespace: true }),
    });
    // the internal metrics port listens on the node too, but only its peers should reach it: no rule
    expect(dns.firewallRules().map((r) => `${r.protocol} ${r.port}`)).toEqual(['UDP 53', 'TCP 53']);
    const np = new PublicWebApp(chart, 'np', {
      image: IMAGE,
      port: 8080,
      ports: [{ name: 'syslog', port: 5514, protocol: PortProtocol.UDP, access: PortAccess.exposure() }],
      exposure: Exposure.nodePort({ nodePort: 30080 }),
    });
    expect(np.firewallRules()).toEqual([
      expect.objectContaining({ protocol: 'TCP', port: 30080, portCommand: undefined }),
      expect.objectContaining({ protocol: 'UDP', port: undefined, portCommand: "kubectl get svc np -n web -o jsonpath='{.spec.ports[?(@.name==\"syslog\")].nodePort}'" }),
    ]);
  });

  test('ways in with an edge in between have no node rules', () => {
    const chart = new Chart(Testing.app(), 'web', { namespace: 'web' });
    const web = new PublicWebApp(chart, 'w', { image: IMAGE, exposure: Exposure.ingress({ allowPlainHttp: true }) });
    expect(web.firewallRules()).toEqual([]);
    expect(web.notes()).not.toContain('Node firewall');
  });
});
