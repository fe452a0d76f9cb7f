import { ApiObject } from 'cdk8s';
import { Construct } from 'constructs';
import { MeshTls, MeshTlsMode, MeshTlsProtocolVersion } from './mesh-tls';
import { fail } from '../errors';
import * as istio from '../imports/istio-networking';
import { readableName } from '../internal/names';
import { registerNotes } from '../internal/notes-file';
import { crdPrerequisite, missingPrerequisites, prerequisiteNotes, secretPrerequisite } from '../internal/prerequisites';
import { AppRegistry } from '../internal/registry';
import { checkStructKeys } from '../internal/struct-keys';
import { hostCovers, isDnsLabel, isDnsSubdomain, isHostname, isLabelKey, isLabelValue, labelsText } from '../internal/validation';
import { recordConstructPaths } from '../lint/construct-paths';
import type { Prerequisite } from '../prerequisite';

/**
 * Props of a MeshGateway.
 */
export interface MeshGatewayProps {
  /**
   * Hosts the gateway accepts (`servers[].hosts`): DNS names, `*.` wildcards
   * (`*.example.com`) or `*` for any host. Every app routed through the gateway
   * must use a host covered by one of them.
   */
  readonly hosts: string[];

  /**
   * TLS termination: `MeshTls.simple({ credentialName })`, `MeshTls.mutual({ ... })`,
   * or `MeshTls.none({ acknowledgePlainHttp: true })` for a plain-HTTP gateway.
   */
  readonly tls: MeshTls;

  /**
   * Labels of the gateway workload pods this configuration applies to.
   * @default { istio: 'ingressgateway' } (the labels of Istio's default ingress gateway)
   */
  readonly selector?: { [key: string]: string };

  /**
   * Namespace of the gateway workload (the Envoy pods picked by `selector`). The
   * Gateway object is created in this namespace too: Istio reads the
   * `credentialName` Secret from it, and with `PILOT_SCOPE_GATEWAY_TO_NAMESPACE`
   * a Gateway only applies to workloads in its own namespace. Apps' NetworkPolicies
   * admit traffic from this namespace.
   * @default 'istio-system'
   */
  readonly namespace?: string;

  /**
   * Name of the Gateway object.
   * @default - the construct path (chart and construct ids, lower-cased, joined by '-', e.g. `mesh-edge`); a hash is added only when it is longer than 63 characters or another generated Gateway in the namespace has it
   */
  readonly name?: string;

  /**
   * Service account of the gateway workload. Its SPIFFE identity is the only
   * caller the AuthorizationPolicy of a routed app lets in: a wrong name
   * answers every request with 403 "RBAC: access denied".
   *
   * The default is the account of istioctl / IstioOperator installs. The Helm
   * `istio/gateway` chart names the account after the gateway (`name` value,
   * else the release name: `helm install istio-ingress istio/gateway` gives
   * `istio-ingress`, with pod labels `istio: ingress`), see istio/istio
   * `manifests/charts/gateway/templates/_helpers.tpl` (`gateway.serviceAccountName`).
   * Read the real one with
   * `kubectl get deploy -n <namespace> -l <selector> -o jsonpath='{.items[*].spec.template.spec.serviceAccountName}'`
   * (the app's `notes()` print this command with the gateway's values).
   * @default 'istio-ingressgateway-service-account'
   */
  readonly serviceAccount?: string;

  /**
   * Namespace of istiod. Sidecars of the apps exposed through this gateway
   * fetch their configuration and certificate from istiod on TCP 15012
   * (`ISTIOD_ADDR` = `istiod[-<revision>].<namespace>.svc:15012` in istio/istio
   * `manifests/charts/istio-control/istio-discovery/templates/deployment.yaml`),
   * so their NetworkPolicy admits egress to istiod pods in this namespace.
   * @default 'istio-system'
   */
  readonly istiodNamespace?: string;

  /**
   * Labels of the istiod pods (the NetworkPolicy egress peer of sidecar apps).
   * Every istiod Deployment labels its pods `app: istiod` and
   * `istio.io/rev: <revision or "default">` (istio-discovery chart); the default
   * admits every revision in `istiodNamespace`, which is also right for a
   * revision tag (a tag names no istiod pod).
   * @default { app: 'istiod' }
   */
  readonly istiodSelector?: { [key: string]: string };

