import { ApiObject, JsonPatch } from 'cdk8s';
import { Construct } from 'constructs';
import { checkAddressWithPrefix, checkInterfaceName } from './internal';
import { NetworkAttachment } from './network-attachment';
import { fail } from '../errors';
import { SecondaryNetwork, SecondaryNetworkPeer, SecondaryNetworkProtocol } from './secondary-network';
import { MultiNetworkPolicy, MultiNetworkPolicySpecEgressPortsPort, MultiNetworkPolicySpecIngressPortsPort } from '../imports/multi-networkpolicy';
import { k8s } from '../internal/plus.generated';
import { AppRegistry } from '../internal/registry';
import { checkPort, formatIp, parseCidr } from '../internal/validation';


/** one validated network of an app */
export interface ResolvedSecondaryNetwork {
  readonly attachment: NetworkAttachment;
  readonly interfaceName: string;
  readonly ips?: string[];
  readonly mac?: string;
  readonly ingress: SecondaryNetworkPeer[];
  readonly egress: SecondaryNetworkPeer[];
  /** namespace/name or name, as policy-for and the selection element name it */
  readonly reference: string;
}

/** what the app tells the check */
export interface SecondaryNetworkApp {
  readonly scope: Construct;
  readonly name: string;
  readonly namespace?: string;
  readonly replicas: number;
  readonly daemonSet: boolean;
  readonly hostNetwork: boolean;
}

const PROP = 'secondaryNetworks';

