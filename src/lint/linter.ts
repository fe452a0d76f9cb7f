import { ApiObject } from 'cdk8s';
import { Construct, IConstruct } from 'constructs';
import { MetalLbMode } from '../bare-metal-lb/bare-metal-lb';
import { fail } from '../errors';
import { COMBINATION_RULES } from './combination-rules';
import { objectKey } from './construct-paths';
import { DEPRECATED_RULES } from './deprecated-rules';
import { EDGE_RULES } from './edge-rules';
import { EDGE_SECURITY_RULES } from './edge-security-rules';
import { EXPOSED_POD_RULES } from './exposed-pod-rules';
import { LintFinding, LintRuleInfo, LintSeverity } from './finding';
import { GATEWAY_API_RULES } from './gateway-api-rules';
import { HOST_RULES } from './host-rules';
import { INGRESS_RULES } from './ingress-rules';
import { linterOptionsOf } from './linter-options';
import { ManifestIndex, ObjRef } from './manifest-index';
import { MESH_RULES } from './mesh-rules';
import { METALLB_RULES } from './metallb-rules';
import { NGINX_RULES } from './nginx-rules';
import { REFERENCE_RULES } from './reference-rules';
import { Rule, RuleSettings } from './rule';
import { SECONDARY_NETWORK_RULES } from './secondary-network-rules';
import { SERVICE_RULES } from './service-rules';
import { WORKLOAD_RULES } from './workload-rules';
import { checkStructKeys } from '../internal/struct-keys';

const RULES: Rule[] = [
  ...HOST_RULES, ...SERVICE_RULES, ...INGRESS_RULES, ...EXPOSED_POD_RULES, ...MESH_RULES, ...SECONDARY_NETWORK_RULES,
  ...DEPRECATED_RULES, ...WORKLOAD_RULES, ...EDGE_SECURITY_RULES, ...EDGE_RULES, ...METALLB_RULES, ...GATEWAY_API_RULES,
  ...NGINX_RULES, ...REFERENCE_RULES,
  ...COMBINATION_RULES,
];
const RULE_IDS = new Set(RULES.map((r) => r.id));

/** Options of the exposure linter. */
export interface ExposureLinterOptions {
  /**
   * Rule ids to skip, e.g. `['ingress-no-tls']`.
   * @default - every rule runs
   */
  readonly disabledRules?: string[];

  /**
   * Severity per rule id, replacing the rule's default (e.g. make
   * `lb-source-ranges` an error). From YAML, `error` / `warning`.
   * @default - each rule's default severity
   */
  readonly severities?: { [ruleId: string]: LintSeverity };

  /**
   * Lowest port of the cluster's `--service-node-port-range`.
   * @default 30000
   */
  readonly nodePortRangeMin?: number;

  /**
   * Highest port of the cluster's `--service-node-port-range`.
   * @default 32767
   */
  readonly nodePortRangeMax?: number;

  /**
   * Where Ingress controllers and Gateway proxies that are not at their
   * well-known place run (the `*-network-policy` rules check that the
   * backend pods' NetworkPolicies admit them). Without an entry, the linter
   * knows ingress-nginx, Traefik, Kong (Helm chart namespace and
   * `app.kubernetes.io/name`), the AWS ALB, Istio and Envoy Gateway, and says
   * nothing about other classes.
   * @default - the well-known installs only
   */
  readonly edges?: LintEdgeInstall[];

  /**
   * How the cluster's MetalLB speaks BGP. MetalLB's native mode refuses the
   * whole configuration when a BGPPeer or BGPAdvertisement uses an
   * FRR-only setting (`metallb-frr-only-in-native`). When the input holds the
   * MetalLB speaker DaemonSet, its `METALLB_BGP_TYPE` says the mode (unset:
   * native) and this option is not needed.
   * @default - the speaker's mode when it is in the input, otherwise unknown (the rule stays silent)
   */
  readonly metallbMode?: MetalLbMode;
}

/** Where one Ingress controller or Gateway implementation runs, for the linter. */
export interface LintEdgeInstall {
  /** The IngressClass or GatewayClass name it serves (`spec.ingressClassName`, `spec.gatewayClassName`). */
  readonly className: string;

  /**
   * Namespace of its proxy pods.
   * @default - none: only with hostNetwork
   */
  readonly namespace?: string;

  /**
   * Labels of its proxy pods.
   * @default - any pod of `namespace`
   */
  readonly podLabels?: { [key: string]: string };

  /**
   * Its proxies run with hostNetwork (or outside the cluster), so they connect
   * from node addresses: only an ipBlock or a rule open to every source admits them.
   * @default false
   */
  readonly hostNetwork?: boolean;
}

/** Options of `ExposureLinter.check`. */
export interface ExposureLintCheckOptions extends ExposureLinterOptions {
  /**
   * Fail the synth on warnings as well as errors.
   * @default false
   */
  readonly failOnWarnings?: boolean;

