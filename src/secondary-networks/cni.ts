import { IConstruct } from 'constructs';
import { fail } from '../errors';
import { checkAddressWithPrefix, checkCidr, checkInterfaceName, checkIp, checkIpIn, checkRoutes, checkVlanId, IpamBlock, ResolvedIpam, single } from './internal';
import { recordStruct } from '../internal/struct-keys';
import { blockContains, blockWithin } from '../internal/validation';

/**
 * macvlan modes (containernetworking/plugins plugins/main/macvlan README:
 * one of "bridge", "private", "vepa", "passthru"; default "bridge").
 */
export enum MacvlanMode {
  /** pods on the same master reach each other directly (the default) */
  BRIDGE = 'bridge',
  /** pods on the same master cannot reach each other */
  PRIVATE = 'private',
  /** traffic between pods goes through the external switch (needs a hairpin-capable switch) */
  VEPA = 'vepa',
  /** one pod takes over the master interface (one pod per node: an app with replicas gets a required anti-affinity) */
  PASSTHRU = 'passthru',
}

/**
 * ipvlan modes (containernetworking/plugins plugins/main/ipvlan README:
 * one of "l2", "l3", "l3s"; default "l2").
 */
export enum IpvlanMode {
  /** layer 2: the pods share the master's MAC address and answer ARP (the default) */
  L2 = 'l2',
  /** layer 3: the master routes; no broadcast or multicast, the network must route the pod addresses to the node */
  L3 = 'l3',
  /** layer 3 with the host's netfilter (iptables) applied to the pod traffic */
  L3S = 'l3s',
}

/** Options of `CniPlugin.macvlan()`. */
export interface MacvlanOptions {
  /**
   * Host interface to enslave (macvlan `master`).
   */
  readonly master: string;
  /**
   * macvlan mode.
   * @default MacvlanMode.BRIDGE
   */
  readonly mode?: MacvlanMode;
}

/** Options of `CniPlugin.ipvlan()`. */
export interface IpvlanOptions {
  /** Host interface to enslave (ipvlan `master`). */
  readonly master: string;
  /**
   * ipvlan mode.
   * @default IpvlanMode.L2
   */
  readonly mode?: IpvlanMode;
}

/** Options of `CniPlugin.bridge()`. */
export interface BridgeOptions {
  /** Name of the Linux bridge on the node (bridge plugin `bridge`; created when missing). */
  readonly bridge: string;
  /**
   * VLAN tag of the pod's port on the bridge (bridge plugin `vlan`).
   * @default - untagged
   */
  readonly vlan?: number;
  /**
   * Give the bridge the gateway address of the IPAM range (bridge plugin `isGateway`).
   * @default false
   */
  readonly isGateway?: boolean;
}

/** Options of `CniPlugin.hostDevice()`. */
export interface HostDeviceOptions {
  /** Node interface moved into the pod (host-device plugin `device`). */
  readonly device: string;
}

/** Options of `CniPlugin.vlan()`. */
export interface VlanOptions {
  /** Host interface the VLAN sub-interface is created on (vlan plugin `master`). */
  readonly master: string;
  /** 802.1Q VLAN id (vlan plugin `vlanId`), 1-4094. */
  readonly vlanId: number;
}

/** Options of `CniPlugin.sriov()`. */
export interface SriovOptions {
  /**
   * Extended resource of the SR-IOV network device plugin that holds the
   * virtual functions, e.g. `intel.com/intel_sriov_netdevice`. Written to the
   * NetworkAttachmentDefinition's `k8s.v1.cni.cncf.io/resourceName`
   * annotation, and requested (1) by the containers of an app that attaches it:
   * sriov-cni reads the VF's PCI address (`deviceID`) that Multus takes from
   * the device plugin's allocation for the pod (k8snetworkplumbingwg/sriov-cni
   * README, "Usage").
   */
  readonly resourceName: string;
  /**
   * VLAN id of the VF (sriov-cni `vlan`), 1-4094.
   * @default - no VLAN tag
   */
  readonly vlan?: number;
}

