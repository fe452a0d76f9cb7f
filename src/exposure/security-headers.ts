import type { Duration } from 'cdk8s';

/** `X-Frame-Options` sent by the edge (RFC 7034). */
export enum FrameOptions {
  /** `DENY`: no site may frame the app (clickjacking protection). */
  DENY = 'DENY',
  /** `SAMEORIGIN`: only pages of the app's own origin may frame it. */
  SAMEORIGIN = 'SAMEORIGIN',
  /** Send no X-Frame-Options (the app sets its own, or CSP `frame-ancestors`). */
  NOT_SENT = 'NOT_SENT',
}

/** `Referrer-Policy` values (W3C Referrer Policy). */
export enum ReferrerPolicy {
  /** `no-referrer` */
  NO_REFERRER = 'no-referrer',
  /** `no-referrer-when-downgrade` */
  NO_REFERRER_WHEN_DOWNGRADE = 'no-referrer-when-downgrade',
  /** `origin` */
  ORIGIN = 'origin',
  /** `origin-when-cross-origin` */
  ORIGIN_WHEN_CROSS_ORIGIN = 'origin-when-cross-origin',
  /** `same-origin` */
  SAME_ORIGIN = 'same-origin',
  /** `strict-origin` */
  STRICT_ORIGIN = 'strict-origin',
  /** `strict-origin-when-cross-origin` (the browsers' default; sent explicitly for older ones) */
  STRICT_ORIGIN_WHEN_CROSS_ORIGIN = 'strict-origin-when-cross-origin',
  /** `unsafe-url` */
  UNSAFE_URL = 'unsafe-url',
  /** Send no Referrer-Policy. */
  NOT_SENT = 'NOT_SENT',
}

/**
 * Security response headers the edge adds to the app's answers
 * (`securityHeaders` of `Exposure.ingress()`, `Exposure.gateway()` and
 * `Exposure.mesh()`). On by default for HTTPS apps where the edge can set
 * them per app: `Strict-Transport-Security: max-age=31536000`,
 * `X-Content-Type-Options: nosniff`, `X-Frame-Options: DENY`,
 * `Referrer-Policy: strict-origin-when-cross-origin`. They replace what the
 * app itself sends.
 */
export interface SecurityHeaderOptions {
  /**
   * Send the security headers at all. `false` turns every one off.
   * @default - true for an HTTPS app; false for a plain-HTTP app
   */
  readonly enabled?: boolean;
  /**
   * Send `Strict-Transport-Security` (RFC 6797). Browsers ignore it on plain
   * HTTP (RFC 6797 section 8.1), so it is refused for a plain-HTTP app.
   * @default true (HTTPS apps)
   */
  readonly hsts?: boolean;
  /**
   * HSTS `max-age`, in whole seconds.
   * @default Duration.days(365)
   */
  readonly hstsMaxAge?: Duration;
  /**
   * HSTS `includeSubDomains`: every subdomain of the host must serve HTTPS too.
   * @default false
   */
  readonly hstsIncludeSubdomains?: boolean;
  /**
   * HSTS `preload`. hstspreload.org accepts a host only with
   * `includeSubDomains` and a max-age of at least one year, which is checked.
   * @default false
   */
  readonly hstsPreload?: boolean;
  /**
   * Send `X-Content-Type-Options: nosniff`.
   * @default true
   */
  readonly contentTypeNosniff?: boolean;
  /**
   * `X-Frame-Options`.
   * @default FrameOptions.DENY
   */
  readonly frameOptions?: FrameOptions;
  /**
   * `Referrer-Policy`.
   * @default ReferrerPolicy.STRICT_ORIGIN_WHEN_CROSS_ORIGIN
   */
  readonly referrerPolicy?: ReferrerPolicy;
}
