import { LintSeverity } from './finding';
import { describe, ManifestIndex, ObjRef, Workload } from './manifest-index';
import { Rule, rule } from './rule';
import { ipBlockAdmits, parseIp } from '../internal/validation';
import { AMBIENT_PROBE_SOURCES, HBONE_PORT, ISTIOD_XDS_PORT } from '../mesh-gateway/mesh-route';

/**
 * What the Istio data plane itself needs from the NetworkPolicies of a meshed
 * pod (sources in the docstrings of MeshDataplane and mesh-route.ts):
 * - an injected sidecar dials istiod on TCP 15012 for its configuration and
 *   certificate (istio.io "Ports used by Istio"; `ISTIOD_ADDR` in the
 *   istio-discovery chart); without it the pod never becomes Ready;
 * - an ambient pod receives its traffic over HBONE on TCP 15008, and kubelet
 *   probes arrive SNATed from 169.254.7.127 (istio.io "Ambient and Kubernetes
 *   NetworkPolicy").
 */

/** Where a finding points: the pod template labels. */
const labelsField = (w: Workload) => (w.specPath === 'spec' ? 'metadata.labels' : `${w.specPath.replace(/\.spec$/, '')}.metadata.labels`);

/** A pod template that gets an Istio sidecar from its own labels. */
function hasSidecar(w: Workload): boolean {
  const inject = w.labels['sidecar.istio.io/inject'];
  return inject === 'true' || (w.labels['istio.io/rev'] !== undefined && inject !== 'false');
}

const selectingCache = new WeakMap<ManifestIndex, { Ingress: Map<Workload, ObjRef[]>; Egress: Map<Workload, ObjRef[]> }>();

/**
 * NetworkPolicies (networking.k8s.io/v1) of one direction that select the
 * workload's pods. Computed for every workload in one pass over the policies
 * per lint run (each policy selects through the label index), so the rules
 * stay linear when one namespace holds thousands of policies.
 */
function selectingPolicies(index: ManifestIndex, w: Workload, direction: 'Ingress' | 'Egress'): ObjRef[] {
  let cached = selectingCache.get(index);
  if (!cached) {
    cached = { Ingress: new Map(), Egress: new Map() };
    for (const np of index.ofKind('NetworkPolicy')) {
      if (np.apiVersion !== 'networking.k8s.io/v1') continue;
      const types = np.obj.spec?.policyTypes;
      const selected = index.selectWorkloads(np.ns, np.obj.spec?.podSelector ?? {});
      for (const d of ['Ingress', 'Egress'] as const) {
        const applies = Array.isArray(types) && types.length > 0 ? types.includes(d) : d === 'Ingress' || np.obj.spec?.egress !== undefined;
        if (!applies) continue;
        for (const sel of selected) {
          let l = cached[d].get(sel);
          if (!l) cached[d].set(sel, l = []);
          l.push(np);
        }
      }
    }
    selectingCache.set(index, cached);
  }
  return cached[direction].get(w) ?? [];
}

/** Whether a rule's `ports` admit TCP `port` (no ports: every port). */
function portsAdmit(ports: any[] | undefined, port: number): boolean {
  if (!Array.isArray(ports) || ports.length === 0) return true;
  return ports.some((p) => (p?.protocol ?? 'TCP') === 'TCP' && (p?.port === undefined
    || p.port === port || (typeof p.port === 'number' && typeof p.endPort === 'number' && port >= p.port && port <= p.endPort)));
}

/** Whether a rule's peers (`from` / `to`) admit the address `ip` (no peers: every source). */
function peersAdmitIp(peers: any[] | undefined, ip: string): boolean {
  if (!Array.isArray(peers) || peers.length === 0) return true;
  const addr = parseIp(ip.split('/')[0]);
  if (!addr) return false;
  return peers.some((peer) => peer?.ipBlock !== undefined && peer.ipBlock !== null && ipBlockAdmits(peer.ipBlock, addr));
}