/**
 * The CNI plugin that creates the secondary interface. The JSON is generated
 * from these options; field names are the reference plugins' own
 * (containernetworking/plugins plugins/main/{macvlan,ipvlan,bridge,host-device,vlan}
 * READMEs; k8snetworkplumbingwg/sriov-cni docs/configuration-reference.md).
 */
export class CniPlugin {
  /**
   * macvlan: a new MAC address on a host interface; pods appear on the
   * physical network as hosts of their own. Pods cannot reach their own
   * node through the master interface (a kernel property of macvlan).
   */
  public static macvlan(options: MacvlanOptions): CniPlugin {
    return recordStruct(new CniPlugin('macvlan', 'macvlan', (scope, prop) => {
      checkInterfaceName(scope, `${prop}.master`, options?.master);
      enumValue(scope, `${prop}.mode`, options.mode, MacvlanMode);
      return { master: options.master, mode: options.mode ?? MacvlanMode.BRIDGE };
    }, undefined, options?.mode === MacvlanMode.PASSTHRU), 'MacvlanOptions', options);
  }

  /**
   * ipvlan: pods share the host interface's MAC address (useful where the
   * switch port allows one MAC address only).
   */
  public static ipvlan(options: IpvlanOptions): CniPlugin {
    return recordStruct(new CniPlugin('ipvlan', 'ipvlan', (scope, prop) => {
      checkInterfaceName(scope, `${prop}.master`, options?.master);
      enumValue(scope, `${prop}.mode`, options.mode, IpvlanMode);
      return { master: options.master, mode: options.mode ?? IpvlanMode.L2 };
    }), 'IpvlanOptions', options);
  }

  /** bridge: a veth pair from the pod to a Linux bridge on the node. */
  public static bridge(options: BridgeOptions): CniPlugin {
    return recordStruct(new CniPlugin('bridge', 'bridge', (scope, prop) => {
      checkInterfaceName(scope, `${prop}.bridge`, options?.bridge);
      checkVlanId(scope, `${prop}.vlan`, options.vlan);
      if (options.isGateway !== undefined && typeof options.isGateway !== 'boolean') fail(scope, `${prop}.isGateway`, options.isGateway, 'must be true or false', 'pass isGateway: true or leave it unset');
      return {
        bridge: options.bridge,
        ...(options.vlan !== undefined ? { vlan: options.vlan } : {}),
        ...(options.isGateway ? { isGateway: true } : {}),
      };
    }), 'BridgeOptions', options);
  }

  /**
   * host-device: moves a node interface into the pod. Only one pod per node
   * can hold it, so an app with several replicas gets a required pod
   * anti-affinity on the node (a second replica on that node would fail in
   * ContainerCreating).
   */
  public static hostDevice(options: HostDeviceOptions): CniPlugin {
    return recordStruct(new CniPlugin('host-device', 'hostDevice', (scope, prop) => {
      checkInterfaceName(scope, `${prop}.device`, options?.device);
      return { device: options.device };
    }, undefined, true), 'HostDeviceOptions', options);
  }

  /** vlan: an 802.1Q sub-interface of a host interface, moved into the pod. */
  public static vlan(options: VlanOptions): CniPlugin {
    return recordStruct(new CniPlugin('vlan', 'vlan', (scope, prop) => {
      checkInterfaceName(scope, `${prop}.master`, options?.master);
      if (options.vlanId === undefined) fail(scope, `${prop}.vlanId`, undefined, 'the vlan plugin needs a VLAN id', 'pass vlanId: 100 (1-4094)');
      checkVlanId(scope, `${prop}.vlanId`, options.vlanId);
      return { master: options.master, vlanId: options.vlanId };
    }), 'VlanOptions', options);
  }

