import { ApiObject, Chart } from 'cdk8s';
import { Construct } from 'constructs';
import { METALLB_POOL_BLOCK_CLAIMS } from '../bare-metal-lb/addresses';
import { fail } from '../errors';
import { contextCidrs, POD_CIDRS_CONTEXT, SERVICE_CIDRS_CONTEXT } from '../internal/cluster-network';
import { isImageError, parseImageReference } from '../internal/image-reference';
import { registerNotes } from '../internal/notes-file';
import { k8s } from '../internal/plus.generated';
import { AppRegistry } from '../internal/registry';
import { boolCheck, specialAddress } from '../internal/service-checks';
import { checkStructKeys, recordStruct } from '../internal/struct-keys';
import { blockContains, formatIp, isDnsLabel, isIpv4Mapped, isLabelKey, isLabelValue, labelsText, parseIp, ParsedIp } from '../internal/validation';
import { recordConstructPaths } from '../lint/construct-paths';
import { isInterfaceName } from '../secondary-networks/internal';

/** kube-vip release whose environment variables and behaviour the DaemonSet follows (kube-vip/kube-vip, tag v1.2.3). */
export const KUBE_VIP_IMAGE = 'ghcr.io/kube-vip/kube-vip:v1.2.3';

/** Registry category of floating virtual IPs, app-wide (key: the normalized address). */
export const VIRTUAL_IP_CLAIMS = 'virtual-ip';

/** Options for `VirtualIpManager.kubeVip()`. */
export interface KubeVipOptions {
  /**
   * The kube-vip image, pinned to a tag or digest (an unpinned reference is
   * refused: every node would run whatever `latest` is when it pulls).
   * @default 'ghcr.io/kube-vip/kube-vip:v1.2.3'
   */
  readonly image?: string;
}

/**
 * The program that holds a `VirtualIp` on one node at a time and moves it
 * when that node fails. Chosen explicitly: each one has its own protocol,
 * failure modes and checks.
 */
export class VirtualIpManager {
  /**
   * kube-vip (kube-vip/kube-vip v1.2) in ARP mode with Kubernetes leader
   * election: the pods of the DaemonSet compete for a Lease
   * (`coordination.k8s.io/v1`) named after the VirtualIp in its namespace;
   * the holder adds the address to its node's interface and announces it
   * with gratuitous ARP (IPv6: unsolicited NDP). Its "control plane" mode
   * (`cp_enable=true`) is the one that holds a fixed `address`: with
   * `cp_enable` and `svc_enable` both false kube-vip only waits for shutdown
   * (pkg/manager/manager.go `startMode`). `lb_enable` stays off (no IPVS),
   * `svc_enable=false` (no Service watching), so the only API access is the
   * Lease (client-go `LeaseLock`: get, create, update).
   */
  public static kubeVip(options: KubeVipOptions = {}): VirtualIpManager {
    return recordStruct(new VirtualIpManager('kube-vip', options ?? {}), 'KubeVipOptions', options);
  }

  /** The manager's name (`kube-vip`). */
  public readonly name: string;
  /** @internal */
  public readonly _options: KubeVipOptions;

  private constructor(name: string, options: KubeVipOptions) {
    this.name = name;
    this._options = options;
  }
}

/** Props for `VirtualIp`. */
export interface VirtualIpProps {
  /**
   * The floating address (IPv4 or IPv6, no prefix). It must be free on the
   * nodes' layer-2 segment, outside the cluster's pod and Service networks
   * (context `cdk8s-expose:podCidrs` / `cdk8s-expose:serviceCidrs`) and
   * outside every BareMetalLB pool and other VirtualIp of the cdk8s App.
   */
  readonly address: string;
  /**
   * The node interface the address is added to and announced on (as `ip
   * link` prints it, e.g. `eth0`, `ens192`, `bond0`); the same name on every
   * selected node.
   */
  readonly interfaceName: string;
  /** The program that holds and moves the address. */
  readonly manager: VirtualIpManager;
  /**
   * Confirm that the namespace is labelled
   * `pod-security.kubernetes.io/enforce: privileged`: the manager needs
   * `hostNetwork` and the `NET_ADMIN` and `NET_RAW` capabilities, which Pod
   * Security "baseline" forbids, so its pods are rejected anywhere else.
   */
  readonly acknowledgePrivilegedNamespace: boolean;
  /**
   * Run the manager (and so hold the address) only on nodes with these
   * labels: nodes on the segment the address belongs to.
   * @default - every node
   */
  readonly nodeSelector?: { [key: string]: string };
  /**
   * Name of the DaemonSet, ServiceAccount, Role, RoleBinding and of the
   * leader-election Lease.
   * @default - the construct id, lower-cased
   */
  readonly name?: string;
}

