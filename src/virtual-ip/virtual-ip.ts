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
import { blockContains, checkInt, formatIp, isDnsLabel, isIpv4Mapped, isLabelKey, isLabelValue, labelsText, parseIp, ParsedIp } from '../internal/validation';
import { recordConstructPaths } from '../lint/construct-paths';
import { isInterfaceName } from '../secondary-networks/internal';

/** kube-vip release whose environment variables and behaviour the DaemonSet follows (kube-vip/kube-vip, tag v1.2.3). */
export const KUBE_VIP_IMAGE = 'ghcr.io/kube-vip/kube-vip:v1.2.3';

/** Keepalived release the VRRP configuration follows (osixia/container-keepalived 2.3.4, keepalived 2.3.4). */
export const KEEPALIVED_IMAGE = 'osixia/keepalived:2.3.4';

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

/** Options for `VirtualIpManager.keepalived()`. */
export interface KeepalivedOptions {
  /**
   * The VRRP `virtual_router_id`, 1-255. VRRP routers on one segment with
   * the same id (and address family) take each other's advertisements for
   * their own: unique in the cdk8s App, and it must differ from every other
   * VRRP router on the network (switches, firewalls, other clusters).
   */
  readonly virtualRouterId: number;
  /**
   * The keepalived image, pinned to a tag or digest; it must provide
   * `/usr/local/sbin/keepalived` (the osixia image's path).
   * @default 'osixia/keepalived:2.3.4'
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

  /**
   * Keepalived (acassen/keepalived 2.3, in the osixia/keepalived image) with
   * one VRRP instance: every node starts as BACKUP with the same priority,
   * the elected master adds the address and announces it with gratuitous
   * ARP (NDP); VRRP advertisements (IP protocol 112, multicast 224.0.0.18 or
   * ff02::12, every second) between the nodes decide who holds it. Only the
   * VRRP subsystem runs (`--vrrp`: no health checkers, no IPVS, so no `ip_vs`
   * module), the configuration comes from a ConfigMap, and the pods need no
   * Kubernetes API access at all. IPv6 instances always speak VRRPv3
   * (keepalived.conf(5), `version`).
   */
  public static keepalived(options: KeepalivedOptions): VirtualIpManager {
    return recordStruct(new VirtualIpManager('keepalived', options ?? ({} as KeepalivedOptions)), 'KeepalivedOptions', options);
  }

  /** The manager's name (`kube-vip` or `keepalived`). */
  public readonly name: string;
  /** @internal */
  public readonly _options: KubeVipOptions & Partial<KeepalivedOptions>;

  private constructor(name: string, options: KubeVipOptions | KeepalivedOptions) {
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
 * DaemonSet (kube-vip or keepalived) on the selected nodes holds the address on exactly
 * one of them and moves it to another when that node or its pod fails, so
 * clients use one address instead of a node IP that disappears with its node.
 * Give it to an app with `Exposure.nodePort({ virtualIp })` or
 * `Exposure.hostPort({ virtualIp })`.
 *
 * The DaemonSet runs with `hostNetwork`, capabilities `NET_ADMIN` and
 * `NET_RAW` only (ALL others dropped), no privilege escalation, a read-only
 * root filesystem and the RuntimeDefault seccomp profile. kube-vip's
 * ServiceAccount may only get, create and update Leases in its own namespace,
 * and its Prometheus endpoint (`:2112` on every node, since the pods use the
 * host network) is turned off; keepalived gets no ServiceAccount token at all.
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
  /** The floating address (normalized: IPv6 compressed, lower case). */
  public readonly address: string;
  /** Name of the manager's objects (and of kube-vip's Lease). */
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
  private readonly kubeVip: boolean;

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
    const kubeVip = p.manager.name === 'kube-vip';
    checkStructKeys(this, 'manager', p.manager._options, kubeVip ? 'KubeVipOptions' : 'KeepalivedOptions');
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
    const defaultImage = kubeVip ? KUBE_VIP_IMAGE : KEEPALIVED_IMAGE;
    const image = p.manager._options.image ?? defaultImage;
    const ref = typeof image === 'string' ? parseImageReference(image) : { error: 'not a string' };
    if (isImageError(ref)) {
      fail(this, 'manager.image', image, `is not an image reference the kubelet can parse (${ref.error})`, `pin a tag or digest, e.g. '${defaultImage}'`);
    }
    if (ref.digest === undefined && (ref.tag === undefined || ref.tag === 'latest')) {
      fail(this, 'manager.image', image, 'is not pinned: every node would run whatever the tag points at when it pulls, and two nodes could run different versions', `pin a version tag or a digest, e.g. '${defaultImage}'`);
    }
    if (!kubeVip) checkInt(this, 'manager.virtualRouterId', p.manager._options.virtualRouterId, 1, 255, 'use a VRRP virtual_router_id from 1 to 255, unused on the segment');
    if (!kubeVip && p.manager._options.virtualRouterId === undefined) fail(this, 'manager.virtualRouterId', undefined, 'is required', 'pass VirtualIpManager.keepalived({ virtualRouterId: 51 }) with an id no other VRRP router on the segment uses');
    this.claim(name, namespace, kubeVip ? undefined : p.manager._options.virtualRouterId);
    this.kubeVip = kubeVip;

    this.address = formatIp(this.ip);
    this.name = name;
    this.namespace = namespace;
    this.interfaceName = p.interfaceName;
    this.manager = p.manager;
    this.nodeSelector = p.nodeSelector;

    // ---- create
    this.daemonSet = this.kubeVip ? this.createKubeVip(image) : this.createKeepalived(image, p.manager._options.virtualRouterId!);
    registerNotes(this);
  }

