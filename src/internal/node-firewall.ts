/** Node firewall rules: shared helpers of the ways in. Not exported from the package. */
import { labelsText } from './validation';
import type { NodeFirewallRule } from '../exposure/node-firewall';
import type { AppFacts } from '../exposure/way-in';
import type { VirtualIp } from '../virtual-ip/virtual-ip';

/** Every source address (both families: the cluster's family is not known at synth time). */
export const EVERY_SOURCE = ['0.0.0.0/0', '::/0'];

/** The nodes a VIP may sit on, or undefined when the app has none. */
export function vipNodes(vip: VirtualIp | undefined): string | undefined {
  if (!vip) return undefined;
  const sel = vip._nodeSelector;
  return sel ? `nodes labelled ${labelsText(sel)} (where ${vip.node.path} may hold ${vip.address})` : `every node (${vip.node.path} may hold ${vip.address} on any)`;
}

/** The NOTES lines for the rules. */
export function firewallNotes(app: AppFacts, rules: NodeFirewallRule[]): string[] {
  if (rules.length === 0) return [];
  return [
    'Node firewall / security groups: open only these, nothing else, to the clients:',
    ...rules.map((r) => `  ${r.protocol} ${r.port ?? '<nodePort>'} from ${r.sourceRanges.join(', ')} to ${r.destinationAddresses ? `${r.destinationAddresses.join(', ')} on ` : ''}${r.nodes}  # ${r.description}${r.portCommand ? `; the port: ${r.portCommand}` : ''}`),
    `  (the same as data: PublicWebApp.firewallRules() of ${app.scope.node.path})`,
    '',
  ];
}