/**
 * A floating virtual IP in front of NodePort or hostPort apps: a manager
 * DaemonSet (kube-vip) on the selected nodes holds the address on exactly
 * one of them and moves it to another when that node or its pod fails, so
 * clients use one address instead of a node IP that disappears with its node.
 * Give it to an app with `Exposure.nodePort({ virtualIp })` or
 * `Exposure.hostPort({ virtualIp })`.
 *
 * The DaemonSet runs with `hostNetwork`, capabilities `NET_ADMIN` and
 * `NET_RAW` only (ALL others dropped), no privilege escalation, a read-only
 * root filesystem and the RuntimeDefault seccomp profile; its
 * ServiceAccount may only get, create and update Leases in its own namespace.
 * kube-vip's Prometheus endpoint (`:2112` on every node, since the pods use
 * the host network) is turned off.
 *
 * @exampleMetadata fixture=chart
 * @example
 * import { VirtualIp, VirtualIpManager } from 'cdk8s-expose';
 *
 * new VirtualIp(chart, 'web-vip', {
 *   address: '192.168.1.250',
 *   interfaceName: 'eth0',
 *   manager: VirtualIpManager.kubeVip(),
 *   acknowledgePrivilegedNamespace: true,
 *   nodeSelector: { 'node-role.kubernetes.io/edge': 'true' },
 * });
 */
export class VirtualIp extends Construct {
  /** The floating address. */
  public readonly address: string;
  /** Name of the manager's objects and of the Lease. */
  public readonly name: string;
  /** Namespace of the manager (the chart's), if set. */
  public readonly namespace?: string;
  /** The interface the address is added to. */
  public readonly interfaceName: string;
  /** The manager. */
  public readonly manager: VirtualIpManager;
  /** The manager DaemonSet. */
  public readonly daemonSet: ApiObject;

  private readonly nodeSelector?: Record<string, string>;
  private readonly ip: ParsedIp;

