import { LintSeverity } from './finding';
import { describe, ManifestIndex, ObjRef } from './manifest-index';
import { Rule, rule } from './rule';
import { labelSelectorMatches } from './selector';
import { NAMES_SHOWN, someNames } from './some-names';

/**
 * MetalLB configuration that every schema accepts and MetalLB still refuses
 * or ignores. Facts read in metallb/metallb @ 7938d3f8 (after v0.16.1):
 * - `controller/service.go` `SharingKey`: the sharing key is
 *   `metallb.io/allow-shared-ip`, else the deprecated
 *   `metallb.universe.tf/allow-shared-ip`; `internal/allocator/k8salloc`
 *   `BackendKey`: with `externalTrafficPolicy: Local` the backend key is the
 *   Service selector, with Cluster it is empty; `internal/allocator`
 *   `sharingOK` / `checkSharing`: two Services get one address only with the
 *   same sharing key, the same backend key and no common port/protocol, else
 *   the second Service's assignment fails (it stays `<pending>`);
 * - `internal/config/config.go`: an L2Advertisement / BGPAdvertisement with
 *   neither `ipAddressPools` nor `ipAddressPoolSelectors` covers every pool;
 *   otherwise only the named and label-selected pools. A pool no
 *   advertisement covers is allocated from but never announced
 *   (metallb/metallb#1561);
 * - `internal/config/config.go` `passwordFromSecretForPeer`: a BGPPeer's
 *   `passwordSecret` is looked up by name among the Secrets of MetalLB's own
 *   namespace (`config_controller.go` lists them there); a missing Secret is
 *   an error that keeps the configuration from loading, a Secret whose type
 *   is not `kubernetes.io/basic-auth` or without a `password` key too.
 * MetalLB reads its resources from its own namespace only
 * (`config_controller.go`: `client.InNamespace(r.Namespace)`), so pools and
 * advertisements are matched per namespace.
 */

const SHARE_KEYS = ['metallb.io/allow-shared-ip', 'metallb.universe.tf/allow-shared-ip'];
const IPS_KEYS = ['metallb.io/loadBalancerIPs', 'metallb.universe.tf/loadBalancerIPs'];

function metallb(index: ManifestIndex, kind: string): ObjRef[] {
  return index.ofKind(kind).filter((o) => o.apiVersion.startsWith('metallb.io/'));
}

function annotation(ref: ObjRef, keys: string[]): string | undefined {
  const a = ref.obj.metadata?.annotations ?? {};
  for (const k of keys) if (typeof a[k] === 'string') return a[k];
  return undefined;
}

/** The addresses a LoadBalancer Service asks MetalLB for (annotation, else spec.loadBalancerIP). */
function requestedAddresses(svc: ObjRef): string[] {
  const ips = annotation(svc, IPS_KEYS);
  const list = ips !== undefined ? ips.split(',') : [String(svc.obj.spec?.loadBalancerIP ?? '')];
  return list.map((s) => s.trim()).filter((s) => s !== '');
}

/** MetalLB's backend key: the selector with externalTrafficPolicy Local, else empty. */
function backendKey(svc: ObjRef): string {
  if (svc.obj.spec?.externalTrafficPolicy !== 'Local') return '';
  const sel = svc.obj.spec?.selector ?? {};
  return Object.keys(sel).sort().map((k) => `${k}=${sel[k]}`).join(',');
}

function portKeys(svc: ObjRef): string[] {
  return (Array.isArray(svc.obj.spec?.ports) ? svc.obj.spec.ports : []).map((p: any) => `${p?.protocol ?? 'TCP'}/${p?.port}`);
}

/** Why MetalLB refuses to put `b` on the address `a` holds, or undefined when they can share. */
function sharingProblem(a: ObjRef, b: ObjRef): string | undefined {
  const ka = annotation(a, SHARE_KEYS) ?? '';
  const kb = annotation(b, SHARE_KEYS) ?? '';
  if (ka === '' || kb === '') return `${ka === '' ? describe(a) : describe(b)} has no metallb.io/allow-shared-ip sharing key`;
  if (ka !== kb) return `their sharing keys differ ("${ka}" and "${kb}")`;
  const ba = backendKey(a);
  const bb = backendKey(b);
  if (ba !== bb) {
    return `with externalTrafficPolicy Local MetalLB shares an address only between Services with identical selectors (${ba || 'Cluster'} vs ${bb || 'Cluster'})`;
  }
  const ports = new Set(portKeys(a));
  const common = portKeys(b).filter((p) => ports.has(p));
  if (common.length > 0) return `both use port ${common.join(', ')}`;
  return undefined;
}

