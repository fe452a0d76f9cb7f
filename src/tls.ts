import { IConstruct } from 'constructs';
import { fail } from './errors';
import { kubePrerequisite, secretPrerequisite } from './internal/prerequisites';
import { recordStruct } from './internal/struct-keys';
import { isDnsSubdomain } from './internal/validation';
import type { Prerequisite } from './prerequisite';

/**
 * Options for certificates issued by cert-manager through its ingress-shim.
 */
export interface CertManagerTlsOptions {
  /**
   * Name of a cluster-scoped `ClusterIssuer` (annotation `cert-manager.io/cluster-issuer`).
   * Give exactly one of `clusterIssuer` and `issuer`.
   * @default - none; `issuer` must be given
   */
  readonly clusterIssuer?: string;
  /**
   * Name of an `Issuer` in the app's namespace (annotation `cert-manager.io/issuer`).
   * @default - none; `clusterIssuer` must be given
   */
  readonly issuer?: string;
  /**
   * Secret that cert-manager writes the certificate into.
   * @default - `<app name>-tls`
   */
  readonly secretName?: string;
}

/**
 * Where the certificate for an app's host comes from. TLS is terminated at
 * the edge (Ingress controller or Gateway); the pods keep plain HTTP.
 */
export class Tls {
  /** A certificate already stored in a `kubernetes.io/tls` Secret in the app's namespace. */
  public static fromSecret(secretName: string): Tls {
    return new Tls(false, secretName, undefined, undefined);
  }

  /** A certificate requested from cert-manager (Let's Encrypt or any issuer) for the app's host. */
  public static certManager(options: CertManagerTlsOptions): Tls {
    return recordStruct(new Tls(true, options?.secretName, options?.clusterIssuer, options?.issuer), 'CertManagerTlsOptions', options);
  }

  private constructor(
    private readonly viaCertManager: boolean,
    private readonly secretName: string | undefined,
    private readonly clusterIssuer: string | undefined,
    private readonly issuer: string | undefined,
  ) {}

  /**
   * Check the settings for the construct at `scope`.
   * @internal
   */
  public _validate(scope: IConstruct, prop: string): void {
    const fromSecret = !this.viaCertManager;
    if (this.secretName !== undefined && !isDnsSubdomain(this.secretName)) {
      fail(scope, fromSecret ? prop : `${prop}.secretName`, this.secretName, 'is not a valid Secret name', 'use a lower-case DNS subdomain name of at most 253 characters');
    }
    if (fromSecret && this.secretName === undefined) {
      fail(scope, prop, this.secretName, 'a TLS Secret name is required', "pass Tls.fromSecret('my-tls') or use Tls.certManager({ clusterIssuer })");
    }
    if (!fromSecret && (this.clusterIssuer === undefined) === (this.issuer === undefined)) {
      fail(scope, `${prop}.clusterIssuer`, { clusterIssuer: this.clusterIssuer, issuer: this.issuer },
        'cert-manager needs exactly one of clusterIssuer and issuer', 'give either clusterIssuer or issuer, not both');
    }
    for (const [k, v] of [['clusterIssuer', this.clusterIssuer], ['issuer', this.issuer]] as const) {
      if (v !== undefined && !isDnsSubdomain(v)) fail(scope, `${prop}.${k}`, v, 'is not a valid issuer name', 'use the metadata.name of your cert-manager (Cluster)Issuer');
    }
  }

  /**
   * The Secret holding the certificate.
   * @internal
   */
  public _secretName(appName: string): string {
    return this.secretName ?? `${appName}-tls`;
  }

  /**
   * Annotations that make cert-manager issue the certificate (none for a plain Secret).
   * @internal
   */
  public _annotations(): Record<string, string> {
    if (this.clusterIssuer) return { 'cert-manager.io/cluster-issuer': this.clusterIssuer };
    if (this.issuer) return { 'cert-manager.io/issuer': this.issuer };
    return {};
  }

  /**
   * What must exist for the certificate: the TLS Secret of `fromSecret`, or
   * cert-manager's (Cluster)Issuer (cert-manager then writes the Secret).
   * @param user the object that reads the certificate, e.g. `Ingress shop/web`
   * @param secretNamespace where `user` reads the Secret
   * @param issuerNamespace where cert-manager looks for an Issuer (the annotated object's namespace)
   * @param extraIssuerWhy a further condition on cert-manager (e.g. Gateway API support)
   * @internal
   */
  public _prerequisites(appName: string, user: string, secretNamespace: string | undefined, issuerNamespace: string | undefined, extraIssuerWhy = ''): Prerequisite[] {
    const secret = this._secretName(appName);
    if (!this.viaCertManager) {
      return [secretPrerequisite(secret, secretNamespace,
        `${user} reads its certificate from this kubernetes.io/tls Secret (keys tls.crt and tls.key); without it HTTPS for the host fails or shows the edge's default certificate`)];
    }
    const why = `cert-manager issues the certificate of ${user} into Secret ${secret} through it (annotation cert-manager.io/${this.clusterIssuer ? 'cluster-issuer' : 'issuer'}); without it no certificate is issued${extraIssuerWhy}`;
    if (this.clusterIssuer) {
      return [kubePrerequisite({ kind: 'ClusterIssuer', apiVersion: 'cert-manager.io/v1', resource: 'clusterissuers.cert-manager.io', name: this.clusterIssuer, why })];
    }
    return [kubePrerequisite({ kind: 'Issuer', apiVersion: 'cert-manager.io/v1', resource: 'issuers.cert-manager.io', name: this.issuer!, namespace: issuerNamespace, why })];
  }

  /**
   * Human description for notes.
   * @internal
   */
  public _describe(appName: string): string {
    const secret = this._secretName(appName);
    if (this.clusterIssuer) return `certificate from cert-manager ClusterIssuer '${this.clusterIssuer}' in Secret '${secret}'`;
    if (this.issuer) return `certificate from cert-manager Issuer '${this.issuer}' in Secret '${secret}'`;
    return `certificate from Secret '${secret}'`;
  }
}