  /**
   * Print warnings (one line each, to stderr) when the app is synthesized.
   * They are also available as `ExposureLintCheck.warnings`.
   * @default true
   */
  readonly printWarnings?: boolean;
}

/**
 * Lints Kubernetes objects for the known traps of exposing pods outside the
 * cluster (hostNetwork replicas, NodePort clashes, open LoadBalancers, nginx
 * snippets, dangling Ingress backends, unfenced exposed pods, removed APIs...).
 *
 * It works on plain JSON, so it checks any manifests, whether cdk8s-expose
 * wrote them or not: `new ExposureLinter().lint(Testing.synth(chart))`.
 *
 * @exampleMetadata fixture=chart
 * @example
 * import { Testing } from 'cdk8s';
 * import { ExposureLinter } from 'cdk8s-expose';
 *
 * // as a cdk8s validation: errors make app.synth() throw
 * ExposureLinter.check(app, { disabledRules: ['ingress-no-tls'] });
 *
 * // or on the synthesized JSON of one chart: one line per finding
 * const findings = new ExposureLinter().lint(Testing.synth(chart));
 * for (const line of ExposureLinter.formatFindings(findings)) {
 *   console.log(line);
 * }
 */
export class ExposureLinter {
  /** Every rule the linter knows, in report order of families. */
  public static rules(): LintRuleInfo[] {
    return RULES.map((r) => ({ id: r.id, defaultSeverity: r.defaultSeverity, why: r.why, fix: r.fix }));
  }

  /**
   * One line for a finding: `error host-network-replicas Deployment ns/web (spec...): message. Fix: fix`.
   */
  public static formatFinding(finding: LintFinding): string {
    const obj = `${finding.kind} ${finding.namespace ? `${finding.namespace}/` : ''}${finding.name}`;
    return `${finding.severity} ${finding.ruleId} ${obj}${finding.field ? ` (${finding.field})` : ''}: ${finding.message}. Fix: ${finding.fix}`;
  }

  /**
   * One line per finding, as `formatFinding` writes it, in the same order.
   *
   * The form for every jsii language: Python lifts a struct in last position
   * into keyword arguments, so there `format_finding` takes a finding's fields
   * (`rule_id=..., severity=...`), not the `LintFinding` that `lint` returned;
   * `format_findings([finding])` takes the objects as they are.
   */
  public static formatFindings(findings: LintFinding[]): string[] {
    return findings.map((f) => ExposureLinter.formatFinding(f));
  }

  /**
   * Lint every chart under `scope` (an App, a Chart or any construct) when it
   * is synthesized: errors make `app.synth()` / `Testing.synth()` throw, like
   * the library's own checks; warnings are printed and kept on the returned
   * check. Calling it twice on the same scope returns the first check.
   *
   * All charts under the scope are linted together, so an Ingress in one
   * chart may point at a Service in another.
   */
  public static check(scope: IConstruct, options: ExposureLintCheckOptions = {}): ExposureLintCheck {
    const existing = scope.node.tryFindChild(CHECK_ID);
    if (existing instanceof ExposureLintCheck) return existing;
    return new ExposureLintCheck(scope, CHECK_ID, options);
  }

  private readonly rules: Rule[];
  private readonly severities: Map<string, LintSeverity>;
  private readonly settings: RuleSettings;

  constructor(options: ExposureLinterOptions = {}) {
    const what = 'ExposureLinter options';
    checkStructKeys(what, '', options, 'ExposureLinterOptions');
    const disabled = new Set<string>();
    (options.disabledRules ?? []).forEach((id, i) => {
      if (!RULE_IDS.has(id)) fail(what, `disabledRules[${i}]`, id, 'is not a rule id', `use one of ${[...RULE_IDS].join(', ')}`);
      disabled.add(id);
    });
    this.severities = new Map();
    for (const [id, sev] of Object.entries(options.severities ?? {})) {
      if (!RULE_IDS.has(id)) fail(what, `severities.${id}`, sev, 'is not a rule id', `use one of ${[...RULE_IDS].join(', ')}`);
      const s = String(sev).toLowerCase();
      if (s !== LintSeverity.ERROR && s !== LintSeverity.WARNING) fail(what, `severities.${id}`, sev, 'is not a severity', 'use error or warning');
      this.severities.set(id, s as LintSeverity);
    }
    const min = options.nodePortRangeMin ?? 30000;
    const max = options.nodePortRangeMax ?? 32767;
    for (const [prop, n] of [['nodePortRangeMin', min], ['nodePortRangeMax', max]] as const) {
      if (typeof n !== 'number' || !Number.isInteger(n) || n < 1 || n > 65535) fail(what, prop, n, 'must be a whole number from 1 to 65535', 'use the bounds of the kube-apiserver --service-node-port-range');
    }
    if (min > max) fail(what, 'nodePortRangeMin', min, `is above nodePortRangeMax (${max})`, 'use the bounds of the kube-apiserver --service-node-port-range');
    (options.edges ?? []).forEach((e, i) => {
      if (typeof e?.className !== 'string' || e.className === '') fail(what, `edges[${i}].className`, e?.className, 'must name an IngressClass or GatewayClass', "use e.g. 'nginx-internal'");
      if (e.namespace === undefined && e.hostNetwork !== true) fail(what, `edges[${i}].namespace`, undefined, 'says neither where the proxy pods run nor that they use hostNetwork', 'give namespace (and podLabels), or hostNetwork: true');
    });
    if (options.metallbMode !== undefined && !Object.values(MetalLbMode).includes(options.metallbMode)) {
      fail(what, 'metallbMode', options.metallbMode, 'is not a MetalLB BGP mode', 'use MetalLbMode.NATIVE, FRR or FRR_K8S (the speaker\'s METALLB_BGP_TYPE; unset means native)');
    }
    this.settings = { nodePortMin: min, nodePortMax: max, edges: options.edges, metallbMode: options.metallbMode };
    this.rules = RULES.filter((r) => !disabled.has(r.id));
  }