  constructor(scope: Construct, id: string, props: VirtualIpProps) {
    super(scope, id);
    recordConstructPaths(this);
    checkStructKeys(this, '', props, 'VirtualIpProps');
    const p = props ?? ({} as VirtualIpProps);
    // ---- validate everything before creating anything
    const name = p.name ?? id.toLowerCase().replace(/[^a-z0-9-]+/g, '-').replace(/^-+|-+$/g, '');
    if (!isDnsLabel(name) || !/^[a-z]/.test(name)) {
      fail(this, 'name', p.name ?? id, 'is not a valid object name (a DNS label starting with a letter)', "pass name: 'web-vip'");
    }
    const namespace = Chart.of(this).namespace;
    if (namespace !== undefined && !isDnsLabel(namespace)) {
      fail(this, 'namespace', namespace, "is not a namespace name (the Chart's namespace)", "give the Chart a lower-case DNS label as namespace, e.g. new Chart(app, 'vip', { namespace: 'kube-vip' })");
    }
    if (!(p.manager instanceof VirtualIpManager)) {
      fail(this, 'manager', p.manager === undefined ? undefined : String(p.manager), 'must be a VirtualIpManager', 'pass manager: VirtualIpManager.kubeVip()');
    }
    checkStructKeys(this, 'manager', p.manager._options, 'KubeVipOptions');
    boolCheck(this, 'acknowledgePrivilegedNamespace', p.acknowledgePrivilegedNamespace);
    if (p.acknowledgePrivilegedNamespace !== true) {
      const ns = namespace ? `namespace '${namespace}'` : 'the target namespace';
      fail(this, 'acknowledgePrivilegedNamespace', p.acknowledgePrivilegedNamespace,
        `the ${p.manager.name} pods need hostNetwork and the NET_ADMIN and NET_RAW capabilities, which violate Pod Security "baseline", so they are rejected unless ${ns} is labelled pod-security.kubernetes.io/enforce: privileged`,
        `label ${ns} with pod-security.kubernetes.io/enforce=privileged (best a namespace of its own) and pass acknowledgePrivilegedNamespace: true`);
    }
    this.ip = this.checkAddress(p.address);
    if (!isInterfaceName(p.interfaceName)) {
      fail(this, 'interfaceName', p.interfaceName, "is not a Linux interface name (1-15 characters, not '.' or '..', no '/', ':' or whitespace)",
        "use the nodes' interface name as `ip link` prints it, e.g. 'eth0', 'ens192' or 'bond0'");
    }
    this.checkNodeSelector(p.nodeSelector);
    const image = p.manager._options.image ?? KUBE_VIP_IMAGE;
    const ref = typeof image === 'string' ? parseImageReference(image) : { error: 'not a string' };
    if (isImageError(ref)) {
      fail(this, 'manager.image', image, `is not an image reference the kubelet can parse (${ref.error})`, `pin a tag or digest, e.g. '${KUBE_VIP_IMAGE}'`);
    }
    if (ref.digest === undefined && (ref.tag === undefined || ref.tag === 'latest')) {
      fail(this, 'manager.image', image, 'is not pinned: every node would run whatever the tag points at when it pulls, and two nodes could run different versions', `pin a version tag or a digest, e.g. '${KUBE_VIP_IMAGE}'`);
    }
    this.claim(name, namespace);

    this.address = p.address;
    this.name = name;
    this.namespace = namespace;
    this.interfaceName = p.interfaceName;
    this.manager = p.manager;
    this.nodeSelector = p.nodeSelector;

    // ---- create
    const labels = { 'app.kubernetes.io/name': 'kube-vip', 'app.kubernetes.io/instance': name };
    const metadata = { name, namespace, labels };
    new k8s.KubeServiceAccount(this, 'ServiceAccount', { metadata });
    new k8s.KubeRole(this, 'Role', {
      metadata,
      // client-go leaderelection LeaseLock: Get, Create, Update (ReleaseOnCancel updates too); nothing else in ARP control-plane mode
      rules: [{ apiGroups: ['coordination.k8s.io'], resources: ['leases'], verbs: ['get', 'create', 'update'] }],
    });
    new k8s.KubeRoleBinding(this, 'RoleBinding', {
      metadata,
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name },
      subjects: [{ kind: 'ServiceAccount', name, namespace }],
    });
    const env = (n: string, value: string) => ({ name: n, value });
    this.daemonSet = new k8s.KubeDaemonSet(this, 'DaemonSet', {
      metadata,
      spec: {
        selector: { matchLabels: labels },
        // a new pod only after the old one is gone: two managers on one node would fight over the address
        updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: k8s.IntOrString.fromNumber(1) } },
        template: {
          metadata: { labels },
          spec: {
            serviceAccountName: name,
            automountServiceAccountToken: true,
            hostNetwork: true,
            // the node's resolver cannot resolve cluster names; kube-vip itself uses KUBERNETES_SERVICE_HOST, this keeps the pod usable for debugging
            dnsPolicy: 'ClusterFirstWithHostNet',
            nodeSelector: p.nodeSelector,
            securityContext: { seccompProfile: { type: 'RuntimeDefault' } },
            containers: [{
              name: 'kube-vip',
              image,
              // the metrics server would listen on :2112 of every node (host network): off
              args: ['manager', '--prometheusHTTPServer='],
              env: [
                env('vip_arp', 'true'),
                env('vip_interface', p.interfaceName),
                env('address', formatIp(this.ip)),
                env('cp_enable', 'true'),
                env('svc_enable', 'false'),
                env('lb_enable', 'false'),
                env('vip_leaderelection', 'true'),
                env('vip_leasename', name),
                { name: 'vip_nodename', valueFrom: { fieldRef: { fieldPath: 'spec.nodeName' } } },
              ],
              resources: {
                requests: { cpu: k8s.Quantity.fromString('10m'), memory: k8s.Quantity.fromString('32Mi') },
                limits: { memory: k8s.Quantity.fromString('128Mi') },
              },
              securityContext: {
                capabilities: { add: ['NET_ADMIN', 'NET_RAW'], drop: ['ALL'] },
                allowPrivilegeEscalation: false,
                privileged: false,
                readOnlyRootFilesystem: true,
              },
            }],
          },
        },
      },
    });
    registerNotes(this);
  }

  /** The address as it appears in a URL (IPv6 in brackets). */
  public get urlHost(): string {
    return this.ip.version === 6 ? `[${formatIp(this.ip)}]` : formatIp(this.ip);
  }

  /** The node labels the manager runs on, if any. @internal */
  public get _nodeSelector(): Record<string, string> | undefined {
    return this.nodeSelector;
  }

  /** A command that prints the node holding the address (the Lease holder). */
  public holderCommand(): string {
    return `kubectl get lease ${this.name}${this.namespace ? ` -n ${this.namespace}` : ''} -o jsonpath='{.spec.holderIdentity}'`;
  }

  /** Where the address is, and how to check the manager. */
  public notes(): string {
    const n = this.namespace ? ` -n ${this.namespace}` : '';
    const addr = formatIp(this.ip);
    return [
      `VirtualIp ${this.node.path}: ${addr} on ${this.interfaceName} (${this.manager.name}, ARP, Lease ${this.name}${this.namespace ? ` in ${this.namespace}` : ''})`,
      '  The namespace must be labelled pod-security.kubernetes.io/enforce=privileged (hostNetwork, NET_ADMIN, NET_RAW).',
      `  Which node holds it: ${this.holderCommand()}`,
      `  On that node: ip -brief addr show dev ${this.interfaceName} | grep -F '${addr}'  # the address is there on the holder only`,
      `  kubectl get pods${n} -l app.kubernetes.io/instance=${this.name} -o wide  # one manager per ${this.nodeSelector ? `node labelled ${labelsText(this.nodeSelector)}` : 'node'}`,
      `  kubectl logs${n} -l app.kubernetes.io/instance=${this.name} --tail=50  # leader election and ARP/NDP announcements`,
      `  From another host on the segment: ip neigh show ${addr}  # its MAC must be the holder's after a failover (gratuitous ARP)`,
    ].join('\n');
  }

  private checkAddress(address: unknown): ParsedIp {
    const ip = typeof address === 'string' ? parseIp(address) : undefined;
    if (!ip) fail(this, 'address', address, 'is not an IP address', "write a plain IPv4 or IPv6 address without prefix, e.g. '192.168.1.250'");
    if (isIpv4Mapped(ip)) fail(this, 'address', address, 'is an IPv4-mapped IPv6 address', "write the IPv4 address instead, e.g. '192.168.1.250'");
    const special = specialAddress(ip);
    if (special) fail(this, 'address', address, `is a ${special} address, which cannot float between nodes`, 'use a free address of the nodes\' segment');
    for (const [key, what] of [[POD_CIDRS_CONTEXT, 'pod'], [SERVICE_CIDRS_CONTEXT, 'Service']] as const) {
      for (const c of contextCidrs(this, key) ?? []) {
        if (blockContains(c.cidr, ip)) {
          fail(this, 'address', address, `lies inside the cluster's ${what} network ${c.text} (context ${key}): the CNI or kube-proxy owns those addresses`, 'use a free address of the nodes\' segment, outside the pod and Service networks');
        }
      }
    }
    return ip;
  }

  private checkNodeSelector(sel: Record<string, string> | undefined): void {
    if (sel === undefined) return;
    if (sel === null || typeof sel !== 'object' || Array.isArray(sel) || Object.keys(sel).length === 0) {
      fail(this, 'nodeSelector', sel, 'must be a non-empty map of node label keys to values', "pass e.g. { 'node-role.kubernetes.io/edge': 'true' }, or leave it unset for every node");
    }
    for (const [k, v] of Object.entries(sel)) {
      if (!isLabelKey(k)) fail(this, 'nodeSelector', k, 'is not a valid label key', "use prefix/name, e.g. 'node-role.kubernetes.io/edge'");
      if (typeof v !== 'string' || !isLabelValue(v)) fail(this, `nodeSelector.${k}`, v, 'is not a valid label value', 'use at most 63 letters, digits, "-", "_" or "."');
    }
  }

  /** The address and the object names, app-wide; MetalLB pools are checked here and by BareMetalLB. */
  private claim(name: string, namespace: string | undefined): void {
    const registry = AppRegistry.of(this);
    for (const claims of registry.claimsOf(METALLB_POOL_BLOCK_CLAIMS).values()) {
      for (const c of claims) {
        const block = c.detail?.block;
        if (block && blockContains(block, this.ip)) {
          fail(this, 'address', formatIp(this.ip), `lies inside ${JSON.stringify(block.text)} of MetalLB pool ${c.detail.pool} (${c.owner.node.path}): MetalLB could hand it to a Service and two nodes would answer for it`,
            'use an address outside every MetalLB pool');
        }
      }
    }
    const key = `${this.ip.version}/${this.ip.value}`;
    const taken = registry.claim(VIRTUAL_IP_CLAIMS, key, { owner: this, detail: { ip: this.ip } });
    if (taken) {
      fail(this, 'address', formatIp(this.ip), `is already the address of VirtualIp ${taken.owner.node.path}: two managers would hold it on two nodes`, 'give each VirtualIp its own address');
    }
    const nameTaken = registry.claim('virtual-ip-name', `${namespace ?? ''}/${name}`, { owner: this });
    if (nameTaken) {
      fail(this, 'name', name, `is already the name of VirtualIp ${nameTaken.owner.node.path} in this namespace (its DaemonSet and Lease)`, 'give each VirtualIp its own name');
    }
  }
}
