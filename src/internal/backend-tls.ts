import { fail } from '../errors';
import { isDnsSubdomain } from './validation';
import type { BackendTls } from '../exposure/backend-tls';
import type { AppFacts } from '../exposure/way-in';

/** Where an edge reads the CA that verifies the pods' certificate. @internal */
export enum BackendCaSource {
  CONFIG_MAP = 'ConfigMap',
  SECRET = 'Secret',
}

/** What one edge can do with `backendTls`. @internal */
export interface BackendTlsSupport {
  /** edge name for messages */
  readonly edge: string;
  /** CA kinds it reads; empty: it cannot verify the pods' certificate */
  readonly caSources: BackendCaSource[];
  /** why it cannot verify (when caSources is empty) */
  readonly unverifiedReason?: string;
}

/** backendTls, validated. @internal */
export interface ResolvedBackendTls {
  /** undefined when unverified */
  readonly hostname?: string;
  readonly ca?: { readonly kind: BackendCaSource; readonly name: string };
  readonly verified: boolean;
}

/** Service port name and appProtocol of pods that serve TLS (RFC 6335 / IANA service name `https`). */
export const BACKEND_TLS_PORT_NAME = 'https';
export const BACKEND_TLS_APP_PROTOCOL = 'https';

/** Validates `backendTls` for one edge; refuses before anything is created. @internal */
export function resolveBackendTls(app: AppFacts, prop: string, t: BackendTls, support: BackendTlsSupport): ResolvedBackendTls {
  const s = app.scope;
  if (t === null || typeof t !== 'object') fail(s, prop, t, 'must be an object', "give e.g. { hostname: 'web.shop.svc.cluster.local', caConfigMap: 'web-ca' }");
  if (t.acknowledgeUnverified !== undefined && typeof t.acknowledgeUnverified !== 'boolean') {
    fail(s, `${prop}.acknowledgeUnverified`, t.acknowledgeUnverified, 'must be a boolean', 'write true or false');
  }
  for (const k of ['caConfigMap', 'caSecret'] as const) {
    const v = t[k];
    if (v !== undefined && (typeof v !== 'string' || !isDnsSubdomain(v))) fail(s, `${prop}.${k}`, v, 'is not a valid object name', "use the metadata.name of the object, e.g. 'web-ca'");
  }
  if (t.caConfigMap !== undefined && t.caSecret !== undefined) {
    fail(s, `${prop}.caSecret`, t.caSecret, 'give one CA source, not both caConfigMap and caSecret', `keep the one the ${support.edge} reads`);
  }
  if (t.hostname !== undefined && (typeof t.hostname !== 'string' || !isDnsSubdomain(t.hostname) || t.hostname.length > 253)) {
    fail(s, `${prop}.hostname`, t.hostname, 'is not a lower-case DNS name (a certificate subjectAltName to verify)', "use e.g. 'web.shop.svc.cluster.local'");
  }
  const given = t.caConfigMap !== undefined ? BackendCaSource.CONFIG_MAP : t.caSecret !== undefined ? BackendCaSource.SECRET : undefined;
  if (support.caSources.length === 0) {
    if (t.acknowledgeUnverified !== true) {
      fail(s, `${prop}.acknowledgeUnverified`, t.acknowledgeUnverified, `the ${support.edge} cannot verify the pods' certificate (${support.unverifiedReason}): anyone who answers on a pod's address is trusted`,
        'set acknowledgeUnverified: true to encrypt without verification, or use an edge that verifies (IngressController.nginx(), IngressController.traefik(), Exposure.gateway())');
    }
    const extra = t.hostname !== undefined ? 'hostname' : given !== undefined ? (given === BackendCaSource.CONFIG_MAP ? 'caConfigMap' : 'caSecret') : undefined;
    if (extra !== undefined) fail(s, `${prop}.${extra}`, t[extra], `the ${support.edge} does not verify the pods' certificate, so it would not be used`, `remove ${extra}`);
    return { verified: false };
  }
  if (t.acknowledgeUnverified === true) {
    fail(s, `${prop}.acknowledgeUnverified`, true, `the ${support.edge} verifies the pods' certificate: encrypting without verification is not offered`,
      `remove acknowledgeUnverified and give hostname and ${support.caSources.map((c) => (c === BackendCaSource.CONFIG_MAP ? 'caConfigMap' : 'caSecret')).join(' or ')}`);
  }
  if (t.hostname === undefined) fail(s, `${prop}.hostname`, undefined, 'is required: the edge checks the pods\' certificate against it', "give the name the pods' certificate is issued for, e.g. 'web.shop.svc.cluster.local'");
  if (given === undefined || !support.caSources.includes(given)) {
    const want = support.caSources.map((c) => (c === BackendCaSource.CONFIG_MAP ? 'caConfigMap (a ConfigMap with key ca.crt)' : 'caSecret (a Secret with key ca.crt)')).join(' or ');
    fail(s, `${prop}.${given === BackendCaSource.SECRET ? 'caSecret' : 'caConfigMap'}`, given === undefined ? undefined : (t.caSecret ?? t.caConfigMap),
      given === undefined ? 'a CA is required to verify the pods\' certificate' : `the ${support.edge} reads the CA only from ${want}`, `give ${want}`);
  }
  return { hostname: t.hostname, ca: { kind: given!, name: (t.caConfigMap ?? t.caSecret)! }, verified: true };
}

/**
 * NOTES check: the pods' certificate as the edge sees it, through a port-forward (the NetworkPolicy
 * does not apply to it), verified against the backendTls CA and hostname. @internal
 */
export function backendTlsCheck(app: AppFacts, t: ResolvedBackendTls): string[] {
  const ns = app.namespace ? ` -n ${app.namespace}` : '';
  const local = app.servicePort < 1024 ? 8443 : app.servicePort;
  const forward = `kubectl port-forward${ns} service/${app.name} ${local}:${app.servicePort}`;
  if (t.ca === undefined || t.hostname === undefined) {
    return [`${forward} & openssl s_client -connect localhost:${local} </dev/null | head -n 20  # the pods answer TLS (the edge does not verify their certificate: backendTls.acknowledgeUnverified)`];
  }
  const resource = t.ca.kind === BackendCaSource.CONFIG_MAP ? 'configmap' : 'secret';
  const ca = t.ca.kind === BackendCaSource.CONFIG_MAP ? `kubectl get configmap ${t.ca.name}${ns} -o jsonpath='{.data.ca\\.crt}'`
    : `kubectl get ${resource} ${t.ca.name}${ns} -o jsonpath='{.data.ca\\.crt}' | base64 -d`;
  return [`${forward} & openssl s_client -connect localhost:${local} -servername ${t.hostname} -verify_hostname ${t.hostname} -CAfile <(${ca}) </dev/null | grep 'Verify return code'  # must be 0 (ok): the pods' certificate is issued for ${t.hostname} by the CA the edge trusts`];
}