  /**
   * Lint Kubernetes objects (the JSON of a synthesized app or chart, e.g.
   * `Testing.synth(chart)`, `chart.toJson()` or parsed YAML documents;
   * `List` objects are expanded).
   *
   * @param objects Kubernetes objects as plain JSON
   * @returns the findings, errors first, then by rule id, namespace, kind, name and field
   */
  public lint(objects: any[]): LintFinding[] {
    const index = new ManifestIndex(objects);
    const findings: LintFinding[] = [];
    for (const r of this.rules) {
      const severity = this.severities.get(r.id) ?? r.defaultSeverity;
      r.check(index, (ref: ObjRef, message: string, fix: string, field?: string) => {
        findings.push({
          ruleId: r.id,
          severity,
          apiVersion: ref.apiVersion,
          kind: ref.kind,
          namespace: ref.namespace,
          name: ref.name,
          field,
          message,
          fix,
        });
      }, this.settings);
    }
    return findings.sort(compareFindings);
  }

  /** Render every API object under `scope` (an App, a Chart or any construct) to JSON and lint them together. */
  public lintScope(scope: IConstruct): LintFinding[] {
    return this.lint(apiObjectsUnder(scope).map((o) => o.toJson()));
  }
}

const CHECK_ID = 'ExposureLint';

/**
 * The synth-time lint added by `ExposureLinter.check`: a construct whose node
 * validation lints every chart under its scope.
 */
export class ExposureLintCheck extends Construct {
  /** All findings of the last synthesis (empty before the app is synthesized). */
  public get findings(): LintFinding[] {
    return [...this._findings];
  }

  /** The warnings of the last synthesis. */
  public get warnings(): LintFinding[] {
    return this._findings.filter((f) => f.severity === LintSeverity.WARNING);
  }

  private _findings: LintFinding[] = [];

  /** Use `ExposureLinter.check(scope, options)`. */
  constructor(scope: IConstruct, id: string, options: ExposureLintCheckOptions = {}) {
    super(scope as Construct, id);
    checkStructKeys(this, '', options, 'ExposureLintCheckOptions');
    const linter = new ExposureLinter(linterOptionsOf(options));
    const target = scope;
    this.node.addValidation({
      validate: () => {
        const paths = new Map<string, string>();
        const apiObjects = apiObjectsUnder(target);
        for (const o of apiObjects) paths.set(objectKey(o.apiVersion, o.kind, o.metadata.namespace, o.name), o.node.path);
        this._findings = linter.lint(apiObjects.map((o) => o.toJson()));
        const fatal = (f: LintFinding) => f.severity === LintSeverity.ERROR || options.failOnWarnings === true;
        const line = (f: LintFinding) => {
          const path = paths.get(objectKey(f.apiVersion, f.kind, f.namespace, f.name));
          return `${ExposureLinter.formatFinding(f)}${path ? ` [${path}]` : ''}`;
        };
        if (options.printWarnings ?? true) {
          for (const f of this._findings) if (!fatal(f)) process.stderr.write(`cdk8s-expose lint: ${line(f)}\n`);
        }
        return this._findings.filter(fatal).map(line);
      },
    });
  }
}

/**
 * The API objects under `scope`. Rendered one by one with `ApiObject.toJson()`
 * (not `Chart.toJson()`, which validates the whole app again and would re-enter
 * this validation).
 */
function apiObjectsUnder(scope: IConstruct): ApiObject[] {
  return scope.node.findAll().filter((c): c is ApiObject => ApiObject.isApiObject(c));
}

const SEVERITY_ORDER: { [s: string]: number } = { [LintSeverity.ERROR]: 0, [LintSeverity.WARNING]: 1 };

function compareFindings(a: LintFinding, b: LintFinding): number {
  return (SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity])
    || cmp(a.ruleId, b.ruleId)
    || cmp(a.namespace ?? '', b.namespace ?? '')
    || cmp(a.kind, b.kind)
    || cmp(a.name, b.name)
    || cmp(a.field ?? '', b.field ?? '')
    || cmp(a.message, b.message);
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
