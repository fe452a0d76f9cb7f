/**
 * Configuration of an app from Secrets and ConfigMaps.
 */

/**
 * One key of a Secret or ConfigMap in the app's namespace (the
 * `secretKeyRef` / `configMapKeyRef` of an environment variable).
 */
export interface KeyReference {
  /** Name of the Secret or ConfigMap. */
  readonly name: string;
  /** Key inside it. */
  readonly key: string;
  /**
   * Start the pod even when the object or key is missing (the variable is
   * then unset). Without it the kubelet keeps the container in
   * `CreateContainerConfigError` until the key exists.
   * @default false
   */
  readonly optional?: boolean;
}

/**
 * A Secret or ConfigMap mounted as files, read-only, at a directory of the
 * container (one file per key).
 */
export interface MountedFiles {
  /** Absolute directory the files appear in (e.g. `/etc/app/tls`). */
  readonly path: string;
  /**
   * Secret whose keys become the files (exactly one of `secretName` and `configMapName`).
   * @default - none
   */
  readonly secretName?: string;
  /**
   * ConfigMap whose keys become the files (exactly one of `secretName` and `configMapName`).
   * @default - none
   */
  readonly configMapName?: string;
}
