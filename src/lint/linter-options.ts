import type { ExposureLinterOptions } from './linter';

/** The ExposureLinterOptions part of a struct that extends it (the linter refuses keys it does not know). Internal. */
export function linterOptionsOf(o: ExposureLinterOptions | undefined): ExposureLinterOptions {
  return {
    disabledRules: o?.disabledRules,
    severities: o?.severities,
    nodePortRangeMin: o?.nodePortRangeMin,
    nodePortRangeMax: o?.nodePortRangeMax,
    edges: o?.edges,
    metallbMode: o?.metallbMode,
  };
}
