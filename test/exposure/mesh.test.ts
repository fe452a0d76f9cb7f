/**
 * Exposure.mesh(): what the Istio data plane itself needs, checked on the
 * emitted NetworkPolicy (issue 11, faults 1-3). Sources of each fact are in
 * the docstrings of MeshDataplane, MeshGatewayProps and mesh-route.ts.
 */
import { Chart, Testing } from 'cdk8s';
import { Exposure, ExposeErrors, MeshDataplane, MeshGateway, MeshGatewayProps, MeshTls, PublicWebApp } from '../../src';
import { expectValid } from '../util/schema';

const IMAGE = 'ghcr.io/acme/shop:1.4.2';

function meshApp(options: Parameters<typeof Exposure.mesh>[1] = {}, gateway: Partial<MeshGatewayProps> = {},
  props: { allowAllEgress?: boolean } = {}) {
  const app = Testing.app();
  const chart = new Chart(app, 'shop', { namespace: 'shop' });
  const edge = new MeshGateway(chart, 'edge', { hosts: ['*.example.com'], tls: MeshTls.simple({ credentialName: 'wildcard-cert' }), ...gateway });
  const web = new PublicWebApp(chart, 'web', { image: IMAGE, host: 'shop.example.com', exposure: Exposure.mesh(edge, options), ...props });
  const objects = expectValid(chart);
  const netpol = objects.find((o) => o.kind === 'NetworkPolicy');
  const deployment = objects.find((o) => o.kind === 'Deployment');
  return { chart, edge, web, objects, netpol, deployment };
}

interface Dest { namespace: string; podLabels: Record<string, string>; port: number; protocol: string }

/** NetworkPolicy egress semantics (one namespace + pod selector peer form, as the library writes them). */
function egressAdmits(netpol: any, d: Dest): boolean {
  return (netpol.spec.egress ?? []).some((rule: any) => {
    const portOk = rule.ports === undefined || rule.ports.some((p: any) => (p.protocol ?? 'TCP') === d.protocol && (p.port === undefined || p.port === d.port));
    const peerOk = rule.to === undefined || rule.to.some((peer: any) => {
      if (peer.ipBlock) return false;
      const nsOk = peer.namespaceSelector === undefined
        ? d.namespace === netpol.metadata.namespace
        : Object.entries(peer.namespaceSelector.matchLabels ?? {}).every(([k, v]) => k === 'kubernetes.io/metadata.name' && v === d.namespace);
      const podOk = Object.entries(peer.podSelector?.matchLabels ?? {}).every(([k, v]) => d.podLabels[k] === v);
      return nsOk && podOk;
    });
    return portOk && peerOk;
  });
}

/** NetworkPolicy ingress semantics for an ipBlock source. */
function ingressAdmitsCidr(netpol: any, cidr: string, port: number): boolean {
  return (netpol.spec.ingress ?? []).some((rule: any) =>
    rule.ports.some((p: any) => p.port === port && p.protocol === 'TCP') && rule.from.some((peer: any) => peer.ipBlock?.cidr === cidr));
}

const ISTIOD = { namespace: 'istio-system', podLabels: { 'app': 'istiod', 'istio.io/rev': 'default', 'istio': 'pilot' }, port: 15012, protocol: 'TCP' };
const DNS = { namespace: 'kube-system', podLabels: { 'k8s-app': 'kube-dns' }, port: 53, protocol: 'UDP' };

function thrown(fn: () => unknown): any {
  try {
    fn();
  } catch (e) {
    return e;
  }
  throw new Error('expected an ExposeError');
}