  private labels(manager: string): Record<string, string> {
    return { 'app.kubernetes.io/name': manager, 'app.kubernetes.io/instance': this.name };
  }

  /** A host-network DaemonSet on the selected nodes, with NET_ADMIN and NET_RAW only. */
  private daemonSetOf(labels: Record<string, string>, pod: Record<string, unknown>, container: Record<string, unknown>): ApiObject {
    return new k8s.KubeDaemonSet(this, 'DaemonSet', {
      metadata: { name: this.name, namespace: this.namespace, labels },
      spec: {
        selector: { matchLabels: labels },
        // a new pod only after the old one is gone: two managers on one node would fight over the address
        updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: k8s.IntOrString.fromNumber(1) } },
        template: {
          metadata: { labels },
          spec: {
            ...pod,
            hostNetwork: true,
            // the node's resolver cannot resolve cluster names; this keeps the pod usable for debugging
            dnsPolicy: 'ClusterFirstWithHostNet',
            nodeSelector: this.nodeSelector,
            securityContext: { seccompProfile: { type: 'RuntimeDefault' } },
            containers: [{
              ...container,
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
      } as any,
    });
  }

  private createKubeVip(image: string): ApiObject {
    const name = this.name;
    const labels = this.labels('kube-vip');
    const metadata = { name, namespace: this.namespace, labels };
    new k8s.KubeServiceAccount(this, 'ServiceAccount', { metadata });
    new k8s.KubeRole(this, 'Role', {
      metadata,
      // client-go leaderelection LeaseLock: Get, Create, Update (ReleaseOnCancel updates too); nothing else in ARP control-plane mode
      rules: [{ apiGroups: ['coordination.k8s.io'], resources: ['leases'], verbs: ['get', 'create', 'update'] }],
    });
    new k8s.KubeRoleBinding(this, 'RoleBinding', {
      metadata,
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name },
      subjects: [{ kind: 'ServiceAccount', name, namespace: this.namespace }],
    });
    const env = (n: string, value: string) => ({ name: n, value });
    return this.daemonSetOf(labels, { serviceAccountName: name, automountServiceAccountToken: true }, {
      name: 'kube-vip',
      image,
      // the metrics server would listen on :2112 of every node (host network): off
      args: ['manager', '--prometheusHTTPServer='],
      env: [
        env('vip_arp', 'true'),
        env('vip_interface', this.interfaceName),
        env('address', formatIp(this.ip)),
        env('cp_enable', 'true'),
        env('svc_enable', 'false'),
        env('lb_enable', 'false'),
        env('vip_leaderelection', 'true'),
        env('vip_leasename', name),
        { name: 'vip_nodename', valueFrom: { fieldRef: { fieldPath: 'spec.nodeName' } } },
      ],
    });
  }

  /**
   * keepalived.conf(5): every node BACKUP with one priority (the highest
   * primary address wins a tie), advertisements every second, the address as
   * /32 (/128) on the interface. No `vrrp_strict` (it would add firewall rules
   * that drop traffic to the address) and no authentication (VRRPv2
   * `auth_type PASS` is clear text, VRRPv3 has none).
   */
  private createKeepalived(image: string, routerId: number): ApiObject {
    const name = this.name;
    const labels = this.labels('keepalived');
    const addr = formatIp(this.ip);
    const conf = [
      'global_defs {',
      `  router_id ${name}`,
      '}',
      `vrrp_instance ${name.replace(/-/g, '_').toUpperCase()} {`,
      '  state BACKUP',
      `  interface ${this.interfaceName}`,
      `  virtual_router_id ${routerId}`,
      '  priority 100',
      '  advert_int 1',
      '  virtual_ipaddress {',
      `    ${addr}/${this.ip.version === 4 ? 32 : 128} dev ${this.interfaceName}`,
      '  }',
      '}',
      '',
    ].join('\n');
    const configMap = `${name}-keepalived`;
    new k8s.KubeConfigMap(this, 'ConfigMap', { metadata: { name: configMap, namespace: this.namespace, labels }, data: { 'keepalived.conf': conf } });
    return this.daemonSetOf(labels, {
      automountServiceAccountToken: false,
      volumes: [
        { name: 'config', configMap: { name: configMap } },
        { name: 'run', emptyDir: {} },
      ],
    }, {
      name: 'keepalived',
      image,
      // keepalived itself, not the image's supervisor (it would render its own template); VRRP only: no checkers, no IPVS
      command: ['/usr/local/sbin/keepalived', '-f', '/etc/keepalived/keepalived.conf', '--dont-fork', '--log-console', '--vrrp'],
      volumeMounts: [
        { name: 'config', mountPath: '/etc/keepalived', readOnly: true },
        // pid files
        { name: 'run', mountPath: '/run' },
      ],
    });
  }

  /** The address as it appears in a URL (IPv6 in brackets). */
  public get urlHost(): string {
    return this.ip.version === 6 ? `[${formatIp(this.ip)}]` : formatIp(this.ip);
  }

  /** The node labels the manager runs on, if any. @internal */
  public get _nodeSelector(): Record<string, string> | undefined {
    return this.nodeSelector;
  }

  /**
   * A command that prints the node holding the address: kube-vip, the
   * holder of its Lease; keepalived, the pod whose last VRRP transition was
   * to MASTER (`ip addr` on the nodes confirms it).
   */
  public holderCommand(): string {
    const n = this.namespace ? ` -n ${this.namespace}` : '';
    if (this.kubeVip) return `kubectl get lease ${this.name}${n} -o jsonpath='{.spec.holderIdentity}'`;
    return `for p in $(kubectl get pods${n} -l app.kubernetes.io/instance=${this.name} -o name); do echo "$p $(kubectl get${n} $p -o jsonpath='{.spec.nodeName}') $(kubectl logs${n} $p | grep -oE 'Entering (MASTER|BACKUP|FAULT) STATE' | tail -n 1)"; done`;
  }

  /** Where the address is, and how to check the manager. */
  public notes(): string {
    const n = this.namespace ? ` -n ${this.namespace}` : '';
    const addr = formatIp(this.ip);
    return [
      this.kubeVip
        ? `VirtualIp ${this.node.path}: ${addr} on ${this.interfaceName} (kube-vip, ARP, Lease ${this.name}${this.namespace ? ` in ${this.namespace}` : ''})`
        : `VirtualIp ${this.node.path}: ${addr} on ${this.interfaceName} (keepalived, VRRP virtual_router_id ${this.manager._options.virtualRouterId})`,
      '  The namespace must be labelled pod-security.kubernetes.io/enforce=privileged (hostNetwork, NET_ADMIN, NET_RAW).',
      `  Which node holds it: ${this.holderCommand()}`,
      `  On that node: ip -brief addr show dev ${this.interfaceName} | grep -F '${addr}'  # the address is there on the holder only`,
      `  kubectl get pods${n} -l app.kubernetes.io/instance=${this.name} -o wide  # one manager per ${this.nodeSelector ? `node labelled ${labelsText(this.nodeSelector)}` : 'node'}`,
      `  kubectl logs${n} -l app.kubernetes.io/instance=${this.name} --tail=50  # ${this.kubeVip ? 'leader election and ARP/NDP announcements' : 'VRRP state transitions (two MASTERs: the nodes do not see each other\'s advertisements)'}`,
      ...(this.kubeVip ? [] : [`  The node firewall must pass VRRP (IP protocol 112) between these nodes, to ${this.ip.version === 4 ? '224.0.0.18' : 'ff02::12'} on ${this.interfaceName}.`]),
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
  private claim(name: string, namespace: string | undefined, routerId: number | undefined): void {
    const registry = AppRegistry.of(this);
    if (routerId !== undefined) {
      const taken = registry.claim('vrrp-router-id', String(routerId), { owner: this });
      if (taken) {
        fail(this, 'manager.virtualRouterId', routerId, `is already the VRRP virtual_router_id of VirtualIp ${taken.owner.node.path}: the two instances would take each other's advertisements for their own`,
          'give each keepalived VirtualIp its own virtualRouterId');
      }
    }
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