  /**
   * Istio revision (or revision tag) that injects the sidecars of the apps
   * exposed through this gateway: their pods are labelled `istio.io/rev: <revision>`
   * instead of `sidecar.istio.io/inject: "true"`, which only the default
   * revision's webhook matches (istio.io "Installing the Sidecar", and
   * `istio/api` `label/labels.yaml`). Ambient apps ignore it.
   * @default - the default revision (pod label `sidecar.istio.io/inject: "true"`)
   */
  readonly revision?: string;

  /**
   * Trust domain of the mesh (`meshConfig.trustDomain`), first part of the gateway's principal.
   * @default 'cluster.local'
   */
  readonly trustDomain?: string;

  /**
   * Minimum TLS version of the HTTPS server (TLS 1.0 and 1.1 are not offered).
   * @default MeshTlsProtocolVersion.TLSV1_2
   */
  readonly minProtocolVersion?: MeshTlsProtocolVersion;

  /**
   * Whether to add an HTTP server on port 80 that answers every request with a
   * 301 redirect to HTTPS (`tls.httpsRedirect: true`). It never serves content.
   * Ignored by `MeshTls.none()`, whose only server is the plain-HTTP one.
   * @default true
   */
  readonly httpsRedirect?: boolean;
}

/**
 * The way into a service mesh: an Istio `networking.istio.io/v1` Gateway for
 * the ingress gateway pods Istio already runs (this construct does not install
 * Istio or its gateway). It serves HTTPS on 443 (SIMPLE or MUTUAL TLS,
 * TLS 1.2+) and redirects HTTP on 80; apps exposed through it get a
 * VirtualService, a DestinationRule, STRICT mTLS and an AuthorizationPolicy
 * that admits only this gateway's identity.
 *
 * @exampleMetadata fixture=chart
 * @example
 * import { Exposure, MeshGateway, MeshTls, PublicWebApp } from 'cdk8s-expose';
 *
 * const edge = new MeshGateway(chart, 'edge', {
 *   hosts: ['*.example.com'],
 *   tls: MeshTls.simple({ credentialName: 'wildcard-cert' }),
 * });
 * new PublicWebApp(chart, 'web', {
 *   image: 'ghcr.io/acme/shop:1.4.2',
 *   host: 'shop.example.com',
 *   exposure: Exposure.mesh(edge, { timeout: '10s' }),
 * });
 */
export class MeshGateway extends Construct {
  /** The Gateway object (escape hatch). */
  public readonly gateway: ApiObject;
  /** Hosts the gateway accepts. */
  public readonly hosts: string[];
  /** TLS mode of the gateway's server. */
  public readonly tlsMode: MeshTlsMode;
  /** Namespace of the gateway workload and of the Gateway object. */
  public readonly namespace: string;
  /** Labels of the gateway workload pods. */
  public readonly selector: { [key: string]: string };
  private readonly tls: MeshTls;
  /** SPIFFE principal of the gateway workload, e.g. `cluster.local/ns/istio-system/sa/istio-ingressgateway-service-account`. */
  public readonly principal: string;
  /** Service account of the gateway workload (the last part of `principal`). */
  public readonly serviceAccount: string;
  /** Namespace of istiod (egress peer of sidecar apps). */
  public readonly istiodNamespace: string;
  /** Labels of the istiod pods (egress peer of sidecar apps). */
  public readonly istiodSelector: { [key: string]: string };
  /** Istio revision that injects the sidecars, when not the default one. */
  public readonly revision?: string;

