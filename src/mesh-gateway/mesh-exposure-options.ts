/**
 * What an app exposed through a MeshGateway can ask of the mesh: retries,
 * timeouts, CORS, fault injection, circuit breaking, dataplane mode, canary.
 */
import { MeshCanary } from './mesh-canary';
import type { RequestHeaderOptions } from '../exposure/request-headers';
import type { SecurityHeaderOptions } from '../exposure/security-headers';

/**
 * How the app's pods join the mesh (the Istio data plane). Each mode needs
 * something different from the cluster and from the app's NetworkPolicy:
 *
 * - `SIDECAR`: an Envoy sidecar injected into each pod, traffic redirection
 *   set up by the Istio CNI node agent (`istio-cni-node` DaemonSet). The
 *   injected containers need no added capabilities, so the pods pass Pod
 *   Security baseline ("Install Istio with Pod Security Admission",
 *   istio.io/latest/docs/setup/additional-setup/pod-security-admission).
 * - `SIDECAR_WITH_INIT_CONTAINER`: an Envoy sidecar, redirection set up by the
 *   `istio-init` init container, which needs NET_ADMIN and NET_RAW: refused by
 *   Pod Security baseline and restricted (same page), so the namespace must be
 *   privileged and the app must acknowledge it.
 * - `AMBIENT`: no sidecar; ztunnel on each node carries the traffic over HBONE
 *   (TCP 15008) and kubelet probes arrive SNATed from 169.254.7.127
 *   (istio.io/latest/docs/ambient/usage/networkpolicy).
 *
 * With a sidecar (both modes) the proxy fetches its configuration and
 * certificate from istiod on TCP 15012 (istio.io "Application requirements",
 * ports used by Istio; istio/istio#32945): the app's NetworkPolicy admits that
 * egress to the MeshGateway's `istiodNamespace` / `istiodSelector`.
 */
export enum MeshDataplane {
  /**
   * An Envoy sidecar per pod, with the Istio CNI node agent installed (pod label
   * `sidecar.istio.io/inject: "true"`, or `istio.io/rev: <revision>`).
   */
  SIDECAR = 'SIDECAR',
  /**
   * An Envoy sidecar per pod, set up by the privileged `istio-init` init container
   * (Istio installed without CNI). Needs `acknowledgePrivilegedNamespace: true`.
   */
  SIDECAR_WITH_INIT_CONTAINER = 'SIDECAR_WITH_INIT_CONTAINER',
  /** Ambient mode: ztunnel on each node, no sidecar (pod labels `istio.io/dataplane-mode: ambient`, `sidecar.istio.io/inject: "false"`). */
  AMBIENT = 'AMBIENT',
}

/** Retry policy of the app's route (`http[].retries`). */
export interface MeshRetries {
  /** Number of retries for a request (at least 1). */
  readonly attempts: number;
  /**
   * Timeout of each attempt, a duration such as `2s` or `500ms` (at least 1ms).
   * Must not exceed the route's `timeout`.
   * @default - the route's timeout
   */
  readonly perTryTimeout?: string;
  /**
   * Conditions that trigger a retry: comma-separated Envoy retry policies
   * (`5xx`, `gateway-error`, `reset`, `connect-failure`, `refused-stream`,
   * `retriable-4xx`, `retriable-status-codes`, ...), gRPC statuses
   * (`cancelled`, `deadline-exceeded`, `internal`, `resource-exhausted`,
   * `unavailable`) or HTTP status codes (`503`).
   * @default - Istio's default: connect-failure,refused-stream,unavailable,cancelled,retriable-status-codes
   */
  readonly retryOn?: string;
}

/** CORS policy answered by the gateway for the app's route (`http[].corsPolicy`). */
export interface MeshCorsPolicy {
  /**
   * Origins allowed to call the app: `https://shop.example.com`, a one-label
   * wildcard `https://*.example.com`, or `*` for any origin (not with
   * `allowCredentials`).
   */
  readonly allowOrigins: string[];
  /**
   * HTTP methods allowed in cross-origin requests.
   * @default - not sent: browsers allow only GET, HEAD and POST
   */
  readonly allowMethods?: string[];
  /**
   * Request headers allowed in cross-origin requests.
   * @default - not sent: only CORS-safelisted headers
   */
  readonly allowHeaders?: string[];
  /**
   * Response headers the browser may expose to scripts.
   * @default - only CORS-safelisted response headers
   */
  readonly exposeHeaders?: string[];
  /**
   * How long browsers may cache a preflight answer, e.g. `1h`.
   * @default - not sent (browser default, 5 seconds in most)
   */
  readonly maxAge?: string;
  /**
   * Whether cross-origin requests may carry cookies and credentials.
   * @default false
   */
  readonly allowCredentials?: boolean;
}

/**
 * Fault injection for resilience tests (`http[].fault`). Every percentage is
 * required, so a typo cannot fault all production traffic by default.
 */
export interface MeshFaultInjection {
  /**
   * Fixed delay added before forwarding, e.g. `5s`.
   * @default - no delay
   */
  readonly delay?: string;
  /**
   * Share of requests delayed, 0-100 (required with `delay`).
   * @default - required with delay
   */
  readonly delayPercent?: number;
  /**
   * HTTP status returned instead of forwarding, 200-599.
   * @default - no abort
   */
  readonly abortHttpStatus?: number;
  /**
   * Share of requests aborted, 0-100 (required with `abortHttpStatus`).
   * @default - required with abortHttpStatus
   */
  readonly abortPercent?: number;
}

