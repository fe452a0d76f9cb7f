/**
 * Builders of the objects every owner of a way in creates in front of its
 * pods (PublicWebApp for its own pods, WorkloadExposure for a user's
 * workload): the Service and the PodDisruptionBudget.
 */
import { ApiObject, JsonPatch } from 'cdk8s';
import type { Construct } from 'constructs';
import { kplus, k8s } from './plus.generated';
import type { ResolvedPort, ServiceRequirements } from '../exposure/way-in';

/** `appProtocol` of each Service port that declares one. */
export function appProtocolPatches(ports: ResolvedPort[]): JsonPatch[] {
  return ports.flatMap((p, i) => (p.appProtocol !== undefined ? [JsonPatch.add(`/spec/ports/${i}/appProtocol`, p.appProtocol)] : []));
}

/**
 * The Service the way in asked for, selecting `selector`, with `ports` (the
 * public port first: a pinned nodePort and the way in's port name belong to it).
 */
export function buildService(
  scope: Construct, id: string, name: string, svc: ServiceRequirements, labels: Record<string, string>,
  ports: ResolvedPort[], selector: Record<string, string>,
): kplus.Service {
  const service = new kplus.Service(scope, id, {
    metadata: { name, labels: { ...labels, ...svc.labels }, annotations: svc.annotations },
    type: svc.type as kplus.ServiceType,
    // a pinned nodePort belongs to the public port; the other ports get theirs from Kubernetes. The way in
    // may name the public port after its protocol (a GRPCRoute's backend is `grpc`) when the user kept the default name.
    ports: ports.map((p, i) => ({
      name: i === 0 && svc.portName !== undefined && p.name === 'http' && !ports.some((q) => q.name === svc.portName) ? svc.portName : p.name,
      port: p.servicePort,
      targetPort: p.port,
      nodePort: i === 0 ? svc.nodePort : undefined,
      protocol: p.protocol as kplus.Protocol,
    })),
    externalIPs: svc.externalIPs,
    loadBalancerSourceRanges: svc.loadBalancerSourceRanges,
    selector: undefined,
  });
  for (const [k, v] of Object.entries(selector)) service.selectLabel(k, v);
  const patches: JsonPatch[] = appProtocolPatches(ports);
  if (!svc.externalIPs || svc.externalIPs.length === 0) patches.push(JsonPatch.remove('/spec/externalIPs'));
  if (svc.externalTrafficPolicy) patches.push(JsonPatch.add('/spec/externalTrafficPolicy', svc.externalTrafficPolicy));
  if (svc.loadBalancerClass) patches.push(JsonPatch.add('/spec/loadBalancerClass', svc.loadBalancerClass));
  if (svc.ipFamilyPolicy) patches.push(JsonPatch.add('/spec/ipFamilyPolicy', svc.ipFamilyPolicy));
  if (svc.ipFamilies) patches.push(JsonPatch.add('/spec/ipFamilies', svc.ipFamilies));
  if (svc.appProtocol) patches.push(JsonPatch.add('/spec/ports/0/appProtocol', svc.appProtocol));
  ApiObject.of(service).addJsonPatch(...patches);
  return service;
}

/** A PodDisruptionBudget letting one pod of `selector` go at a time (voluntary disruptions: drains, upgrades). */
export function buildPodDisruptionBudget(
  scope: Construct, name: string, labels: Record<string, string>, selector: Record<string, string>,
): k8s.KubePodDisruptionBudget {
  return new k8s.KubePodDisruptionBudget(scope, 'PodDisruptionBudget', {
    metadata: { name, labels },
    spec: { maxUnavailable: k8s.IntOrString.fromNumber(1), selector: { matchLabels: selector } },
  });
}