const SHARE_FIX = 'give the Services one metallb.io/allow-shared-ip key, identical selectors when externalTrafficPolicy is Local (or Cluster on both), and different ports; or give each its own address';
const POOL_FIX = 'add an L2Advertisement or BGPAdvertisement in the same namespace that lists the pool in ipAddressPools (or selects its labels with ipAddressPoolSelectors), or one with neither field (it covers every pool)';
const FRR_FIX = 'remove the FRR-only setting, or run MetalLB in FRR-K8s mode (the Helm chart\'s default, METALLB_BGP_TYPE=frr-k8s)';

/**
 * The BGP mode of the cluster's MetalLB: the linter option, else the speaker
 * DaemonSet of the input (`METALLB_BGP_TYPE` env of its speaker container;
 * unset means native, MetalLB `speaker/main.go`).
 */
function metallbMode(index: ManifestIndex, option: string | undefined): string | undefined {
  if (option !== undefined) return option;
  for (const ds of index.ofKind('DaemonSet')) {
    const containers: any[] = ds.obj.spec?.template?.spec?.containers ?? [];
    const speaker = containers.find((c) => c?.name === 'speaker' && typeof c?.image === 'string' && c.image.includes('metallb'));
    if (!speaker) continue;
    const env = (speaker.env ?? []).find((e: any) => e?.name === 'METALLB_BGP_TYPE');
    return typeof env?.value === 'string' && env.value !== '' ? env.value : 'native';
  }
  return undefined;
}

const SECRET_FIX = 'create the Secret in MetalLB\'s namespace with type kubernetes.io/basic-auth and the key password, or fix passwordSecret.name';