  constructor(scope: Construct, id: string, props: MeshGatewayProps) {
    super(scope, id);
    recordConstructPaths(this);
    // app.synth() writes notes() into <outdir>/<chart>.NOTES.txt, with the chart's apps
    registerNotes(this);
    const p = props ?? ({} as MeshGatewayProps);
    checkStructKeys(this, '', p, 'MeshGatewayProps');
    this.hosts = this.checkHosts(p.hosts);
    const tls = this.checkTls(p.tls);
    this.tls = tls;
    this.tlsMode = tls.mode;

    this.namespace = p.namespace ?? 'istio-system';
    if (!isDnsLabel(this.namespace)) {
      fail(this, 'namespace', p.namespace, 'is not a namespace name (a DNS label)', "use the namespace the ingress gateway pods run in, e.g. 'istio-system'");
    }
    if (p.name !== undefined && !isDnsSubdomain(p.name)) {
      fail(this, 'name', p.name, 'is not a valid object name', "use lower-case letters, digits, '-' and '.', e.g. 'public-gateway'");
    }
    if (p.name !== undefined) {
      const taken = AppRegistry.of(this).claim('istio-gateway', `${this.namespace}/${p.name}`, { owner: this });
      if (taken) fail(this, 'name', p.name, `MeshGateway '${taken.owner.node.path}' already writes a Gateway with this name in namespace ${this.namespace}`, 'give each MeshGateway its own name, or leave name unset');
    }
    this.selector = { ...(p.selector ?? { istio: 'ingressgateway' }) };
    this.checkSelector(p.selector);
    const serviceAccount = p.serviceAccount ?? 'istio-ingressgateway-service-account';
    if (!isDnsSubdomain(serviceAccount)) {
      fail(this, 'serviceAccount', p.serviceAccount, 'is not a service account name', 'use the name of the gateway Deployment\'s service account, e.g. \'istio-ingressgateway-service-account\'');
    }
    const trustDomain = p.trustDomain ?? 'cluster.local';
    if (!isDnsSubdomain(trustDomain)) {
      fail(this, 'trustDomain', p.trustDomain, 'is not a trust domain', "use the mesh's meshConfig.trustDomain, e.g. 'cluster.local'");
    }
    this.principal = `${trustDomain}/ns/${this.namespace}/sa/${serviceAccount}`;
    this.serviceAccount = serviceAccount;

    this.istiodNamespace = p.istiodNamespace ?? 'istio-system';
    if (!isDnsLabel(this.istiodNamespace)) {
      fail(this, 'istiodNamespace', p.istiodNamespace, 'is not a namespace name (a DNS label)', "use the namespace istiod runs in, e.g. 'istio-system'");
    }
    this.checkLabelMap('istiodSelector', p.istiodSelector, "name the labels of the istiod pods, e.g. { app: 'istiod' }");
    this.istiodSelector = { ...(p.istiodSelector ?? { app: 'istiod' }) };
    if (p.revision !== undefined && (typeof p.revision !== 'string' || !isLabelValue(p.revision) || p.revision.length === 0)) {
      fail(this, 'revision', p.revision, 'is not a revision name (a label value)', "use the revision or tag of your istiod install, e.g. '1-24' or 'stable' (kubectl get mutatingwebhookconfigurations -l istio.io/rev)");
    }
    this.revision = p.revision;

    const minVersions = Object.values(MeshTlsProtocolVersion) as string[];
    if (p.minProtocolVersion !== undefined && !minVersions.includes(p.minProtocolVersion)) {
      fail(this, 'minProtocolVersion', p.minProtocolVersion, 'is not a TLS version the gateway may require', 'use MeshTlsProtocolVersion.TLSV1_2 or MeshTlsProtocolVersion.TLSV1_3');
    }
    if (tls.mode === MeshTlsMode.NONE && p.minProtocolVersion !== undefined) {
      fail(this, 'minProtocolVersion', p.minProtocolVersion, 'has no effect on a gateway without TLS', 'remove minProtocolVersion, or use MeshTls.simple()/mutual()');
    }
    if (p.httpsRedirect !== undefined && typeof p.httpsRedirect !== 'boolean') {
      fail(this, 'httpsRedirect', p.httpsRedirect, 'must be true or false', 'omit it to redirect HTTP to HTTPS, or pass false for no port-80 server');
    }

    const servers: istio.GatewaySpecServers[] = [];
    if (tls.mode === MeshTlsMode.NONE) {
      servers.push({ name: 'http', port: { number: 80, name: 'http', protocol: 'HTTP' }, hosts: [...this.hosts] });
    } else {
      servers.push({
        name: 'https',
        port: { number: 443, name: 'https', protocol: 'HTTPS' },
        hosts: [...this.hosts],
        tls: {
          mode: tls.mode === MeshTlsMode.MUTUAL ? istio.GatewaySpecServersTlsMode.MUTUAL : istio.GatewaySpecServersTlsMode.SIMPLE,
          credentialName: tls.credentialName,
          caCertCredentialName: tls.caCertCredentialName,
          minProtocolVersion: (p.minProtocolVersion ?? MeshTlsProtocolVersion.TLSV1_2) as string as istio.GatewaySpecServersTlsMinProtocolVersion,
        },
      });
      if (p.httpsRedirect ?? true) {
        servers.push({
          name: 'http-redirect',
          port: { number: 80, name: 'http', protocol: 'HTTP' },
          hosts: [...this.hosts],
          tls: { httpsRedirect: true },
        });
      }
    }

    this.gateway = new istio.Gateway(this, 'Resource', {
      metadata: { name: p.name ?? readableName(this, 'networking.istio.io/Gateway', this.namespace), namespace: this.namespace },
      spec: { selector: { ...this.selector }, servers },
    });
  }