describe('fault 1: a sidecar reaches istiod', () => {
  test('default (sidecar): the NetworkPolicy admits egress to istiod on TCP 15012, next to DNS', () => {
    const { netpol, deployment } = meshApp();
    expect(egressAdmits(netpol, ISTIOD)).toBe(true);
    expect(egressAdmits(netpol, DNS)).toBe(true);
    expect(egressAdmits(netpol, { ...DNS, protocol: 'TCP' })).toBe(true);
    // only istiod, only 15012: not the webhook port, not another namespace
    expect(egressAdmits(netpol, { ...ISTIOD, port: 15017 })).toBe(false);
    expect(egressAdmits(netpol, { ...ISTIOD, namespace: 'shop' })).toBe(false);
    expect(egressAdmits(netpol, { ...ISTIOD, podLabels: { app: 'prometheus' } })).toBe(false);
    expect(netpol.spec.egress).toContainEqual({
      to: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'istio-system' } }, podSelector: { matchLabels: { app: 'istiod' } } }],
      ports: [{ protocol: 'TCP', port: 15012 }],
    });
    expect(deployment.spec.template.metadata.labels['sidecar.istio.io/inject']).toBe('true');
  });

  test('istiod elsewhere and a revision: the egress peer and the injection label follow MeshGateway', () => {
    const { netpol, deployment, edge } = meshApp({}, { istiodNamespace: 'istio-control', istiodSelector: { 'app': 'istiod', 'istio.io/rev': '1-24' }, revision: '1-24' });
    const rev = { namespace: 'istio-control', podLabels: { 'app': 'istiod', 'istio.io/rev': '1-24' }, port: 15012, protocol: 'TCP' };
    expect(egressAdmits(netpol, rev)).toBe(true);
    expect(egressAdmits(netpol, { ...rev, podLabels: { 'app': 'istiod', 'istio.io/rev': 'default' } })).toBe(false);
    expect(egressAdmits(netpol, ISTIOD)).toBe(false);
    const labels = deployment.spec.template.metadata.labels;
    expect(labels['istio.io/rev']).toBe('1-24');
    expect(labels['sidecar.istio.io/inject']).toBeUndefined();
    expect(edge.istiodNamespace).toBe('istio-control');
    expect(edge.revision).toBe('1-24');
  });

  test('the sidecar without Istio CNI needs istiod too', () => {
    const { netpol } = meshApp({ dataplane: MeshDataplane.SIDECAR_WITH_INIT_CONTAINER, acknowledgePrivilegedNamespace: true });
    expect(egressAdmits(netpol, ISTIOD)).toBe(true);
  });

  test('ambient: no sidecar, no istiod egress; HBONE 15008 from the gateway and kubelet probes SNATed from 169.254.7.127 are admitted', () => {
    const { netpol, deployment } = meshApp({ dataplane: MeshDataplane.AMBIENT });
    expect(egressAdmits(netpol, ISTIOD)).toBe(false);
    expect(egressAdmits(netpol, DNS)).toBe(true);
    expect(deployment.spec.template.metadata.labels['istio.io/dataplane-mode']).toBe('ambient');
    // no sidecar even in a namespace labelled istio-injection=enabled
    expect(deployment.spec.template.metadata.labels['sidecar.istio.io/inject']).toBe('false');
    expect(netpol.spec.ingress[0].ports.map((p: any) => p.port)).toEqual([8080, 15008]);
    expect(ingressAdmitsCidr(netpol, '169.254.7.127/32', 8080)).toBe(true);
    expect(ingressAdmitsCidr(netpol, 'fd16:9254:7127:1337:ffff:ffff:ffff:ffff/128', 8080)).toBe(true);
    // the probe addresses reach the probe port only
    expect(ingressAdmitsCidr(netpol, '169.254.7.127/32', 15008)).toBe(false);
  });

  test('sidecar mode admits no probe SNAT address (kubelet probes come from the node)', () => {
    const { netpol } = meshApp();
    expect(ingressAdmitsCidr(netpol, '169.254.7.127/32', 8080)).toBe(false);
  });

  test('allowAllEgress stays one open rule', () => {
    const { netpol } = meshApp({}, {}, { allowAllEgress: true });
    expect(netpol.spec.egress).toEqual([{}]);
  });

  test.each([
    [{ istiodNamespace: 'Istio_System' }, 'istiodNamespace="Istio_System"'],
    [{ istiodSelector: {} }, 'istiodSelector={}'],
    [{ istiodSelector: { app: 'not valid' } }, 'istiodSelector.app="not valid"'],
    [{ revision: '1.24 canary' }, 'revision="1.24 canary"'],
    [{ revision: '' }, 'revision=""'],
  ])('MeshGateway refuses %j', (props, message) => {
    const e = thrown(() => new MeshGateway(Testing.chart(), 'edge', { hosts: ['*'], tls: MeshTls.simple({ credentialName: 'c' }), ...(props as any) }));
    expect(ExposeErrors.isExposeError(e)).toBe(true);
    expect(e.message).toContain(message);
  });
});