/**
 * Connection pool limits to the app's pods from each calling proxy
 * (`trafficPolicy.connectionPool`): when exceeded, Envoy fails fast with 503
 * instead of queueing without bound (circuit breaking).
 */
export interface MeshConnectionPool {
  /**
   * Maximum TCP connections to the app.
   * @default 1024
   */
  readonly maxConnections?: number;
  /**
   * Maximum requests waiting for a connection.
   * @default 1024
   */
  readonly maxPendingRequests?: number;
  /**
   * Maximum concurrent requests to the app.
   * @default 1024
   */
  readonly maxRequests?: number;
  /**
   * Maximum requests per connection (1 disables keep-alive).
   * @default - unlimited
   */
  readonly maxRequestsPerConnection?: number;
  /**
   * TCP connect timeout, e.g. `5s`.
   * @default '5s'
   */
  readonly connectTimeout?: string;
}

/** Outlier detection (`trafficPolicy.outlierDetection`): pods that keep failing are ejected for a while. */
export interface MeshOutlierDetection {
  /**
   * Consecutive 5xx answers (or connection errors) after which a pod is ejected.
   * @default 5
   */
  readonly consecutiveServerErrors?: number;
  /**
   * How often pods are scanned, e.g. `10s`.
   * @default '10s'
   */
  readonly interval?: string;
  /**
   * Minimum ejection time; grows with each ejection of the same pod.
   * @default '30s'
   */
  readonly baseEjectionTime?: string;
  /**
   * Highest share of the app's pods that may be ejected at once, 0-100.
   * @default 50
   */
  readonly maxEjectionPercent?: number;
}

/**
 * Options of an app exposed through a MeshGateway (`Exposure.mesh(edge, options)`).
 */
export interface MeshExposureOptions {
  /**
   * Retries of failed requests.
   * @default - Istio's default (2 attempts on connection failures and refused streams)
   */
  readonly retries?: MeshRetries;
  /**
   * Total time for a request, retries included, e.g. `10s` (at least 1ms).
   * @default - no route timeout (Istio's default)
   */
  readonly timeout?: string;
  /**
   * CORS policy answered by the gateway.
   * @default - no CORS policy: cross-origin browser calls are not allowed
   */
  readonly cors?: MeshCorsPolicy;
  /**
   * Fault injection for resilience tests. Off unless set.
   * @default - no fault injection
   */
  readonly faultInjection?: MeshFaultInjection;
  /**
   * Connection pool limits (circuit breaking).
   * @default - 1024 connections, 1024 pending and 1024 concurrent requests, 5s connect timeout
   */
  readonly connectionPool?: MeshConnectionPool;
  /**
   * Outlier detection (ejects failing pods).
   * @default - eject after 5 consecutive 5xx, scan every 10s, eject for 30s, at most 50% of pods
   */
  readonly outlierDetection?: MeshOutlierDetection;
  /**
   * How the app's pods join the mesh (see `MeshDataplane` for what each mode
   * needs from the cluster).
   * @default MeshDataplane.SIDECAR (sidecar with the Istio CNI node agent installed)
   */
  readonly dataplane?: MeshDataplane;
  /**
   * Confirm that the app's namespace admits privileged pods
   * (`pod-security.kubernetes.io/enforce: privileged`). Required by, and only
   * allowed with, `MeshDataplane.SIDECAR_WITH_INIT_CONTAINER`: its injected
   * `istio-init` container adds NET_ADMIN and NET_RAW, which Pod Security
   * baseline and restricted refuse (istio.io "Install Istio with Pod Security
   * Admission").
   * @default false
   */
  readonly acknowledgePrivilegedNamespace?: boolean;
  /**
   * Version of the app's pods (pod label `version`). Gives the DestinationRule
   * a subset for it and routes to that subset, so two versions behind one
   * Service can be split by weight.
   * @default - no version label and no subset
   */
  readonly version?: string;
  /**
   * Join the route of an app already exposed through the same gateway and take
   * a share of its traffic: `MeshCanary.of(stableApp, 20)`. The stable app
   * keeps the rest, so the weights always add up to 100.
   * @default - the app has a route of its own
   */
  readonly canary?: MeshCanary;
  /**
   * Filter the headers of client requests at the gateway
   * (VirtualService `http[].headers.request`: `remove` and `set`; Istio
   * "Headers" in networking/v1 VirtualService). The default set is
   * `SPOOFABLE_REQUEST_HEADERS` plus X-Real-IP, X-Forwarded-Host and
   * X-Forwarded-Port, which the gateway's Envoy passes through from the client
   * (Envoy sanitizes only x-forwarded-for, x-forwarded-proto,
   * x-forwarded-client-cert, x-request-id and x-envoy-*: envoyproxy.io
   * "HTTP header sanitizing"). A canary takes its stable app's filter.
   * @default - the default set removed
   */
  readonly requestHeaders?: RequestHeaderOptions;
  /**
   * Security response headers (HSTS, X-Content-Type-Options,
   * X-Frame-Options, Referrer-Policy) set by the gateway on the app's answers
   * (VirtualService `http[].headers.response.set`), by default when the
   * MeshGateway serves HTTPS. Turn them off with `{ enabled: false }`. A
   * canary takes its stable app's headers.
   * @default - the defaults of SecurityHeaderOptions when the MeshGateway serves HTTPS, none for MeshTls.none()
   */
  readonly securityHeaders?: SecurityHeaderOptions;
}