  /** `<namespace>/<name>`: how a VirtualService in any namespace names this gateway in `spec.gateways`. */
  public get gatewayRef(): string {
    return `${this.namespace}/${this.gateway.name}`;
  }

  /** Name of the Gateway object. */
  public get name(): string {
    return this.gateway.name;
  }

  /**
   * What this Gateway needs and does not create: Istio itself (its CRDs and
   * istiod), the ingress gateway pods its `selector` picks (installed
   * separately, e.g. the `istio/gateway` Helm chart), and the certificate
   * Secrets of `credentialName` / `caCertCredentialName`, which Istio reads
   * from the gateway's namespace. Secrets emitted in the same App are left out.
   */
  public prerequisites(): Prerequisite[] {
    const gw = `Istio Gateway ${this.namespace}/${this.name}`;
    const selector = labelsText(this.selector);
    const list: Prerequisite[] = [
      crdPrerequisite('gateways.networking.istio.io', `${gw} is a networking.istio.io object: Istio (its CRDs and istiod) must be installed`),
      {
        kind: 'Pod',
        apiVersion: 'v1',
        namespace: this.namespace,
        name: selector,
        why: `${gw} programs the ingress gateway pods labelled ${selector} in ${this.namespace} (spec.selector); with no such pods nothing listens for the hosts`,
        checkCommand: `kubectl get pods -n ${this.namespace} -l ${selector}`,
      },
    ];
    if (this.tls.credentialName !== undefined && this.tlsMode !== MeshTlsMode.NONE) {
      list.push(secretPrerequisite(this.tls.credentialName, this.namespace,
        `${gw} terminates TLS with this Secret (credentialName: tls.crt and tls.key${this.tlsMode === MeshTlsMode.MUTUAL && !this.tls.caCertCredentialName ? ', and ca.crt or a <name>-cacert Secret for client certificates' : ''}); without it the gateway refuses HTTPS for the hosts`));
    }
    if (this.tls.caCertCredentialName !== undefined) {
      list.push(secretPrerequisite(this.tls.caCertCredentialName, this.namespace, `${gw} checks client certificates against the CA in this Secret (caCertCredentialName)`));
    }
    return missingPrerequisites(this, list);
  }

  /**
   * Notes for this gateway: what the cluster must have before it works, with
   * a check for each (see `prerequisites()`).
   */
  public notes(): string {
    return [`Istio Gateway ${this.namespace}/${this.name} for ${this.hosts.join(', ')}`, '', ...prerequisiteNotes(this.prerequisites())].join('\n').trimEnd();
  }

  /** Whether `host` (a DNS name or `*.` wildcard) is covered by one of the gateway's hosts. */
  public covers(host: string): boolean {
    return this.hosts.some((pattern) => hostCovers(pattern, host));
  }

