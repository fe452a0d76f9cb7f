import { Yaml } from 'cdk8s';
import { IConstruct } from 'constructs';
import { objectKey, readConstructPaths, recordConstructPaths } from './construct-paths';
import { LintFinding, LintSeverity } from './finding';
import { ExposureLinter, ExposureLinterOptions } from './linter';
import { linterOptionsOf } from './linter-options';
import { checkStructKeys } from '../internal/struct-keys';

/*
 * The cdk8s CLI validation plugin contract (cdk8s-cli src/plugins/validation.ts),
 * restated here so that the library does not load cdk8s-cli at run time: the
 * CLI finds the plugin class by name and calls `validate(context)`.
 */

/** The violating object, as the cdk8s CLI reports it (copy of cdk8s-cli `ValidationViolatingResource`). */
export interface Cdk8sValidationViolatingResource {
  /**
   * The object: its metadata.name when no other object of the manifests has
   * that name, else `Kind/namespace/name` (the CLI maps it to the construct
   * path through `ICdk8sValidationContext.metadata`).
   */
  readonly resourceName: string;
  /** Where in the object, and what is wrong. */
  readonly locations: string[];
  /** The manifest file the object is in. */
  readonly manifestPath: string;
}

/** One rule violation for the cdk8s CLI report (copy of cdk8s-cli `ValidationViolation`). */
export interface Cdk8sValidationViolation {
  /** Rule name shown as the heading. */
  readonly ruleName: string;
  /** Why the rule matters. */
  readonly recommendation: string;
  /** How to fix it. */
  readonly fix: string;
  /** The objects violating the rule. */
  readonly violatingResources: Cdk8sValidationViolatingResource[];
}

/** The report a validation plugin fills (the parts of cdk8s-cli `ValidationReport` plugins use). */
export interface ICdk8sValidationReport {
  /** Add a violation. */
  addViolation(violation: Cdk8sValidationViolation): void;
  /** Finish the report: status is `success` or `failure`. */
  submit(status: string, metadata?: { [key: string]: string }): void;
}

/** Logger the CLI hands to plugins. */
export interface ICdk8sValidationLogger {
  /** Log a message. */
  log(message: string): void;
}

/** Construct metadata of one resource (copy of the cdk8s-cli `ValidationContext.metadata` values). */
export interface Cdk8sConstructMetadata {
  /** The construct path. */
  readonly path: string;
}

/** What the cdk8s CLI passes to `validate` (the parts of cdk8s-cli `ValidationContext` plugins use). */
export interface ICdk8sValidationContext {
  /** Paths of the synthesized manifest files. */
  readonly manifests: string[];
  /** The report to fill and submit. */
  readonly report: ICdk8sValidationReport;
  /**
   * Logger for messages.
   * @default - none
   */
  readonly logger?: ICdk8sValidationLogger;
  /**
   * Construct metadata by resource name, read by the CLI from the app's
   * `construct-metadata.json` and used by the report to name the construct
   * of each violating resource. The plugin adds the entries of the resource
   * names it makes unique.
   * @default - none
   */
  readonly metadata?: { [resourceName: string]: Cdk8sConstructMetadata };
  /** Parse one manifest file into its objects. */
  parseManifest(manifestPath: string): any[];
}

/** Properties of the plugin, set under `properties:` of the `validations:` entry in `cdk8s.yaml`. */
export interface ExposureLintValidationProps extends ExposureLinterOptions {
  /**
   * Fail the synth on warnings as well as errors.
   * @default false
   */
  readonly failOnWarnings?: boolean;
}

/**
 * cdk8s CLI validation plugin running the exposure linter on the synthesized
 * manifests of `cdk8s synth`. Errors fail the synth; warnings are reported.
 *
 * In `cdk8s.yaml`:
 * ```yaml
 * validations:
 *   - package: ./node_modules/cdk8s-expose   # or cdk8s-expose (installed by the CLI)
 *     version: 1.0.0                         # required by the CLI; pins the npm install
 *     class: ExposureLintValidation
 *     properties:
 *       disabledRules: [ingress-no-tls]
 * ```
 */
