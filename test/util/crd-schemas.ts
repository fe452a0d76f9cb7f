/**
 * Strict checks for custom resources that have no kubernetes-models package
 * (MetalLB, Traefik, Kong). Each returns a list of problems, empty when valid.
 * Keyed by `apiVersion/kind`; ./schema.ts routes objects here.
 */
export type CrdValidator = (obj: any) => string[];

export const CRD_VALIDATORS: Record<string, CrdValidator> = {};

const KONG_PLUGIN_FIELDS = ['apiVersion', 'kind', 'metadata', 'plugin', 'config', 'configFrom', 'configPatches', 'consumerRef', 'disabled', 'instance_name', 'ordering', 'protocols'];
const KONG_PROTOCOLS = ['http', 'https', 'grpc', 'grpcs', 'tcp', 'tls', 'tls_passthrough', 'udp', 'ws', 'wss'];
const KONG_PLUGIN_CONFIG: Record<string, (c: any) => string[]> = {
  'rate-limiting': (c) => {
    const errs = unknownKeys(c, ['second', 'minute', 'hour', 'day', 'month', 'year', 'limit_by', 'header_name', 'path', 'policy', 'fault_tolerant', 'hide_client_headers',
      'error_code', 'error_message', 'sync_rate', 'redis'], 'config');
    const windows = ['second', 'minute', 'hour', 'day', 'month', 'year'].filter((w) => c[w] !== undefined);
    if (windows.length === 0) errs.push('config: at least one of second/minute/hour/day/month/year is required');
    for (const w of windows) if (!(Number.isInteger(c[w]) && c[w] > 0)) errs.push(`config.${w}: must be a positive integer`);
    if (c.policy !== undefined && !['local', 'cluster', 'redis'].includes(c.policy)) errs.push(`config.policy: ${c.policy} is not local|cluster|redis`);
    if (c.limit_by !== undefined && !['consumer', 'credential', 'ip', 'service', 'header', 'path', 'consumer-group'].includes(c.limit_by)) errs.push(`config.limit_by: ${c.limit_by}`);
    return errs;
  },
  'ip-restriction': (c) => {
    const errs = unknownKeys(c, ['allow', 'deny', 'status', 'message'], 'config');
    if (!Array.isArray(c.allow) && !Array.isArray(c.deny)) errs.push('config: allow or deny is required');
    for (const ip of [...(c.allow ?? []), ...(c.deny ?? [])]) if (typeof ip !== 'string' || ip === '') errs.push(`config.allow/deny: ${JSON.stringify(ip)} is not an IP or CIDR`);
    return errs;
  },
  'request-size-limiting': (c) => {
    const errs = unknownKeys(c, ['allowed_payload_size', 'size_unit', 'require_content_length'], 'config');
    if (!(Number.isInteger(c.allowed_payload_size) && c.allowed_payload_size > 0)) errs.push('config.allowed_payload_size: must be a positive integer');
    if (c.size_unit !== undefined && !['bytes', 'kilobytes', 'megabytes'].includes(c.size_unit)) errs.push(`config.size_unit: ${c.size_unit} is not bytes|kilobytes|megabytes`);
    return errs;
  },
};

function unknownKeys(obj: any, allowed: string[], where: string): string[] {
  if (obj === null || typeof obj !== 'object' || Array.isArray(obj)) return [`${where}: must be an object`];
  return Object.keys(obj).filter((k) => !allowed.includes(k)).map((k) => `${where}.${k}: unknown field`);
}

/** KongPlugin (configuration.konghq.com/v1): top-level plugin/config, no spec. */
CRD_VALIDATORS['configuration.konghq.com/v1/KongPlugin'] = (o) => {
  const errs = unknownKeys(o, KONG_PLUGIN_FIELDS, '');
  errs.push(...unknownKeys(o.metadata, ['name', 'namespace', 'labels', 'annotations'], 'metadata'));
  if (typeof o.plugin !== 'string' || o.plugin === '') errs.push('plugin: required string');
  if (o.config !== undefined && o.configFrom !== undefined) errs.push('config and configFrom are mutually exclusive');
  if (o.protocols !== undefined && (!Array.isArray(o.protocols) || o.protocols.some((p: any) => !KONG_PROTOCOLS.includes(p)))) errs.push('protocols: unknown protocol');
  const check = KONG_PLUGIN_CONFIG[o.plugin];
  if (o.config !== undefined) errs.push(...(check ? check(o.config) : unknownKeys(o.config, Object.keys(o.config ?? {}), 'config')));
  return errs;
};
