/**
 * Giving a VirtualIp to a NodePort or hostPort app: checks and the lines of
 * its NOTES. Not exported from the package.
 */
import { VirtualIp } from './virtual-ip';
import { fail } from '../errors';
import { reachText } from '../exposure/way-in';
import type { AppFacts } from '../exposure/way-in';

/** Refuse a virtualIp that is not a VirtualIp of this cdk8s App. */
export function checkVirtualIp(app: AppFacts, prop: string, vip: unknown): asserts vip is VirtualIp {
  if (!(vip instanceof VirtualIp)) {
    fail(app.scope, prop, vip === null || vip === undefined ? vip : String(vip), 'must be a VirtualIp construct', "create one first: new VirtualIp(chart, 'vip', { address, interfaceName, manager: VirtualIpManager.kubeVip(), acknowledgePrivilegedNamespace: true })");
  }
  if (vip.node.root !== app.scope.node.root) {
    fail(app.scope, prop, vip.node.path, 'the VirtualIp belongs to another cdk8s App', 'create the VirtualIp in the same App as the app');
  }
}

/** How clients reach the app through the floating address, and how to find the node holding it. */
export function virtualIpReach(vip: VirtualIp, app: AppFacts, port: string): { url?: string; check: string; reach: string[]; checks: string[] } {
  const r = reachText(app, vip.urlHost, port);
  return {
    url: r.url,
    check: r.check,
    reach: [
      `${r.open} (floating address of VirtualIp ${vip.node.path}, held by one node at a time).`,
      `Which node holds ${vip.address}: ${vip.holderCommand()}`,
    ],
    checks: [
      `${vip.holderCommand()}  # empty: no ${vip.manager.name} pod holds the Lease (kubectl get pods${vip.namespace ? ` -n ${vip.namespace}` : ''} -l app.kubernetes.io/instance=${vip.name})`,
      `On that node: ip -brief addr show dev ${vip.interfaceName}  # ${vip.address} must be listed there, and only there`,
    ],
  };
}
