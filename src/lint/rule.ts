import { LintRuleInfo, LintSeverity } from './finding';
import type { LintEdgeInstall } from './linter';
import { ManifestIndex, ObjRef } from './manifest-index';

/** Options every rule can read (resolved from ExposureLinterOptions). */
export interface RuleSettings {
  readonly nodePortMin: number;
  readonly nodePortMax: number;
  /** custom Ingress controller / Gateway installs (ExposureLinterOptions.edges) */
  readonly edges?: LintEdgeInstall[];
  /** ExposureLinterOptions.metallbMode: `native`, `frr` or `frr-k8s` */
  readonly metallbMode?: string;
}

/** Called by a rule for each problem. */
export type Report = (ref: ObjRef, message: string, fix: string, field?: string) => void;

/** A lint rule: its public description and its check over the indexed objects. */
export interface Rule extends LintRuleInfo {
  check(index: ManifestIndex, report: Report, settings: RuleSettings): void;
}

/** Shorthand used by the rule family files. */
export function rule(id: string, defaultSeverity: LintSeverity, why: string, fix: string,
  check: (index: ManifestIndex, report: Report, settings: RuleSettings) => void): Rule {
  return { id, defaultSeverity, why, fix, check };
}
