/**
 * The cluster's own address ranges (pod and Service CIDRs), read from the
 * cdk8s context so every construct of an App sees them. A client source
 * range that contains the pod network would make an "only these clients"
 * NetworkPolicy admit every pod: `ipBlock` is meant for addresses outside the
 * cluster, and CNIs such as Calico and Cilium apply it to pod IPs too
 * (kubernetes.io NetworkPolicy docs). Not exported from the package.
 */
import { IConstruct } from 'constructs';
import { blocksOverlap, blockWithin, ParsedCidr, parseCidr } from './validation';
import { addWarning } from './warnings';
import { fail } from '../errors';
import type { NetworkPeer } from '../exposure/way-in';

/** Context key: the cluster's pod CIDRs (a list, or a comma-separated string). */
export const POD_CIDRS_CONTEXT = 'cdk8s-expose:podCidrs';
/** Context key: the cluster's Service CIDRs (a list, or a comma-separated string). */
export const SERVICE_CIDRS_CONTEXT = 'cdk8s-expose:serviceCidrs';

/**
 * Default pod networks of common installs, for a warning when the cluster's
 * own is not stated: Calico's default IPv4 pool (CALICO_IPV4POOL_CIDR), the
 * flannel manifest's `Network` (also the kubeadm docs' --pod-network-cidr for
 * flannel) and k3s/RKE2's default cluster-cidr.
 */
export const COMMON_POD_CIDRS: { [cidr: string]: string } = {
  '192.168.0.0/16': "Calico's default pod pool",
  '10.244.0.0/16': "flannel's default pod network",
  '10.42.0.0/16': "k3s/RKE2's default pod network",
};

/** The CIDRs stated in the context under `key`, validated; undefined when unset. */
export function contextCidrs(scope: IConstruct, key: string): { text: string; cidr: ParsedCidr }[] | undefined {
  const raw = scope.node.tryGetContext(key);
  if (raw === undefined || raw === null) return undefined;
  const list: unknown[] = typeof raw === 'string' ? raw.split(',').map((s) => s.trim()).filter((s) => s !== '') : Array.isArray(raw) ? raw : [raw];
  if (list.length === 0) fail(scope, `context ${key}`, raw, 'is empty', `list the cluster's CIDR blocks, e.g. app.node.setContext('${key}', ['10.244.0.0/16'])`);
  return list.map((c) => {
    const cidr = typeof c === 'string' ? parseCidr(c) : undefined;
    if (!cidr) fail(scope, `context ${key}`, c, 'is not a CIDR block', `list the cluster's CIDR blocks, e.g. app.node.setContext('${key}', ['10.244.0.0/16'])`);
    return { text: c as string, cidr };
  });
}

/** What checking the peers against the cluster's networks found. */
export interface ClusterNetworkCheck {
  /** the peers, with the pod CIDRs each client range contains in `except` */
  readonly peers: NetworkPeer[];
  /** CIDR peers that may hold pod addresses (pod network unknown, or not excluded), for notes */
  readonly mayAdmitPods: string[];
}

/**
 * Check every CIDR peer against the pod and Service CIDRs of the context:
 * a client range inside the pod or Service network is refused; one that
 * contains pod CIDRs gets them as `except`; with the pod network unknown, a
 * client range overlapping a common default pod network is warned about.
 */
export function checkAgainstClusterNetwork(scope: IConstruct, peers: NetworkPeer[]): ClusterNetworkCheck {
  const pods = contextCidrs(scope, POD_CIDRS_CONTEXT);
  const services = contextCidrs(scope, SERVICE_CIDRS_CONTEXT);
  const mayAdmitPods: string[] = [];
  const out = peers.map((peer) => {
    const range = peer.cidr !== undefined ? parseCidr(peer.cidr) : undefined;
    if (range === undefined || range.prefix === 0) return peer;
    const prop = peer.clientRangeProp;
    if (pods === undefined) {
      const common = Object.entries(COMMON_POD_CIDRS).filter(([c]) => blocksOverlap(range, parseCidr(c)!));
      if (common.length > 0) {
        mayAdmitPods.push(peer.cidr!);
        if (prop !== undefined) {
          addWarning(scope, `${prop}=${peer.cidr} overlaps ${common.map(([c, what]) => `${c} (${what})`).join(', ')}: if the cluster's pods use these addresses, the NetworkPolicy admits every pod, not only clients outside the cluster. `
            + `State the pod network, e.g. app.node.setContext('${POD_CIDRS_CONTEXT}', ['10.244.0.0/16']), to have it excepted or refused`);
        }
      }
      return peer;
    }
    const except: string[] = [];
    for (const p of pods) {
      if (blockWithin(range, p.cidr)) {
        if (prop === undefined) {
          mayAdmitPods.push(peer.cidr!);
          continue;
        }
        fail(scope, prop, peer.cidr, `lies inside the cluster's pod network ${p.text} (context ${POD_CIDRS_CONTEXT}): it names pods, not clients outside the cluster`,
          "list the clients' addresses outside the cluster; admit pods by namespace instead (e.g. Exposure.clusterIp({ allowFromNamespaces }))");
      }
      if (blockWithin(p.cidr, range)) except.push(p.text);
      else if (blocksOverlap(range, p.cidr)) mayAdmitPods.push(peer.cidr!);
    }
    for (const sv of services ?? []) {
      if (prop !== undefined && blockWithin(range, sv.cidr)) {
        fail(scope, prop, peer.cidr, `lies inside the cluster's Service network ${sv.text} (context ${SERVICE_CIDRS_CONTEXT}): Service addresses are virtual and no connection comes from them`,
          "list the clients' addresses outside the cluster");
      }
    }
    // Only client ranges get the pod network carved out; infrastructure blocks (VPC, nodes) may legitimately hold it (e.g. EKS VPC CNI).
    if (except.length > 0 && prop === undefined) {
      mayAdmitPods.push(peer.cidr!);
      return peer;
    }
    return except.length > 0 ? { ...peer, except } : peer;
  });
  return { peers: out, mayAdmitPods: [...new Set(mayAdmitPods)] };
}