/** Validate an app's secondary networks (before anything is created). */
export function resolveSecondaryNetworks(app: SecondaryNetworkApp, list: SecondaryNetwork[] | undefined): ResolvedSecondaryNetwork[] {
  if (list === undefined) return [];
  const s = app.scope;
  if (!Array.isArray(list)) fail(s, PROP, list, 'must be a list of secondary networks', 'pass secondaryNetworks: [{ attachment }]');
  if (list.length === 0) return [];
  if (app.hostNetwork) {
    fail(s, PROP, list.map((n) => n?.attachment?.name), 'a hostNetwork pod uses the node\'s network namespace: the container runtime calls no CNI plugin for it, so Multus never attaches a secondary network',
      'use another exposure (Exposure.ingress(), loadBalancer(), nodePort()), or remove secondaryNetworks');
  }
  const several = app.daemonSet || app.replicas > 1;
  const podsText = app.daemonSet ? 'a DaemonSet (one pod per node)' : `${app.replicas} replicas`;
  const names = new Set<string>();
  const podIps = new Set<string>();
  const registry = AppRegistry.of(s);
  return list.map((n, i) => {
    const p = `${PROP}[${i}]`;
    if (!(n?.attachment instanceof NetworkAttachment)) fail(s, `${p}.attachment`, n?.attachment, 'must be a NetworkAttachment', "pass attachment: new NetworkAttachment(chart, 'storage', { plugin, ipam })");
    const att = n.attachment;
    const facts = att._facts;
    const interfaceName = n.interfaceName ?? `net${i + 1}`;
    checkInterfaceName(s, `${p}.interfaceName`, interfaceName);
    if (interfaceName === 'eth0' || interfaceName === 'lo') fail(s, `${p}.interfaceName`, interfaceName, `is the pod's ${interfaceName === 'lo' ? 'loopback' : 'cluster network'} interface`, "use another name, e.g. 'net1'");
    if (names.has(interfaceName)) fail(s, `${p}.interfaceName`, interfaceName, 'is already used by another secondary network of this pod', 'give each network its own interfaceName');
    names.add(interfaceName);
    if (facts.namespace === undefined && app.namespace !== undefined) {
      fail(s, `${p}.attachment`, att.name, `the NetworkAttachment has no namespace (it lands wherever it is applied) while the app is in namespace ${app.namespace}: Multus would look for it in ${app.namespace}`,
        `create the NetworkAttachment in a Chart with namespace '${app.namespace}'`);
    }
    if (facts.ipam.fixed.length > 0) {
      if (several) {
        fail(s, `${p}.attachment`, att.name, `its static IPAM gives every pod the same address ${facts.ipam.fixed.map((f) => f.text).join(', ')}, and the app runs ${podsText}`,
          'set replicas: 1, or use Ipam.whereabouts() for one address per pod');
      }
      const taken = registry.claim('secondary-network-fixed', att.node.path, { owner: s });
      if (taken) fail(s, `${p}.attachment`, att.name, `its fixed addresses are already used by '${taken.owner.node.path}'`, 'give each app its own static attachment');
    }
    if (n.ips !== undefined) {
      if (!facts.ipam.perPodIps) {
        fail(s, `${p}.ips`, n.ips, `the attachment's IPAM is ${facts.ipam.json.type ?? 'none'}; Multus passes ips only to static IPAM with the ips capability`, 'use an attachment with Ipam.static() and no addresses, or remove ips');
      }
      if (!Array.isArray(n.ips) || n.ips.length === 0) fail(s, `${p}.ips`, n.ips, 'must list at least one address', "pass e.g. ips: ['192.0.2.10/24']");
      if (several) fail(s, `${p}.ips`, n.ips, `one address cannot serve ${podsText}`, 'set replicas: 1, or use Ipam.whereabouts() for one address per pod');
      n.ips.forEach((ip, j) => {
        const { ip: v } = checkAddressWithPrefix(s, `${p}.ips[${j}]`, ip);
        const key = formatIp(v);
        if (podIps.has(key)) fail(s, `${p}.ips[${j}]`, ip, 'is listed twice for this pod', 'give each interface its own address');
        podIps.add(key);
        const pool = NetworkAttachment._poolHolding(s, v.version, v.value);
        if (pool) fail(s, `${p}.ips[${j}]`, ip, `is inside ${pool.text}, handed out by NetworkAttachment '${pool.owner}'`, 'use an address outside every IPAM pool');
        const taken = registry.claim('secondary-network-ip', key, { owner: s });
        if (taken) fail(s, `${p}.ips[${j}]`, ip, `is already used by '${taken.owner.node.path}'`, 'give each pod its own address');
      });
    } else if (facts.ipam.perPodIps) {
      fail(s, `${p}.ips`, undefined, 'the attachment uses static IPAM without addresses, so each pod must name its own', "pass ips: ['192.0.2.10/24'] (and replicas: 1)");
    }
    if (n.mac !== undefined) {
      if (typeof n.mac !== 'string' || !/^[0-9a-fA-F]{2}(:[0-9a-fA-F]{2}){5}$/.test(n.mac) || parseInt(n.mac.slice(0, 2), 16) % 2 === 1 || /^0{2}(:0{2}){5}$/.test(n.mac)) {
        fail(s, `${p}.mac`, n.mac, 'is not a unicast MAC address', "write e.g. '02:00:00:00:00:10' (a locally administered address: second hex digit 2, 6, a or e)");
      }
      if (!facts.perPodMac) fail(s, `${p}.mac`, n.mac, 'the attachment has no tuning plugin with the mac capability, so Multus cannot apply it', 'create the NetworkAttachment with perPodMac: true');
      if (several) fail(s, `${p}.mac`, n.mac, `one MAC address cannot serve ${podsText}`, 'set replicas: 1, or leave mac unset');
      const taken = registry.claim('secondary-network-mac', n.mac.toLowerCase(), { owner: s });
      if (taken) fail(s, `${p}.mac`, n.mac, `is already used by '${taken.owner.node.path}'`, 'give each pod its own MAC address');
    }
    const ingress = checkPeers(s, `${p}.allowIngressFrom`, n.allowIngressFrom);
    const egress = checkPeers(s, `${p}.allowEgressTo`, n.allowEgressTo);
    return {
      attachment: att,
      interfaceName,
      ips: n.ips,
      mac: n.mac,
      ingress,
      egress,
      reference: facts.namespace !== undefined ? `${facts.namespace}/${facts.name}` : facts.name,
    };
  });
}

