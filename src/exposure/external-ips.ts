import { reachText } from './way-in';
import type { AccessInfo, AppFacts, NetworkPeer, PodRequirements, ServiceRequirements, WayIn } from './way-in';
import { fail } from '../errors';
import { AppRegistry } from '../internal/registry';
import { EVERYWHERE, checkExternalIps, refuseTls } from '../internal/service-checks';
import { formatIp, parseIp } from '../internal/validation';
import type { Prerequisite } from '../prerequisite';

const PROP = 'exposure.addresses';

/** @internal */
export class ExternalIpsWayIn implements WayIn {
  public readonly kind = 'externalIps';
  public readonly layer4 = true;

  constructor(private readonly addresses: string[]) {}

  public validate(app: AppFacts): void {
    refuseTls(app, this.kind, 'or use Exposure.ingress() to terminate TLS at the edge');
    const ips = checkExternalIps(app, PROP, this.addresses);
    const registry = AppRegistry.of(app.scope);
    ips.forEach((ip, i) => {
      const key = `${formatIp(parseIp(ip)!)}:${app.servicePort}`;
      const taken = registry.claim('external-ip', key, { owner: app.scope });
      if (taken) {
        fail(app.scope, `${PROP}[${i}]`, ip, `'${taken.owner.node.path}' already takes ${key}; kube-proxy would send the traffic to one of them at random`,
          'use another address or another servicePort');
      }
    });
  }

  public pod(): PodRequirements {
    return {};
  }

  public service(): ServiceRequirements {
    return { type: 'ClusterIP', externalIPs: [...this.addresses] };
  }

  public peers(): NetworkPeer[] {
    // Clients come from outside, and kube-proxy may SNAT them to a node IP.
    return EVERYWHERE;
  }

  public bind(): void {}

  /** Nothing: kube-proxy answers on the addresses; routing them to the nodes is the network's job, not an object. */
  public prerequisites(): Prerequisite[] {
    return [];
  }

  public describe(app: AppFacts): AccessInfo {
    const hostOf = (ip: string) => (ip.includes(':') ? `[${ip}]` : ip);
    const url = reachText(app, hostOf(this.addresses[0]), app.servicePort).url;
    return {
      url,
      reach: [
        ...this.addresses.map((ip) => reachText(app, hostOf(ip), app.servicePort).open),
        `The network must route ${this.addresses.join(', ')} to at least one node; Kubernetes does not announce external IPs.`,
      ],
      edgeChecks: [
        `From outside: traceroute ${this.addresses[0]}  # the last hop must be a cluster node; if not, the route to the external IP is missing`,
        `On a node: iptables-save | grep ${this.addresses[0]}  # kube-proxy's rule for the external IP (or ipvsadm -Ln / nft list ruleset, by proxy mode)`,
      ],
    };
  }
}
