import { ApiObject, Chart } from 'cdk8s';
import { Construct } from 'constructs';
import { CniPlugin, Ipam } from './cni';
import { AttachmentFacts, ResolvedIpam } from './internal';
import { fail } from '../errors';
import { NetworkAttachmentDefinition } from '../imports/multus';
import { AppRegistry } from '../internal/registry';
import { checkStructKeys } from '../internal/struct-keys';
import { blockContains, blocksOverlap } from '../internal/validation';

/** The CNI spec version written to every configuration. */
const CNI_VERSION = '1.0.0';

/** Props of `NetworkAttachment`. */
export interface NetworkAttachmentProps {
  /**
   * The NetworkAttachmentDefinition's name, which pods name in their
   * `k8s.v1.cni.cncf.io/networks` annotation; also the CNI network `name`.
   * @default - the construct id, lower-cased
   */
  readonly name?: string;
  /** The CNI plugin that creates the interface. */
  readonly plugin: CniPlugin;
  /**
   * Address management of the interface.
   * @default - no address (an empty `ipam` object: the interface comes up without an IP, as the reference plugins document for "interface only")
   */
  readonly ipam?: Ipam;
  /**
   * MTU of the pod's interface (the plugin's `mtu`): at least 576 (the
   * IPv4 minimum, RFC 791), 1280 with IPv6 addresses (RFC 8200), at most
   * 9216 (the common jumbo-frame limit of switches); and not above the
   * master interface's MTU (macvlan README: "The value must be [0, master's MTU]").
   * Not supported by host-device and sriov (they keep the device's MTU).
   * @default - the kernel's choice (the master's MTU)
   */
  readonly mtu?: number;
  /**
   * Let each pod choose its interface's MAC address through the network
   * selection's `mac`: appends the `tuning` plugin with `capabilities: { mac: true }`
   * (k8snetworkplumbingwg/multus-cni docs/how-to-use.md, "mac").
   * @default false
   */
  readonly perPodMac?: boolean;
}

const OWNED = new WeakMap<object, { attachment: NetworkAttachment; ipam: ResolvedIpam }[]>();

/**
 * A Multus NetworkAttachmentDefinition (`k8s.cni.cncf.io/v1`): a secondary
 * network that pods attach to through the `k8s.v1.cni.cncf.io/networks`
 * annotation (see `PublicWebAppProps.secondaryNetworks`). The CNI
 * configuration is generated (`cniVersion` 1.0.0, which containernetworking/plugins
 * v1.0.0 and later, whereabouts and sriov-cni accept) as a plugin list.
 *
 * Nothing guards this interface by default: a Kubernetes NetworkPolicy does
 * not apply to it and no Service fronts it. An app that attaches it gets a
 * deny-by-default MultiNetworkPolicy, enforced only where
 * multi-networkpolicy-iptables (or another MultiNetworkPolicy engine) runs.
 *
 * Refused at synth: a range that overlaps another attachment's range in the
 * same App (whereabouts README: overlapping ranges collide), gateways and
 * addresses outside their range, VLAN ids outside 1-4094, MTU outside
 * 576 (1280 with IPv6)-9216, invalid Linux interface names.
 */
export class NetworkAttachment extends Construct {
  /** @internal The pool of an attachment in the App of `scope` that holds an address, if any. */
  public static _poolHolding(scope: Construct, version: 4 | 6, value: bigint): { text: string; owner: string } | undefined {
    for (const o of OWNED.get(scope.node.root) ?? []) {
      const hit = o.ipam.pools.find((p) => blockContains(p, { version, value }));
      if (hit) return { text: hit.text, owner: o.attachment.node.path };
    }
    return undefined;
  }

  /** The NetworkAttachmentDefinition (`k8s.cni.cncf.io/v1`). */
  public readonly definition: ApiObject;
  /** Its name. */
  public readonly name: string;
  /** Its namespace (the Chart's), if set. */
  public readonly namespace?: string;
  /** The generated CNI configuration (the NetworkAttachmentDefinition's `spec.config`). */
  public readonly cniConfig: string;
  /** @internal */
  public readonly _facts: AttachmentFacts;

