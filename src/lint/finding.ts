/** How bad a lint finding is. */
export enum LintSeverity {
  /** The manifests will break or are known-dangerous: fails `cdk8s synth --validate` and `ExposureLinter.check`. */
  ERROR = 'error',
  /** Risky or lossy but sometimes intended: reported, fails only when warnings are made fatal. */
  WARNING = 'warning',
}

/** One problem the exposure linter found in one Kubernetes object. */
export interface LintFinding {
  /** Stable rule id, e.g. `host-network-replicas` (use it to disable or re-rate the rule). */
  readonly ruleId: string;
  /** Severity after any override from the linter options. */
  readonly severity: LintSeverity;
  /** apiVersion of the object at fault. */
  readonly apiVersion: string;
  /** kind of the object at fault, e.g. `Deployment`. */
  readonly kind: string;
  /**
   * metadata.namespace of the object at fault.
   * @default - the object sets no namespace
   */
  readonly namespace?: string;
  /** metadata.name of the object at fault. */
  readonly name: string;
  /**
   * The field at fault, as a dotted path (`spec.ports[0].nodePort`).
   * @default - the object as a whole
   */
  readonly field?: string;
  /** What is wrong, with the values involved. */
  readonly message: string;
  /** How to fix it. */
  readonly fix: string;
}

/** Description of one lint rule (for docs, reports and option checks). */
export interface LintRuleInfo {
  /** Stable rule id. */
  readonly id: string;
  /** Severity the rule reports with unless overridden. */
  readonly defaultSeverity: LintSeverity;
  /** Why the rule exists (the failure it prevents). */
  readonly why: string;
  /** The usual fix. */
  readonly fix: string;
}
