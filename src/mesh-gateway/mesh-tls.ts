/**
 * How a MeshGateway terminates TLS on its HTTPS server. A union: one static
 * factory per mode, so plain HTTP is a visible, acknowledged choice.
 */
import { recordStruct } from '../internal/struct-keys';

/** Settings for one-way TLS: the gateway presents a certificate, clients present none. */
export interface SimpleMeshTlsOptions {
  /**
   * Name of the Secret with the server certificate and key (`tls.crt` / `tls.key`
   * of a `kubernetes.io/tls` Secret, or `cert` / `key` of a generic one).
   * Istio reads it from the namespace of the gateway workload (`MeshGatewayProps.namespace`),
   * not from the app's namespace. Names ending in `-cacert` are refused: Istio
   * reserves that suffix for the client CA of a mutual TLS credential.
   */
  readonly credentialName: string;
}

/** Settings for mutual TLS: clients must present a certificate signed by the given CA. */
export interface MutualMeshTlsOptions {
  /**
   * Name of the Secret with the server certificate and key, in the namespace of
   * the gateway workload. Unless `caCertCredentialName` is set, Istio reads the
   * client CA from the `ca.crt` (or `cacert`) key of this Secret, or from a
   * Secret named `<credentialName>-cacert`.
   */
  readonly credentialName: string;
  /**
   * Name of a separate Secret or ConfigMap holding the CA certificates that
   * client certificates must chain to (`tls.caCertCredentialName`).
   * @default - the CA comes with `credentialName` (its `ca.crt` / `cacert` key, or the `<credentialName>-cacert` Secret)
   */
  readonly caCertCredentialName?: string;
}

/** Explicit consent to a gateway that serves plain HTTP. */
export interface NoMeshTlsOptions {
  /**
   * Must be `true`: traffic, cookies and credentials travel unencrypted between
   * clients and the gateway. Use only behind a TLS-terminating load balancer
   * or for local clusters.
   */
  readonly acknowledgePlainHttp: boolean;
}

/** TLS versions a MeshGateway may require as its minimum (older versions are not offered). */
export enum MeshTlsProtocolVersion {
  /** TLS 1.2 and newer: what every current client supports. */
  TLSV1_2 = 'TLSV1_2',
  /** TLS 1.3 only: refuses older clients. */
  TLSV1_3 = 'TLSV1_3',
}

/** TLS mode of the gateway's HTTPS server (`servers[].tls.mode`). */
export enum MeshTlsMode {
  /** One-way TLS. */
  SIMPLE = 'SIMPLE',
  /** Mutual TLS: clients present certificates. */
  MUTUAL = 'MUTUAL',
  /** No TLS: the gateway serves plain HTTP (acknowledged). */
  NONE = 'NONE',
}

/** TLS termination of a MeshGateway: `MeshTls.simple()`, `MeshTls.mutual()` or an acknowledged `MeshTls.none()`. */
export class MeshTls {
  /** HTTPS with the certificate in `credentialName` (Istio `tls.mode: SIMPLE`). */
  public static simple(options: SimpleMeshTlsOptions): MeshTls {
    return recordStruct(new MeshTls(MeshTlsMode.SIMPLE, options?.credentialName, undefined, false), 'SimpleMeshTlsOptions', options);
  }

  /** HTTPS that also demands client certificates (Istio `tls.mode: MUTUAL`). */
  public static mutual(options: MutualMeshTlsOptions): MeshTls {
    return recordStruct(new MeshTls(MeshTlsMode.MUTUAL, options?.credentialName, options?.caCertCredentialName, false), 'MutualMeshTlsOptions', options);
  }

  /** Plain HTTP on port 80, no HTTPS server. Refused unless `acknowledgePlainHttp` is true. */
  public static none(options: NoMeshTlsOptions): MeshTls {
    return recordStruct(new MeshTls(MeshTlsMode.NONE, undefined, undefined, options?.acknowledgePlainHttp === true), 'NoMeshTlsOptions', options);
  }

  /** TLS mode of the HTTPS server. */
  public readonly mode: MeshTlsMode;
  /** Secret with the server certificate and key; undefined for `none()`. */
  public readonly credentialName?: string;
  /** Secret or ConfigMap with the client CA, when given to `mutual()`. */
  public readonly caCertCredentialName?: string;
  /** Whether `none()` was acknowledged. */
  public readonly acknowledgedPlainHttp: boolean;

  private constructor(mode: MeshTlsMode, credentialName: string | undefined, caCertCredentialName: string | undefined,
    acknowledgedPlainHttp: boolean) {
    this.mode = mode;
    this.credentialName = credentialName;
    this.caCertCredentialName = caCertCredentialName;
    this.acknowledgedPlainHttp = acknowledgedPlainHttp;
  }
}