export const METALLB_RULES: Rule[] = [
  rule('metallb-shared-ip-refused', LintSeverity.ERROR,
    'MetalLB puts two LoadBalancer Services on one address only when both carry the same metallb.io/allow-shared-ip key, use different ports, and either both use externalTrafficPolicy Cluster or both select exactly the same pods: otherwise the second Service stays <pending> (metallb/metallb#1696).',
    SHARE_FIX,
    (index, report) => {
      const byAddress = new Map<string, ObjRef[]>();
      const seen = new Set<string>();
      for (const svc of index.ofKind('Service')) {
        if (svc.apiVersion !== 'v1' || svc.obj.spec?.type !== 'LoadBalancer') continue;
        for (const ip of new Set(requestedAddresses(svc))) {
          let l = byAddress.get(ip);
          if (!l) byAddress.set(ip, l = []);
          // the same Service twice in the input (one overwrites the other when applied) does not share with itself
          const key = `${ip}|${svc.ns}/${svc.name}`;
          if (!seen.has(key)) l.push(svc);
          seen.add(key);
        }
      }
      for (const [ip, svcs] of byAddress) {
        for (let i = 1; i < svcs.length; i++) {
          // each Service against the first one that holds the address
          const why = sharingProblem(svcs[0], svcs[i]);
          if (!why) continue;
          report(svcs[i], `${describe(svcs[i])} asks for ${ip}, which ${describe(svcs[0])} also asks for, but ${why}: MetalLB refuses to share the address and one Service stays <pending>`,
            SHARE_FIX, annotation(svcs[i], IPS_KEYS) !== undefined ? 'metadata.annotations.metallb.io/loadBalancerIPs' : 'spec.loadBalancerIP');
        }
      }
    }),

  rule('metallb-pool-not-advertised', LintSeverity.ERROR,
    'MetalLB assigns addresses from an IPAddressPool even when no L2Advertisement or BGPAdvertisement covers it, but then no speaker announces them: the Service has an EXTERNAL-IP that nothing answers (metallb/metallb#1561).',
    POOL_FIX,
    (index, report) => {
      // per namespace: advertisements that cover every pool, pool names listed, distinct pool selectors
      const byNs = new Map<string, { all: boolean; names: Set<string>; selectors: Map<string, any>; ads: string[]; count: number }>();
      for (const ad of [...metallb(index, 'L2Advertisement'), ...metallb(index, 'BGPAdvertisement')]) {
        let e = byNs.get(ad.ns);
        if (!e) byNs.set(ad.ns, e = { all: false, names: new Set(), selectors: new Map(), ads: [], count: 0 });
        if (e.ads.length < NAMES_SHOWN) e.ads.push(describe(ad));
        e.count++;
        const names = Array.isArray(ad.obj.spec?.ipAddressPools) ? ad.obj.spec.ipAddressPools : [];
        const selectors = Array.isArray(ad.obj.spec?.ipAddressPoolSelectors) ? ad.obj.spec.ipAddressPoolSelectors : [];
        if (names.length === 0 && selectors.length === 0) e.all = true;
        for (const n of names) e.names.add(String(n));
        for (const sel of selectors) e.selectors.set(JSON.stringify(sel), sel);
      }
      for (const pool of metallb(index, 'IPAddressPool')) {
        const labels = pool.obj.metadata?.labels ?? {};
        const e = byNs.get(pool.ns);
        const covered = e !== undefined
          && (e.all || e.names.has(pool.name) || [...e.selectors.values()].some((sel) => labelSelectorMatches(sel, labels)));
        if (covered) continue;
        report(pool, `${describe(pool)} is covered by no L2Advertisement or BGPAdvertisement${e ? ` (${someNames(e.ads, e.count)} name other pools)` : ` in namespace ${pool.ns}`}: its addresses are assigned but never announced`,
          POOL_FIX);
      }
    }),

  rule('metallb-bgp-password-secret', LintSeverity.ERROR,
    'A BGPPeer passwordSecret is read from the Secrets of MetalLB\'s namespace; a Secret of another type than kubernetes.io/basic-auth or without the key password, or a missing one, keeps MetalLB from loading its configuration. A missing Secret is reported only when the input holds Secrets of that namespace (a chart usually leaves credentials out).',
    SECRET_FIX,
    (index, report) => {
      const secretsByNs = new Map<string, Map<string, ObjRef>>();
      for (const s of index.ofKind('Secret')) {
        if (s.apiVersion !== 'v1') continue;
        let m = secretsByNs.get(s.ns);
        if (!m) secretsByNs.set(s.ns, m = new Map());
        if (!m.has(s.name)) m.set(s.name, s);
      }
      for (const peer of metallb(index, 'BGPPeer')) {
        const ref = peer.obj.spec?.passwordSecret;
        const name = ref?.name;
        if (typeof name !== 'string' || name === '') continue;
        const inNs = secretsByNs.get(peer.ns);
        const secret = inNs?.get(name);
        const field = 'spec.passwordSecret.name';
        if (!secret) {
          if (!inNs) continue;
          report(peer, `${describe(peer)} reads its BGP password from Secret ${peer.ns}/${name}, which is not among the Secrets of namespace ${peer.ns} in the input: MetalLB does not load its configuration`, SECRET_FIX, field);
          continue;
        }
        const type = secret.obj.type ?? 'Opaque';
        if (type !== 'kubernetes.io/basic-auth') {
          report(peer, `${describe(peer)} reads its BGP password from ${describe(secret)}, whose type is ${type}, not kubernetes.io/basic-auth: MetalLB refuses it and does not load its configuration`, SECRET_FIX, field);
        } else if (!('password' in (secret.obj.data ?? {})) && !('password' in (secret.obj.stringData ?? {}))) {
          report(peer, `${describe(peer)} reads its BGP password from ${describe(secret)}, which has no key password: MetalLB does not load its configuration`, SECRET_FIX, field);
        }
      }
    }),

  rule('metallb-frr-only-in-native', LintSeverity.ERROR,
    'MetalLB\'s native BGP mode refuses the whole configuration (every pool and advertisement stops being served) when a BGPPeer sets bfdProfile, keepaliveTime, connectTime or dynamicASN, or a BGPAdvertisement uses a large community or announces an IPv6 pool: only the FRR backends support them (DiscardFRROnly, internal/config/validation.go). Reported when the mode is known: the linter option metallbMode or the speaker DaemonSet in the input.',
    FRR_FIX,
    (index, report, settings) => {
      if (metallbMode(index, settings.metallbMode) !== 'native') return;
      for (const peer of metallb(index, 'BGPPeer')) {
        const spec = peer.obj.spec ?? {};
        for (const field of ['bfdProfile', 'keepaliveTime', 'connectTime', 'dynamicASN']) {
          if (spec[field] === undefined || spec[field] === null || spec[field] === '') continue;
          report(peer, `${describe(peer)} sets ${field}: ${JSON.stringify(spec[field])}, an FRR-only setting, and MetalLB runs in native mode: it refuses its whole configuration`, FRR_FIX, `spec.${field}`);
        }
      }
      const pools = new Map(metallb(index, 'IPAddressPool').map((p) => [`${p.ns}/${p.name}`, p]));
      for (const adv of metallb(index, 'BGPAdvertisement')) {
        const spec = adv.obj.spec ?? {};
        const large = (Array.isArray(spec.communities) ? spec.communities : []).find((c: unknown) => typeof c === 'string' && c.startsWith('large:'));
        if (large) {
          report(adv, `${describe(adv)} announces the large community ${large}, which MetalLB's native mode refuses (standard communities only): it refuses its whole configuration`, FRR_FIX, 'spec.communities');
        }
        const names: string[] = Array.isArray(spec.ipAddressPools) ? spec.ipAddressPools : [];
        for (const name of names) {
          const pool = pools.get(`${adv.ns}/${name}`);
          const v6 = (pool?.obj.spec?.addresses ?? []).find((a: unknown) => typeof a === 'string' && a.includes(':'));
          if (v6) {
            report(adv, `${describe(adv)} announces ${describe(pool!)}, whose addresses include the IPv6 range ${v6}; MetalLB's native mode announces IPv4 only over BGP and refuses the configuration`, 'announce IPv6 pools with an L2Advertisement, or run MetalLB in FRR-K8s mode', 'spec.ipAddressPools');
          }
        }
      }
    }),
];