function checkPeers(s: Construct, prop: string, peers: SecondaryNetworkPeer[] | undefined): SecondaryNetworkPeer[] {
  if (peers === undefined) return [];
  if (!Array.isArray(peers)) fail(s, prop, peers, 'must be a list of peers', "pass e.g. [{ cidr: '192.0.2.0/24', ports: [5432] }]");
  return peers.map((peer, i) => {
    if (!parseCidr(peer?.cidr)) fail(s, `${prop}[${i}].cidr`, peer?.cidr, 'is not a CIDR block', "write e.g. '192.0.2.0/24'");
    if (peer.ports !== undefined && (!Array.isArray(peer.ports) || peer.ports.length === 0)) fail(s, `${prop}[${i}].ports`, peer.ports, 'must be a non-empty list of ports', 'list the ports, or leave ports unset for every port');
    (peer.ports ?? []).forEach((port, j) => checkPort(s, `${prop}[${i}].ports[${j}]`, port));
    if (peer.protocol !== undefined && !Object.values(SecondaryNetworkProtocol).includes(peer.protocol)) fail(s, `${prop}[${i}].protocol`, peer.protocol, 'is not TCP, UDP or SCTP', 'use SecondaryNetworkProtocol.TCP, UDP or SCTP');
    return peer;
  });
}

/** True when a network can be held by one pod per node (host-device, macvlan passthru). */
export function needsOnePodPerNode(nets: ResolvedSecondaryNetwork[]): boolean {
  return nets.some((n) => n.attachment._facts.plugin._onePodPerNode);
}

/** The selection annotation value (JSON form). */
export function networksAnnotation(nets: ResolvedSecondaryNetwork[]): string {
  return JSON.stringify(nets.map((n) => ({
    name: n.attachment.name,
    ...(n.attachment.namespace !== undefined ? { namespace: n.attachment.namespace } : {}),
    interface: n.interfaceName,
    ...(n.ips ? { ips: [...n.ips] } : {}),
    ...(n.mac ? { mac: n.mac.toLowerCase() } : {}),
  })));
}

/**
 * Write the annotation, the MultiNetworkPolicies and SR-IOV
 * resource requests. Returns the policies.
 */
