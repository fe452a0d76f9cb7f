/**
 * Strict checks for custom resources that have no kubernetes-models package
 * (MetalLB, Traefik, Kong). Each returns a list of problems, empty when valid.
 * Keyed by `apiVersion/kind`; ./schema.ts routes objects here.
 */
export type CrdValidator = (obj: any) => string[];

export const CRD_VALIDATORS: Record<string, CrdValidator> = {};