  /**
   * sriov: an SR-IOV virtual function handed to the pod (sriov-cni). Needs
   * the SR-IOV network device plugin advertising `resourceName`.
   */
  public static sriov(options: SriovOptions): CniPlugin {
    return recordStruct(new CniPlugin('sriov', 'sriov', (scope, prop) => {
      const rn = options?.resourceName;
      if (typeof rn !== 'string' || !/^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*)\/[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$/.test(rn) || rn.length > 253) {
        fail(scope, `${prop}.resourceName`, rn, 'is not an extended resource name (domain/name)', "use the name the SR-IOV device plugin advertises, e.g. 'intel.com/intel_sriov_netdevice'");
      }
      checkVlanId(scope, `${prop}.vlan`, options.vlan);
      return options.vlan !== undefined ? { vlan: options.vlan } : {};
    }, options?.resourceName), 'SriovOptions', options);
  }

  /** The CNI `type` (binary name in the node's CNI bin directory). */
  public readonly type: string;
  /** For SR-IOV: the device plugin resource. */
  public readonly resourceName?: string;
  /** @internal the factory name (for error messages) */
  public readonly _factory: string;
  /** @internal the interface can be held by one pod per node (host-device, macvlan passthru) */
  public readonly _onePodPerNode: boolean;
  private readonly build: (scope: IConstruct, prop: string) => Record<string, unknown>;

  private constructor(type: string, factory: string, build: (scope: IConstruct, prop: string) => Record<string, unknown>,
    resourceName?: string, onePodPerNode = false) {
    this.type = type;
    this._onePodPerNode = onePodPerNode;
    this.resourceName = resourceName;
    this._factory = factory;
    this.build = build;
  }

  /** @internal validated plugin fields (without type, ipam, mtu) */
  public _fields(scope: IConstruct, prop: string): Record<string, unknown> {
    return this.build(scope, prop);
  }
}

function enumValue(scope: IConstruct, prop: string, v: unknown, e: Record<string, string>): void {
  if (v !== undefined && !Object.values(e).includes(v as string)) fail(scope, prop, v, 'is not one of the enum values', `use one of ${Object.values(e).join(', ')}`);
}

/** A route in the pod's routing table for the secondary interface. */
export interface IpamRoute {
  /** Destination CIDR (CNI `routes[].dst`). */
  readonly dst: string;
  /**
   * Next hop (CNI `routes[].gw`).
   * @default - the IPAM gateway
   */
  readonly gw?: string;
}

/** Options of `Ipam.static()`. */
export interface StaticIpamOptions {
  /**
   * Addresses with prefix length (static IPAM `addresses[].address`), the
   * same for every pod that uses the attachment: so only one pod may use it
   * (an app with replicas > 1 is refused). Leave empty to give each pod its
   * own address through the attachment's `ips` (the plugin is then written
   * with `capabilities: { ips: true }`, which Multus needs to pass the
   * annotation's `ips` to static IPAM, k8snetworkplumbingwg/multus-cni
   * docs/how-to-use.md).
   * @default - none: each pod's addresses come from its network selection (`ips`)
   */
  readonly addresses?: string[];
  /**
   * Gateway, inside the subnet of the addresses of its family (static IPAM `addresses[].gateway`).
   * @default - none
   */
  readonly gateway?: string;
  /**
   * Routes through the secondary interface (static IPAM `routes`).
   * @default - none (only the connected subnet)
   */
  readonly routes?: IpamRoute[];
}

/** One host-local range (host-local `ranges[][]` entry). */
export interface HostLocalRange {
  /** Subnet of the range (host-local `subnet`). */
  readonly subnet: string;
  /**
   * First address handed out (host-local `rangeStart`).
   * @default - the second address of the subnet
   */
  readonly rangeStart?: string;
  /**
   * Last address handed out (host-local `rangeEnd`).
   * @default - the last address before the broadcast address
   */
  readonly rangeEnd?: string;
  /**
   * Gateway of the range (host-local `gateway`), inside the subnet.
   * @default - the first address of the subnet
   */
  readonly gateway?: string;
}

