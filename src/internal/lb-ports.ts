/**
 * Port and protocol helpers of the load-balancer providers (internal).
 */
import { IConstruct } from 'constructs';
import type { PortProtocol } from '../app-port';
import { fail } from '../errors';
import type { LoadBalancerBindOptions, LoadBalancerPort } from '../load-balancer-providers/provider';

/** The Service ports of a bind, with protocols (`ports` as TCP when a caller gives no `servicePorts`). */
export function boundPorts(options: LoadBalancerBindOptions): LoadBalancerPort[] {
  return options.servicePorts ?? options.ports.map((port) => ({ name: String(port), port, protocol: 'TCP' as PortProtocol }));
}

/**
 * Refuse ports whose protocol the provider's load balancer has no listener
 * for (e.g. SCTP), naming the provider and its source. @internal
 */
export function refuseProtocols(scope: IConstruct, options: LoadBalancerBindOptions, provider: string, supported: string[], source: string): void {
  const bad = boundPorts(options).find((p) => !supported.includes(p.protocol));
  if (bad) {
    fail(scope, 'exposure.provider', provider, `the ${provider} load balancer has no ${bad.protocol} listener (${source}), so port ${bad.name} (${bad.port}/${bad.protocol}) would never be forwarded`,
      `carry ${bad.protocol} another way (Exposure.hostPort(), hostNetwork() or nodePort()), or use ${supported.join('/')} for that port`);
  }
}

/** Numbers that carry both a TCP and a UDP port. */
export function tcpUdpNumbers(options: LoadBalancerBindOptions): number[] {
  const ports = boundPorts(options);
  return [...new Set(ports.filter((p) => p.protocol === 'TCP' && ports.some((q) => q.port === p.port && q.protocol === 'UDP')).map((p) => p.port))];
}
