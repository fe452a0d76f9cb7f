/**
 * Label selectors as MetalLB's CRDs take them (nodes, namespaces, Services).
 */

/** How a selector requirement compares a label with its values. */
export enum MetalLbSelectorOperator {
  /** the label's value is one of `values` */
  IN = 'In',
  /** the label is absent or its value is none of `values` */
  NOT_IN = 'NotIn',
  /** the label is present (no `values`) */
  EXISTS = 'Exists',
  /** the label is absent (no `values`) */
  DOES_NOT_EXIST = 'DoesNotExist',
}

/** One requirement of a label selector. */
export interface MetalLbSelectorRequirement {
  /** Label key, e.g. `kubernetes.io/hostname`. */
  readonly key: string;
  /** How the label is compared with `values`. */
  readonly operator: MetalLbSelectorOperator;
  /**
   * Values to compare with; required (non-empty) for `IN` / `NOT_IN`, not allowed for `EXISTS` / `DOES_NOT_EXIST`.
   * @default - none
   */
  readonly values?: string[];
}

/**
 * A Kubernetes label selector (`matchLabels` AND `matchExpressions`). A list of
 * selectors in MetalLB matches an object that matches ANY of them.
 */
export interface MetalLbSelector {
  /**
   * Labels that must all be present with these values.
   * @default - no label constraint
   */
  readonly matchLabels?: { [key: string]: string };
  /**
   * Requirements that must all hold.
   * @default - no expression constraint
   */
  readonly matchExpressions?: MetalLbSelectorRequirement[];
}