  private checkHosts(hosts: string[] | undefined): string[] {
    if (!Array.isArray(hosts) || hosts.length === 0) {
      fail(this, 'hosts', hosts, 'a gateway needs at least one host', "list the hosts it serves, e.g. ['shop.example.com'] or ['*.example.com']");
    }
    const seen = new Set<string>();
    hosts.forEach((h, i) => {
      if (h !== '*' && !isHostname(h)) {
        fail(this, `hosts[${i}]`, h, 'is not a host name', "use a lower-case DNS name, a '*.' wildcard such as '*.example.com', or '*' for any host");
      }
      if (seen.has(h)) fail(this, `hosts[${i}]`, h, 'is listed twice', 'list each host once');
      seen.add(h);
    });
    return [...hosts];
  }

  private checkTls(tls: MeshTls | undefined): MeshTls {
    if (!(tls instanceof MeshTls)) {
      fail(this, 'tls', tls, 'is not a MeshTls', "use MeshTls.simple({ credentialName: 'my-cert' }), MeshTls.mutual({ ... }) or MeshTls.none({ acknowledgePlainHttp: true })");
    }
    if (tls.mode === MeshTlsMode.NONE) {
      if (!tls.acknowledgedPlainHttp) {
        fail(this, 'tls.acknowledgePlainHttp', false, 'a gateway without TLS sends traffic and credentials in clear text',
          'use MeshTls.simple({ credentialName }) with a certificate Secret, or pass { acknowledgePlainHttp: true } if TLS ends before the gateway');
      }
      return tls;
    }
    checkCredentialName(this, 'tls.credentialName', tls.credentialName);
    if (tls.caCertCredentialName !== undefined) {
      checkCredentialName(this, 'tls.caCertCredentialName', tls.caCertCredentialName, true);
      if (tls.caCertCredentialName === tls.credentialName) {
        fail(this, 'tls.caCertCredentialName', tls.caCertCredentialName, 'names the server certificate Secret again',
          'omit caCertCredentialName when the CA is in the credentialName Secret (ca.crt), or name the separate CA Secret');
      }
    }
    return tls;
  }

  private checkSelector(selector: { [key: string]: string } | undefined): void {
    if (selector === undefined) return;
    const entries = typeof selector === 'object' && selector !== null ? Object.entries(selector) : [];
    if (entries.length === 0) {
      fail(this, 'selector', selector, 'an empty selector would configure every gateway workload in the mesh',
        "name the labels of your gateway pods, e.g. { istio: 'ingressgateway' }");
    }
    this.checkLabelMap('selector', selector, "name the labels of your gateway pods, e.g. { istio: 'ingressgateway' }");
  }

  /** A non-empty map of valid label keys and values, when set. */
  private checkLabelMap(prop: string, labels: { [key: string]: string } | undefined, fix: string): void {
    if (labels === undefined) return;
    const entries = typeof labels === 'object' && labels !== null && !Array.isArray(labels) ? Object.entries(labels) : [];
    if (entries.length === 0) fail(this, prop, labels, 'an empty selector matches every pod of the namespace', fix);
    for (const [k, v] of entries) {
      if (!isLabelKey(k)) fail(this, `${prop}.${k}`, k, 'is not a label key', "use a key such as 'istio' or 'app.kubernetes.io/name'");
      if (typeof v !== 'string' || !isLabelValue(v)) fail(this, `${prop}.${k}`, v, 'is not a label value', 'use at most 63 letters, digits, \'-\', \'_\' or \'.\', starting and ending with a letter or digit');
    }
  }
}

/** The Secret names Istio accepts in `credentialName` (plain names in the gateway's namespace). */
function checkCredentialName(scope: Construct, prop: string, name: string | undefined, isCa = false): void {
  if (typeof name !== 'string' || name.length === 0) {
    fail(scope, prop, name, 'is required', "name the Secret that holds the gateway's certificate, e.g. 'wildcard-cert'");
  }
  if (!isDnsSubdomain(name)) {
    fail(scope, prop, name, 'is not a Secret name', "use the plain name of a Secret in the gateway's namespace (lower-case letters, digits, '-' and '.'), without a 'kubernetes://' prefix or a namespace");
  }
  if (!isCa && name.endsWith('-cacert')) {
    fail(scope, prop, name, "ends in '-cacert', the suffix Istio reserves for the client CA of a mutual TLS credential",
      'name the Secret with the server certificate and key here; for MUTUAL give the CA as caCertCredentialName or as <credentialName>-cacert');
  }
}