  constructor(scope: Construct, id: string, props: NetworkAttachmentProps) {
    super(scope, id);
    // 1. validate
    checkStructKeys(this, '', props, 'NetworkAttachmentProps');
    const name = props?.name ?? id.toLowerCase();
    if (typeof name !== 'string' || !/^(?=.{1,253}$)[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/.test(name)) {
      fail(this, 'name', name, 'is not a valid object name (a DNS subdomain)', "pass name: 'storage-net' (lower-case letters, digits, '-' and '.')");
    }
    if (!(props?.plugin instanceof CniPlugin)) fail(this, 'plugin', props?.plugin, 'a CNI plugin is required', "pass plugin: CniPlugin.macvlan({ master: 'eth1' })");
    const fields = props.plugin._fields(this, 'plugin');
    if (props.ipam !== undefined && !(props.ipam instanceof Ipam)) fail(this, 'ipam', props.ipam, 'must be made with an Ipam factory', "pass ipam: Ipam.whereabouts({ range: '192.0.2.0/24' })");
    const ipam: ResolvedIpam = props.ipam ? props.ipam._resolve(this, 'ipam') : { json: {}, pools: [], fixed: [], perPodIps: false, ipv6: false };
    if (props.mtu !== undefined) {
      const min = ipam.ipv6 ? 1280 : 576;
      if (typeof props.mtu !== 'number' || !Number.isInteger(props.mtu) || props.mtu < min || props.mtu > 9216) {
        fail(this, 'mtu', props.mtu, `is outside ${min}-9216${ipam.ipv6 ? ' (IPv6 needs at least 1280, RFC 8200)' : ' (576 is the IPv4 minimum, RFC 791)'}`, 'use the MTU of the network the interface is on, e.g. 1500 or 9000');
      }
      if (props.plugin.type === 'host-device' || props.plugin.type === 'sriov') {
        fail(this, 'mtu', props.mtu, `the ${props.plugin.type} plugin takes no mtu (the device keeps its own)`, "set the MTU on the node's device, and leave mtu unset");
      }
    }
    if (props.perPodMac !== undefined && typeof props.perPodMac !== 'boolean') fail(this, 'perPodMac', props.perPodMac, 'must be true or false', 'pass perPodMac: true or leave it unset');
    if (props.perPodMac && props.plugin.type === 'ipvlan') {
      fail(this, 'perPodMac', true, 'ipvlan interfaces share the master interface\'s MAC address (ipvlan README), so a per-pod MAC cannot apply', 'use CniPlugin.macvlan() for distinct MAC addresses, or leave perPodMac unset');
    }
    const namespace = Chart.of(this).namespace;
    const taken = AppRegistry.of(this).claim('network-attachment', `${namespace ?? ''}/${name}`, { owner: this });
    if (taken) fail(this, 'name', name, `is already the name of NetworkAttachment '${taken.owner.node.path}' in ${namespace ? `namespace ${namespace}` : 'the same (default) namespace'}`, 'give each NetworkAttachment its own name');
    this.checkOverlaps(ipam);

    // 2. create
    const main: Record<string, unknown> = {
      type: props.plugin.type,
      ...fields,
      ...(props.mtu !== undefined ? { mtu: props.mtu } : {}),
      ...(ipam.perPodIps ? { capabilities: { ips: true } } : {}),
      ipam: ipam.json,
    };
    const plugins: Record<string, unknown>[] = [main];
    if (props.perPodMac) plugins.push({ type: 'tuning', capabilities: { mac: true } });
    this.cniConfig = JSON.stringify({ cniVersion: CNI_VERSION, name, plugins });
    this.name = name;
    this.namespace = namespace;
    this.definition = new NetworkAttachmentDefinition(this, 'Resource', {
      metadata: {
        name,
        ...(props.plugin.resourceName ? { annotations: { 'k8s.v1.cni.cncf.io/resourceName': props.plugin.resourceName } } : {}),
      },
      spec: { config: this.cniConfig },
    });
    this._facts = { name, namespace, ipam, plugin: props.plugin, perPodMac: props.perPodMac === true };
  }

  /** Refuse a pool or fixed address that overlaps another attachment's pool in the same App. */
  private checkOverlaps(ipam: ResolvedIpam): void {
    const root = this.node.root;
    const owned = OWNED.get(root) ?? [];
    for (const other of owned) {
      for (const mine of [...ipam.pools, ...ipam.fixed]) {
        const hit = [...other.ipam.pools, ...other.ipam.fixed].find((p) => blocksOverlap(mine, p));
        if (hit) {
          fail(this, mine.prop, mine.text, `overlaps ${hit.text} of NetworkAttachment '${other.attachment.node.path}' (two attachments handing out the same addresses give one address to two pods; whereabouts README, "Known limitations": overlapping ranges collide)`,
            `use addresses that do not overlap ${hit.text}, or attach both apps to one NetworkAttachment`);
        }
      }
    }
    owned.push({ attachment: this, ipam });
    OWNED.set(root, owned);
  }
}
