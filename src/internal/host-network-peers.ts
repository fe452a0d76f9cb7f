/**
 * NetworkPolicy sources for an edge (Ingress controller, Gateway proxy) that
 * runs with `hostNetwork: true`. Such pods share their node's network
 * namespace, so their connections carry the node's IP: a namespaceSelector or
 * podSelector never matches them (NetworkPolicy docs: host-network pods are
 * not selected by pod/namespace selectors in most CNIs), only an ipBlock with
 * the node addresses does. Not exported from the package.
 */
import { checkCidrs, isOpenToTheWorld } from './validation';
import { fail } from '../errors';
import type { AppFacts, NetworkPeer } from '../exposure/way-in';

/** Refuse node CIDRs that are not a non-empty list of narrow CIDR blocks. */
export function checkNodeCidrs(app: AppFacts, prop: string, nodeCidrs: readonly string[] | undefined): void {
  if (nodeCidrs === undefined) return;
  const parsed = checkCidrs(app.scope, prop, nodeCidrs);
  if (parsed.length === 0) {
    fail(app.scope, prop, nodeCidrs, 'an empty list would admit no node, so a hostNetwork edge could not reach the app',
      "list the CIDR blocks of the nodes (kubectl get nodes -o wide: INTERNAL-IP), e.g. ['10.0.0.0/24'], or leave it unset for an edge that runs in pods");
  }
  nodeCidrs.forEach((c, i) => {
    if (isOpenToTheWorld(c)) fail(app.scope, `${prop}[${i}]`, c, 'admits every address, not only the nodes', "list the nodes' block, e.g. '10.0.0.0/24'");
  });
}

/** The edge's pods as NetworkPolicy sources, or the node CIDRs when it runs with hostNetwork. */
export function edgePeers(
  namespace: string | undefined, podLabels: Record<string, string> | undefined, nodeCidrs: readonly string[] | undefined,
): NetworkPeer[] {
  if (nodeCidrs !== undefined && nodeCidrs.length > 0) return nodeCidrs.map((cidr) => ({ cidr }));
  return [{ namespace, podLabels }];
}