export class ExposureLintValidation {
  /**
   * Record the construct path of every object of the App that `scope` belongs
   * to, so that each finding names the construct that created its object even
   * when objects share a name (cdk8s's own `construct-metadata.json` is keyed
   * by name alone). PublicWebApp, BareMetalLB and MeshGateway call it
   * themselves; call it in an app that uses none of them. The file
   * (`cdk8s-expose-construct-paths.json`) is written next to the manifests
   * only when the App records construct metadata, as `cdk8s synth` does when
   * `validations:` are configured.
   */
  public static recordConstructPaths(scope: IConstruct): void {
    recordConstructPaths(scope);
  }

  private readonly linter: ExposureLinter;
  private readonly failOnWarnings: boolean;

  constructor(props: ExposureLintValidationProps = {}) {
    checkStructKeys('ExposureLintValidation props', '', props, 'ExposureLintValidationProps');
    this.linter = new ExposureLinter(linterOptionsOf(props));
    this.failOnWarnings = props.failOnWarnings === true;
  }

  /** Lint the manifests of `context`, report every finding and submit the report. */
  public async validate(context: ICdk8sValidationContext): Promise<void> {
    const objects: any[] = [];
    const fileOf = new Map<string, string>();
    const nameCount = new Map<string, number>();
    for (const file of context.manifests) {
      const docs = (typeof context.parseManifest === 'function' ? context.parseManifest(file) : Yaml.load(file))
        .filter((d: any) => d && typeof d === 'object');
      for (const d of docs) {
        objects.push(d);
        const key = objectKey(d.apiVersion, d.kind, d.metadata?.namespace, d.metadata?.name);
        if (!fileOf.has(key)) fileOf.set(key, file);
        const name = String(d.metadata?.name);
        nameCount.set(name, (nameCount.get(name) ?? 0) + 1);
      }
    }
    const findings = this.linter.lint(objects);
    const paths = readConstructPaths(context.manifests);
    const metadata = context.metadata && typeof context.metadata === 'object' ? context.metadata as { [name: string]: Cdk8sConstructMetadata } : undefined;

    /** The resource name the CLI maps to the right construct: the plain name only when it is unique in the manifests. */
    const resourceOf = (f: LintFinding) => {
      const key = objectKey(f.apiVersion, f.kind, f.namespace, f.name);
      const path = paths.get(key);
      const unique = (nameCount.get(f.name) ?? 0) <= 1;
      const resourceName = unique && !path ? f.name : `${f.kind}/${f.namespace ? `${f.namespace}/` : ''}${f.name}`;
      if (path && metadata) metadata[resourceName] = { path };
      return { key, path, resourceName };
    };

    const byRule = new Map<string, LintFinding[]>();
    for (const f of findings) {
      const key = `${f.severity}|${f.ruleId}`;
      let l = byRule.get(key);
      if (!l) byRule.set(key, l = []);
      l.push(f);
    }
    const info = new Map(ExposureLinter.rules().map((r) => [r.id, r]));
    for (const group of byRule.values()) {
      const first = group[0];
      const rule = info.get(first.ruleId)!;
      context.report.addViolation({
        ruleName: `[${first.severity}] ${first.ruleId}`,
        recommendation: rule.why,
        fix: rule.fix,
        violatingResources: group.map((f) => {
          const r = resourceOf(f);
          return {
            resourceName: r.resourceName,
            locations: [`${f.kind} ${f.namespace ? `${f.namespace}/` : ''}${f.name}${f.field ? ` ${f.field}` : ''}: ${f.message}. Fix: ${f.fix}${r.path ? ` [${r.path}]` : ''}`],
            manifestPath: fileOf.get(r.key) ?? '',
          };
        }),
      });
    }
    const errors = findings.filter((f) => f.severity === LintSeverity.ERROR).length;
    const warnings = findings.length - errors;
    const failed = errors > 0 || (this.failOnWarnings && warnings > 0);
    context.report.submit(failed ? 'failure' : 'success', {
      errors: String(errors),
      warnings: String(warnings),
      objects: String(objects.length),
    });
  }
}