/** Container ports the kubelet probes (TCP and HTTP probes; exec and gRPC are left out). */
function probedPorts(w: Workload): (number | string)[] {
  const ports: (number | string)[] = [];
  for (const c of w.spec?.containers ?? []) {
    for (const probe of ['readinessProbe', 'livenessProbe', 'startupProbe']) {
      const port = c?.[probe]?.tcpSocket?.port ?? c?.[probe]?.httpGet?.port;
      if (port !== undefined && !ports.includes(port)) ports.push(port);
    }
  }
  return ports;
}

/** A probe port as a number (named ports resolved against the containers). */
function portNumber(w: Workload, port: number | string): number | undefined {
  if (typeof port === 'number') return port;
  for (const c of w.spec?.containers ?? []) {
    for (const p of c?.ports ?? []) if (p?.name === port) return p.containerPort;
  }
  return undefined;
}

const ISTIOD_FIX = `add an egress rule to the istiod pods (e.g. namespace istio-system, pod label app: istiod) on TCP ${ISTIOD_XDS_PORT}`;
const AMBIENT_FIX = `admit TCP ${HBONE_PORT} (HBONE) from the pods that call this one, and the app's probe ports from ${AMBIENT_PROBE_SOURCES.join(' and ')} (kubelet probes SNATed by istio-cni)`;

export const MESH_RULES: Rule[] = [
  rule('mesh-sidecar-istiod-egress', LintSeverity.ERROR,
    `An Istio sidecar fetches its configuration and certificate from istiod on TCP ${ISTIOD_XDS_PORT}: a NetworkPolicy that restricts the pod's egress without admitting it keeps the pod from ever becoming Ready.`,
    ISTIOD_FIX,
    (index, report) => {
      for (const w of index.workloads) {
        if (!hasSidecar(w)) continue;
        const policies = selectingPolicies(index, w, 'Egress');
        if (policies.length === 0) continue;
        const ok = policies.some((np) => (np.obj.spec?.egress ?? []).some((r: any) => portsAdmit(r?.ports, ISTIOD_XDS_PORT)));
        if (ok) continue;
        report(w.ref, `${describe(w.ref)} gets an Istio sidecar but its NetworkPolicies (${policies.map((p) => p.name).join(', ')}) admit no egress on TCP ${ISTIOD_XDS_PORT}, so the sidecar cannot reach istiod`,
          ISTIOD_FIX, labelsField(w));
      }
    }),

  rule('mesh-ambient-network-policy', LintSeverity.ERROR,
    `Ambient pods receive their traffic over HBONE on TCP ${HBONE_PORT} and their kubelet probes from ${AMBIENT_PROBE_SOURCES[0].split('/')[0]} (SNAT by istio-cni): a NetworkPolicy that admits neither drops every mesh request or fails every probe.`,
    AMBIENT_FIX,
    (index, report) => {
      for (const w of index.workloads) {
        if (w.labels['istio.io/dataplane-mode'] !== 'ambient') continue;
        const policies = selectingPolicies(index, w, 'Ingress');
        if (policies.length === 0) continue;
        const rules = policies.flatMap((np) => np.obj.spec?.ingress ?? []);
        const names = policies.map((p) => p.name).join(', ');
        if (!rules.some((r: any) => portsAdmit(r?.ports, HBONE_PORT))) {
          report(w.ref, `${describe(w.ref)} is in the ambient mesh but its NetworkPolicies (${names}) do not admit HBONE on TCP ${HBONE_PORT}: mesh traffic to it is dropped`,
            AMBIENT_FIX, labelsField(w));
        }
        for (const probe of probedPorts(w)) {
          const port = portNumber(w, probe);
          if (port === undefined) continue;
          const admitted = AMBIENT_PROBE_SOURCES.some((src) => rules.some((r: any) => portsAdmit(r?.ports, port) && peersAdmitIp(r?.from, src)));
          if (!admitted) {
            report(w.ref, `${describe(w.ref)} is in the ambient mesh but its NetworkPolicies (${names}) do not admit the kubelet probes on port ${port}, which istio-cni SNATs to ${AMBIENT_PROBE_SOURCES[0].split('/')[0]}: the pods never become Ready`,
              AMBIENT_FIX, labelsField(w));
          }
        }
      }
    }),
];