export function bindSecondaryNetworks(scope: Construct, app: { name: string; selector: Record<string, string> },
  workload: ApiObject, podAnnotations: (key: string, value: string) => void, nets: ResolvedSecondaryNetwork[]): MultiNetworkPolicy[] {
  if (nets.length === 0) return [];
  podAnnotations('k8s.v1.cni.cncf.io/networks', networksAnnotation(nets));
  const resources = [...new Set(nets.map((n) => n.attachment._facts.plugin.resourceName).filter((r): r is string => r !== undefined))];
  for (const r of resources) {
    const key = r.replace(/~/g, '~0').replace(/\//g, '~1');
    // a Quantity: KubeDeployment's toJson re-serializes the patched spec through its typed mappers
    const count = k8s.Quantity.fromNumber(nets.filter((n) => n.attachment._facts.plugin.resourceName === r).length);
    workload.addJsonPatch(JsonPatch.add(`/spec/template/spec/containers/0/resources/requests/${key}`, count));
    workload.addJsonPatch(JsonPatch.add(`/spec/template/spec/containers/0/resources/limits/${key}`, count));
  }
  return nets.map((n) => {
    const dhcp = n.attachment._facts.ipam.json.type === 'dhcp';
    const ingress = n.ingress.map((peer) => ({
      from: [{ ipBlock: { cidr: peer.cidr } }],
      ...(peer.ports ? {
        ports: peer.ports.map((port) => ({
          port: MultiNetworkPolicySpecIngressPortsPort.fromNumber(port),
          protocol: peer.protocol ?? SecondaryNetworkProtocol.TCP,
        })),
      } : {}),
    }));
    const egress = n.egress.map((peer) => ({
      to: [{ ipBlock: { cidr: peer.cidr } }],
      ...(peer.ports ? {
        ports: peer.ports.map((port) => ({
          port: MultiNetworkPolicySpecEgressPortsPort.fromNumber(port),
          protocol: peer.protocol ?? SecondaryNetworkProtocol.TCP,
        })),
      } : {}),
    }));
    if (dhcp) {
      // DHCP (RFC 2131): client port 68, server port 67; the CNI dhcp daemon talks through the pod's interface
      ingress.push({ from: [{ ipBlock: { cidr: '0.0.0.0/0' } }], ports: [{ port: MultiNetworkPolicySpecIngressPortsPort.fromNumber(68), protocol: SecondaryNetworkProtocol.UDP }] });
      egress.push({ to: [{ ipBlock: { cidr: '0.0.0.0/0' } }], ports: [{ port: MultiNetworkPolicySpecEgressPortsPort.fromNumber(67), protocol: SecondaryNetworkProtocol.UDP }] });
    }
    return new MultiNetworkPolicy(scope, `MultiNetworkPolicy-${n.interfaceName}`, {
      metadata: {
        name: `${app.name}-${n.interfaceName.toLowerCase().replace(/[^a-z0-9-]/g, '-')}`.replace(/-+$/, ''),
        annotations: { 'k8s.v1.cni.cncf.io/policy-for': n.reference },
      },
      spec: {
        podSelector: { matchLabels: { ...app.selector } },
        policyTypes: ['Ingress', 'Egress'],
        ingress,
        egress,
      },
    });
  });
}

/** NOTES lines for an app's secondary networks. */
export function secondaryNetworkNotes(nets: ResolvedSecondaryNetwork[],
  app: { name: string; namespace?: string; selector: string; container: string; workload: string }): string[] {
  if (nets.length === 0) return [];
  const n = app.namespace ? ` -n ${app.namespace}` : '';
  const lines = ['', 'Secondary networks (Multus):'];
  for (const net of nets) {
    const f = net.attachment._facts;
    const allowed = (peers: SecondaryNetworkPeer[]) => (peers.length === 0 ? 'nothing' : peers.map((p) => `${p.cidr}${p.ports ? ` ${p.protocol ?? 'TCP'} ${p.ports.join(',')}` : ''}`).join('; '));
    lines.push(`  ${net.interfaceName}: NetworkAttachmentDefinition ${net.reference} (${f.plugin.type}, IPAM ${f.ipam.json.type ?? 'none'}); MultiNetworkPolicy ${app.name}-${net.interfaceName} admits in: ${allowed(net.ingress)}; out: ${allowed(net.egress)}`);
  }
  lines.push(
    '  The MultiNetworkPolicies are enforced only where a MultiNetworkPolicy engine runs, e.g. multi-networkpolicy-iptables (k8snetworkplumbingwg/multi-networkpolicy-iptables) as a DaemonSet on every node;',
    '  without it the secondary interfaces are open: a Kubernetes NetworkPolicy does not apply to them. Check: kubectl get daemonsets -A | grep multi-networkpolicy',
    `  kubectl get network-attachment-definitions${n}  # Multus looks the networks up here when the pod starts`,
    `  kubectl get pods${n} -l ${app.selector} -o jsonpath='{.items[0].metadata.annotations.k8s\\.v1\\.cni\\.cncf\\.io/network-status}'  # what Multus attached: interface, ips, mac per network`,
    `  kubectl exec${n} ${app.workload} -c ${app.container} -- ip addr  # the interfaces inside the pod (${nets.map((x) => x.interfaceName).join(', ')}); an image without ip: kubectl debug${n} -it <pod> --image=nicolaka/netshoot --target=${app.container} -- ip addr`,
    `  No secondary interface: kubectl describe pod${n} <pod>; Multus reports a missing NetworkAttachmentDefinition or a failing plugin in the pod's events (FailedCreatePodSandBox).`,
  );
  return lines;
}