/** Options of `Ipam.hostLocal()`. */
export interface HostLocalIpamOptions {
  /** The ranges, one address per range and pod (host-local `ranges`). */
  readonly ranges: HostLocalRange[];
  /**
   * Routes through the secondary interface.
   * @default - none
   */
  readonly routes?: IpamRoute[];
}

/** Options of `Ipam.whereabouts()`. */
export interface WhereaboutsIpamOptions {
  /** Cluster-wide pool as a CIDR (whereabouts `range`). */
  readonly range: string;
  /**
   * CIDRs inside the range never handed out (whereabouts `exclude`), e.g. the
   * gateway and addresses of appliances on that network.
   * @default - none
   */
  readonly exclude?: string[];
  /**
   * Gateway (whereabouts `gateway`), inside the range and covered by
   * `exclude`: whereabouts does not skip it when allocating
   * (k8snetworkplumbingwg/whereabouts#601), so an unexcluded gateway is refused.
   * @default - none
   */
  readonly gateway?: string;
  /**
   * Routes through the secondary interface.
   * @default - none
   */
  readonly routes?: IpamRoute[];
}

/**
 * IP address management for the secondary interface (the `ipam` object of
 * the CNI configuration). Field names are the plugins' own:
 * containernetworking/plugins plugins/ipam/{static,host-local,dhcp} READMEs
 * and k8snetworkplumbingwg/whereabouts README.
 */
export class Ipam {
  /** Fixed addresses (static IPAM), in the config or per pod through `ips`. */
  public static static(options: StaticIpamOptions = {}): Ipam {
    return recordStruct(new Ipam('static', (scope, prop) => {
      const fixed: IpamBlock[] = [];
      const addresses = (options.addresses ?? []).map((a, i) => {
        const c = checkAddressWithPrefix(scope, `${prop}.addresses[${i}]`, a);
        fixed.push({ ...single(c.ip), text: a, prop: `${prop}.addresses[${i}]` });
        return { a, c };
      });
      const gw = options.gateway !== undefined ? checkIp(scope, `${prop}.gateway`, options.gateway) : undefined;
      if (gw) {
        const same = addresses.filter((x) => x.c.subnet.version === gw.version);
        if (addresses.length > 0 && !same.some((x) => blockContains(x.c.subnet, gw))) {
          fail(scope, `${prop}.gateway`, options.gateway, `is outside the subnet of ${same.map((x) => x.a).join(', ') || 'every address (no address of its family)'}`, 'use a gateway address on the same subnet as the addresses');
        }
      }
      const routes = checkRoutes(scope, `${prop}.routes`, options.routes);
      return {
        json: {
          type: 'static',
          ...(addresses.length > 0 ? {
            addresses: addresses.map((x) => ({
              address: x.a,
              ...(gw && blockContains(x.c.subnet, gw) ? { gateway: options.gateway } : {}),
            })),
          } : {}),
          ...(routes ? { routes } : {}),
        },
        pools: [],
        fixed,
        perPodIps: addresses.length === 0,
        ipv6: addresses.some((x) => x.c.subnet.version === 6),
      };
    }), 'StaticIpamOptions', options);
  }