describe('fault 2: the data plane mode is explicit', () => {
  test('sidecar without Istio CNI is refused without the privileged-namespace acknowledgement', () => {
    const chart = new Chart(Testing.app(), 'shop', { namespace: 'shop' });
    const edge = new MeshGateway(chart, 'edge', { hosts: ['*.example.com'], tls: MeshTls.simple({ credentialName: 'wildcard-cert' }) });
    const e = thrown(() => new PublicWebApp(chart, 'web', { image: IMAGE, host: 'shop.example.com', exposure: Exposure.mesh(edge, { dataplane: MeshDataplane.SIDECAR_WITH_INIT_CONTAINER }) }));
    expect(ExposeErrors.isExposeError(e)).toBe(true);
    expect(e.prop).toBe('exposure.acknowledgePrivilegedNamespace');
    expect(e.message).toContain('istio-init container adds NET_ADMIN and NET_RAW');
    expect(e.message).toContain("namespace 'shop' is labelled pod-security.kubernetes.io/enforce: privileged");
    expect(e.message).toContain('install the Istio CNI node agent and use MeshDataplane.SIDECAR');
    // nothing half-written
    expect(chart.node.tryFindChild('web')?.node.children ?? []).toHaveLength(0);
  });

  test('with the acknowledgement it synthesizes; notes say what the namespace needs', () => {
    const { web, deployment } = meshApp({ dataplane: MeshDataplane.SIDECAR_WITH_INIT_CONTAINER, acknowledgePrivilegedNamespace: true });
    expect(deployment.spec.template.metadata.labels['sidecar.istio.io/inject']).toBe('true');
    const notes = web.notes();
    expect(notes).toContain('Data plane: sidecar set up by the istio-init init container (NET_ADMIN, NET_RAW)');
    expect(notes).toContain('kubectl get ns shop -L pod-security.kubernetes.io/enforce');
  });

  test('an acknowledgement where none is needed is refused', () => {
    for (const dataplane of [MeshDataplane.SIDECAR, MeshDataplane.AMBIENT, undefined]) {
      const chart = new Chart(Testing.app(), 'shop', { namespace: 'shop' });
      const edge = new MeshGateway(chart, 'edge', { hosts: ['*.example.com'], tls: MeshTls.simple({ credentialName: 'c' }) });
      const e = thrown(() => new PublicWebApp(chart, 'web', { image: IMAGE, exposure: Exposure.mesh(edge, { dataplane, acknowledgePrivilegedNamespace: true }) }));
      expect(e.prop).toBe('exposure.acknowledgePrivilegedNamespace');
      expect(e.message).toContain('injects no privileged container');
    }
  });

  test('an unknown mode names the three modes', () => {
    const chart = new Chart(Testing.app(), 'shop', { namespace: 'shop' });
    const edge = new MeshGateway(chart, 'edge', { hosts: ['*.example.com'], tls: MeshTls.simple({ credentialName: 'c' }) });
    const e = thrown(() => new PublicWebApp(chart, 'web', { image: IMAGE, exposure: Exposure.mesh(edge, { dataplane: 'SIDECAR_CNI' as any }) }));
    expect(e.prop).toBe('exposure.dataplane');
    expect(e.message).toContain('MeshDataplane.SIDECAR (Istio CNI installed), MeshDataplane.SIDECAR_WITH_INIT_CONTAINER (no Istio CNI, privileged namespace) or MeshDataplane.AMBIENT');
  });

  test('default sidecar pods still pass Pod Security restricted (expectValid checks it) and the notes name the CNI requirement', () => {
    const { web } = meshApp();
    expect(web.notes()).toContain('Data plane: sidecar with the Istio CNI node agent (no privileged init container)');
    expect(web.notes()).toContain('TCP 15012 (istio-system, app=istiod)');
  });

  test('ambient notes name ztunnel, HBONE and the probe address', () => {
    const { web } = meshApp({ dataplane: MeshDataplane.AMBIENT });
    const notes = web.notes();
    expect(notes).toContain('Data plane: ambient. Needs the Istio CNI node agent and ztunnel on every node');
    expect(notes).toContain('169.254.7.127');
    expect(notes).toContain("jsonpath='{.items[*].metadata.annotations.ambient\\.istio\\.io/redirection}'");
  });
});

test('the README example: Helm gateway, revision 1-24, sidecar without CNI', () => {
  const { objects, deployment, netpol } = meshApp(
    { dataplane: MeshDataplane.SIDECAR_WITH_INIT_CONTAINER, acknowledgePrivilegedNamespace: true },
    { namespace: 'istio-ingress', selector: { istio: 'ingress' }, serviceAccount: 'istio-ingress', revision: '1-24' });
  expect(deployment.spec.template.metadata.labels['istio.io/rev']).toBe('1-24');
  expect(objects.find((o) => o.kind === 'AuthorizationPolicy').spec.rules[0].from[0].source.principals).toEqual(['cluster.local/ns/istio-ingress/sa/istio-ingress']);
  expect(netpol.spec.ingress[0].from).toEqual([{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'istio-ingress' } }, podSelector: { matchLabels: { istio: 'ingress' } } }]);
  expect(egressAdmits(netpol, ISTIOD)).toBe(true);
});

describe('fault 3: the gateway identity', () => {
  test('a Helm istio/gateway install: principal from serviceAccount, notes read the real account with the gateway selector', () => {
    const { web, objects, edge } = meshApp({}, { namespace: 'istio-ingress', selector: { istio: 'ingress' }, serviceAccount: 'istio-ingress' });
    const authz = objects.find((o) => o.kind === 'AuthorizationPolicy');
    expect(authz.spec.rules[0].from[0].source.principals).toEqual(['cluster.local/ns/istio-ingress/sa/istio-ingress']);
    expect(edge.serviceAccount).toBe('istio-ingress');
    const notes = web.notes();
    expect(notes).toContain("kubectl get deploy -n istio-ingress -l istio=ingress -o jsonpath='{.items[*].spec.template.spec.serviceAccountName}'  # must print istio-ingress");
    // every gateway command uses the gateway's own selector, not istio=ingressgateway
    expect(notes).not.toContain('istio=ingressgateway');
    expect(notes).toContain('kubectl logs -n istio-ingress -l istio=ingress --tail=100');
  });

  test('the default names the istioctl account and says how to check it', () => {
    const { web } = meshApp();
    expect(web.notes()).toContain("kubectl get deploy -n istio-system -l istio=ingressgateway -o jsonpath='{.items[*].spec.template.spec.serviceAccountName}'  # must print istio-ingressgateway-service-account");
    expect(web.notes()).toContain('403 "RBAC: access denied"');
  });
});
