/**
 * Strict checks for custom resources that have no kubernetes-models package
 * (MetalLB, Traefik, Kong). Each returns a list of problems, empty when valid.
 * Keyed by `apiVersion/kind`; ./schema.ts routes objects here.
 */
export type CrdValidator = (obj: any) => string[];

/** A tiny structural schema: enough to catch unknown fields, wrong types and missing required fields. */
export type Shape =
  | 'string' | 'integer' | 'boolean' | 'int-or-string'
  | { readonly array: Shape }
  | { readonly map: Shape }
  | { readonly object: { readonly [field: string]: Shape }; readonly required?: string[]; readonly enum?: never }
  | { readonly enum: readonly string[] };

/** Check `value` against `shape`; problems are reported with their JSON path. */
export function checkShape(value: any, shape: Shape, path: string, out: string[] = []): string[] {
  if (shape === 'string') {
    if (typeof value !== 'string') out.push(`${path}: expected string, got ${JSON.stringify(value)}`);
  } else if (shape === 'integer') {
    if (!Number.isInteger(value)) out.push(`${path}: expected integer, got ${JSON.stringify(value)}`);
  } else if (shape === 'boolean') {
    if (typeof value !== 'boolean') out.push(`${path}: expected boolean, got ${JSON.stringify(value)}`);
  } else if (shape === 'int-or-string') {
    if (!Number.isInteger(value) && typeof value !== 'string') out.push(`${path}: expected int or string, got ${JSON.stringify(value)}`);
  } else if ('enum' in shape && shape.enum) {
    if (!shape.enum.includes(value)) out.push(`${path}: ${JSON.stringify(value)} is not one of ${shape.enum.join(', ')}`);
  } else if ('array' in shape) {
    if (!Array.isArray(value)) out.push(`${path}: expected array`);
    else value.forEach((v, i) => checkShape(v, shape.array, `${path}[${i}]`, out));
  } else if ('map' in shape) {
    if (value === null || typeof value !== 'object' || Array.isArray(value)) out.push(`${path}: expected object`);
    else for (const [k, v] of Object.entries(value)) checkShape(v, shape.map, `${path}.${k}`, out);
  } else if ('object' in shape) {
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
      out.push(`${path}: expected object`);
    } else {
      for (const [k, v] of Object.entries(value)) {
        const s = shape.object[k];
        if (!s) out.push(`${path}.${k}: unknown field`);
        else checkShape(v, s, `${path}.${k}`, out);
      }
      for (const r of shape.required ?? []) if (value[r] === undefined) out.push(`${path}.${r}: required`);
    }
  }
  return out;
}

const METADATA: Shape = {
  object: {
    name: 'string',
    namespace: 'string',
    labels: { map: 'string' },
    annotations: { map: 'string' },
  },
  required: ['name'],
};

/** Validator for a custom resource: top-level fields plus the spec shape. */
export function crd(apiVersion: string, kind: string, spec: Shape, requiredSpec = true): CrdValidator {
  return (obj) => checkShape(obj, {
    object: { apiVersion: 'string', kind: 'string', metadata: METADATA, spec },
    required: ['apiVersion', 'kind', 'metadata', ...(requiredSpec ? ['spec'] : [])],
  }, `${apiVersion}/${kind}`);
}

/**
 * Traefik v3 Middleware (traefik.io/v1alpha1), the parts this library emits,
 * from Traefik's reference docs (dynamic-configuration/traefik.io_middlewares.yaml).
 */
const TRAEFIK_MIDDLEWARE_SPEC: Shape = {
  object: {
    redirectScheme: { object: { scheme: 'string', permanent: 'boolean', port: 'string' }, required: ['scheme'] },
    rateLimit: {
      object: {
        average: 'integer',
        period: 'int-or-string',
        burst: 'integer',
        sourceCriterion: { object: { ipStrategy: { object: { depth: 'integer', excludedIPs: { array: 'string' } } }, requestHeaderName: 'string', requestHost: 'boolean' } },
      },
    },
    ipAllowList: { object: { sourceRange: { array: 'string' }, ipStrategy: { object: { depth: 'integer', excludedIPs: { array: 'string' } } }, rejectStatusCode: 'integer' } },
    buffering: { object: { maxRequestBodyBytes: 'integer', memRequestBodyBytes: 'integer', maxResponseBodyBytes: 'integer', memResponseBodyBytes: 'integer', retryExpression: 'string' } },
  },
};

export const CRD_VALIDATORS: Record<string, CrdValidator> = {
  'traefik.io/v1alpha1/Middleware': crd('traefik.io/v1alpha1', 'Middleware', TRAEFIK_MIDDLEWARE_SPEC),
};
