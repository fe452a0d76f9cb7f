/** Validation and resolution of `securityHeaders` (the public struct is in exposure/security-headers.ts). */
import { Duration, TimeConversionOptions } from 'cdk8s';
import type { IConstruct } from 'constructs';
import { fail } from '../errors';
import { FrameOptions, ReferrerPolicy, SecurityHeaderOptions } from '../exposure/security-headers';

/** The headers to send, resolved and validated. */
export interface ResolvedSecurityHeaders {
  /** HSTS fields, when HSTS is sent */
  readonly hsts?: { readonly maxAge: number; readonly includeSubdomains: boolean; readonly preload: boolean };
  readonly nosniff: boolean;
  /** DENY or SAMEORIGIN, when sent */
  readonly frameOptions?: string;
  /** when sent */
  readonly referrerPolicy?: string;
}

const ONE_YEAR = 31_536_000;

/** True when the user set any field (other than enabled: false). */
export function securityHeadersExplicit(o: SecurityHeaderOptions | undefined): boolean {
  return o !== undefined && o.enabled !== false && Object.entries(o).some(([, v]) => v !== undefined);
}

/**
 * Validate `options` (prop path `prop`) for an app served over HTTPS (`https`)
 * or plain HTTP; undefined when nothing is to be sent.
 */
export function resolveSecurityHeaders(scope: IConstruct, prop: string, options: SecurityHeaderOptions | undefined,
  https: boolean): ResolvedSecurityHeaders | undefined {
  const o = options ?? {};
  for (const k of ['enabled', 'hsts', 'hstsIncludeSubdomains', 'hstsPreload', 'contentTypeNosniff'] as const) {
    if (o[k] !== undefined && typeof o[k] !== 'boolean') fail(scope, `${prop}.${k}`, o[k], 'must be true or false', `pass true or false, or leave ${k} unset`);
  }
  if (o.frameOptions !== undefined && !Object.values(FrameOptions).includes(o.frameOptions)) {
    fail(scope, `${prop}.frameOptions`, o.frameOptions, 'is not an X-Frame-Options choice', 'use FrameOptions.DENY, FrameOptions.SAMEORIGIN or FrameOptions.NOT_SENT');
  }
  if (o.referrerPolicy !== undefined && !Object.values(ReferrerPolicy).includes(o.referrerPolicy)) {
    fail(scope, `${prop}.referrerPolicy`, o.referrerPolicy, 'is not a Referrer-Policy', 'use a ReferrerPolicy member, e.g. ReferrerPolicy.STRICT_ORIGIN_WHEN_CROSS_ORIGIN');
  }
  const hstsSet = o.hsts === true || o.hstsMaxAge !== undefined || o.hstsIncludeSubdomains !== undefined || o.hstsPreload !== undefined;
  if (o.enabled === false) {
    const extra = Object.entries(o).find(([k, v]) => k !== 'enabled' && v !== undefined);
    if (extra) fail(scope, `${prop}.${extra[0]}`, extra[1], 'enabled: false turns every security header off', `remove ${extra[0]}, or remove enabled: false`);
    return undefined;
  }
  if (!https) {
    if (hstsSet) {
      fail(scope, `${prop}.hsts`, 'set', 'browsers ignore Strict-Transport-Security received over plain HTTP (RFC 6797 section 8.1), and the app is served over plain HTTP',
        'serve the app over HTTPS (tls), or remove the hsts settings');
    }
    // plain HTTP: only what was asked for
    if (o.enabled !== true && !securityHeadersExplicit(o)) return undefined;
  }
  let hsts: ResolvedSecurityHeaders['hsts'];
  if (https && o.hsts !== false) {
    let maxAge = ONE_YEAR;
    if (o.hstsMaxAge !== undefined) {
      const opts: TimeConversionOptions = { integral: false };
      const secs = o.hstsMaxAge instanceof Duration ? o.hstsMaxAge.toSeconds(opts) : NaN;
      if (!Number.isInteger(secs) || secs < 0 || secs > 2 ** 31 - 1) {
        fail(scope, `${prop}.hstsMaxAge`, Number.isNaN(secs) ? String(o.hstsMaxAge) : `${secs}s`, 'must be a whole number of seconds from 0 to 2147483647', 'use e.g. Duration.days(365)');
      }
      maxAge = secs;
    }
    const includeSubdomains = o.hstsIncludeSubdomains === true;
    const preload = o.hstsPreload === true;
    if (preload && (!includeSubdomains || maxAge < ONE_YEAR)) {
      fail(scope, `${prop}.hstsPreload`, true, `the HSTS preload list accepts a host only with includeSubDomains and max-age of at least ${ONE_YEAR} seconds (hstspreload.org "Submission Requirements")`,
        'set hstsIncludeSubdomains: true and hstsMaxAge of at least Duration.days(365), or remove hstsPreload');
    }
    hsts = { maxAge, includeSubdomains, preload };
  } else if (o.hsts === false && hstsSet) {
    fail(scope, `${prop}.hsts`, false, 'the other hsts settings need HSTS on', 'remove hstsMaxAge, hstsIncludeSubdomains and hstsPreload, or remove hsts: false');
  }
  const frame = o.frameOptions ?? FrameOptions.DENY;
  const referrer = o.referrerPolicy ?? ReferrerPolicy.STRICT_ORIGIN_WHEN_CROSS_ORIGIN;
  const r: ResolvedSecurityHeaders = {
    hsts,
    nosniff: o.contentTypeNosniff !== false,
    frameOptions: frame === FrameOptions.NOT_SENT ? undefined : frame,
    referrerPolicy: referrer === ReferrerPolicy.NOT_SENT ? undefined : referrer,
  };
  return r.hsts || r.nosniff || r.frameOptions || r.referrerPolicy ? r : undefined;
}

/** The headers as name/value pairs (Gateway API, Istio, Kong). */
export function securityHeaderList(h: ResolvedSecurityHeaders): { name: string; value: string }[] {
  const out: { name: string; value: string }[] = [];
  if (h.hsts) out.push({ name: 'Strict-Transport-Security', value: `max-age=${h.hsts.maxAge}${h.hsts.includeSubdomains ? '; includeSubDomains' : ''}${h.hsts.preload ? '; preload' : ''}` });
  if (h.nosniff) out.push({ name: 'X-Content-Type-Options', value: 'nosniff' });
  if (h.frameOptions) out.push({ name: 'X-Frame-Options', value: h.frameOptions });
  if (h.referrerPolicy) out.push({ name: 'Referrer-Policy', value: h.referrerPolicy });
  return out;
}