  /** Per-node ranges (host-local IPAM): addresses are unique on one node only, so use it for node-local networks (a bridge). */
  public static hostLocal(options: HostLocalIpamOptions): Ipam {
    return recordStruct(new Ipam('host-local', (scope, prop) => {
      if (!Array.isArray(options?.ranges) || options.ranges.length === 0) fail(scope, `${prop}.ranges`, options?.ranges, 'host-local needs at least one range', "pass ranges: [{ subnet: '192.0.2.0/24' }]");
      const pools: IpamBlock[] = [];
      const ranges = options.ranges.map((r, i) => {
        const p = `${prop}.ranges[${i}]`;
        const subnet = checkCidr(scope, `${p}.subnet`, r?.subnet);
        const start = r.rangeStart !== undefined ? checkIpIn(scope, `${p}.rangeStart`, r.rangeStart, subnet, r.subnet) : undefined;
        const end = r.rangeEnd !== undefined ? checkIpIn(scope, `${p}.rangeEnd`, r.rangeEnd, subnet, r.subnet) : undefined;
        if (start && end && start.value > end.value) fail(scope, `${p}.rangeStart`, r.rangeStart, `is after rangeEnd ${r.rangeEnd}`, 'swap rangeStart and rangeEnd');
        if (r.gateway !== undefined) checkIpIn(scope, `${p}.gateway`, r.gateway, subnet, r.subnet);
        pools.push({ version: subnet.version, first: start?.value ?? subnet.first, last: end?.value ?? subnet.last, text: r.subnet, prop: p });
        return [{
          subnet: r.subnet,
          ...(r.rangeStart ? { rangeStart: r.rangeStart } : {}),
          ...(r.rangeEnd ? { rangeEnd: r.rangeEnd } : {}),
          ...(r.gateway ? { gateway: r.gateway } : {}),
        }];
      });
      const routes = checkRoutes(scope, `${prop}.routes`, options.routes);
      return { json: { type: 'host-local', ranges, ...(routes ? { routes } : {}) }, pools, fixed: [], perPodIps: false, ipv6: pools.some((b) => b.version === 6) };
    }), 'HostLocalIpamOptions', options);
  }

  /** A cluster-wide pool (whereabouts IPAM): unique addresses across nodes. */
  public static whereabouts(options: WhereaboutsIpamOptions): Ipam {
    return recordStruct(new Ipam('whereabouts', (scope, prop) => {
      const range = checkCidr(scope, `${prop}.range`, options?.range);
      const excluded = (options.exclude ?? []).map((x, i) => {
        const c = checkCidr(scope, `${prop}.exclude[${i}]`, x);
        if (!blockWithin(c, range)) fail(scope, `${prop}.exclude[${i}]`, x, `is outside the range ${options.range}`, 'exclude only blocks inside the range');
        return c;
      });
      if (options.gateway !== undefined) {
        const gw = checkIpIn(scope, `${prop}.gateway`, options.gateway, range, options.range);
        if (!excluded.some((c) => blockContains(c, gw))) {
          fail(scope, `${prop}.gateway`, options.gateway, 'is inside the range and not excluded: whereabouts hands the gateway address to a pod like any other (k8snetworkplumbingwg/whereabouts#601)',
            `add '${options.gateway}/${gw.version === 4 ? 32 : 128}' to exclude`);
        }
      }
      const routes = checkRoutes(scope, `${prop}.routes`, options.routes);
      return {
        json: {
          type: 'whereabouts',
          range: options.range,
          ...(options.exclude?.length ? { exclude: [...options.exclude] } : {}),
          ...(options.gateway ? { gateway: options.gateway } : {}),
          ...(routes ? { routes } : {}),
        },
        pools: [{ version: range.version, first: range.first, last: range.last, text: options.range, prop: `${prop}.range` }],
        fixed: [],
        perPodIps: false,
        ipv6: range.version === 6,
      };
    }), 'WhereaboutsIpamOptions', options);
  }

  /**
   * Addresses from a DHCP server on the secondary network (dhcp IPAM). The
   * CNI dhcp daemon (`/opt/cni/bin/dhcp daemon`) must run on every node, and
   * the MultiNetworkPolicy lets DHCP through (UDP 67 out, UDP 68 in).
   */
  public static dhcp(): Ipam {
    return new Ipam('dhcp', () => ({ json: { type: 'dhcp' }, pools: [], fixed: [], perPodIps: false, ipv6: false }));
  }

  /** The IPAM `type`. */
  public readonly type: string;
  private readonly build: (scope: IConstruct, prop: string) => ResolvedIpam;

  private constructor(type: string, build: (scope: IConstruct, prop: string) => ResolvedIpam) {
    this.type = type;
    this.build = build;
  }

  /** @internal */
  public _resolve(scope: IConstruct, prop: string): ResolvedIpam {
    return this.build(scope, prop);
  }
}

