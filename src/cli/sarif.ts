import * as fs from 'fs';
import * as path from 'path';
import { InputError, SourcedObject } from './input';
import { LintFinding } from '../lint/finding';
import { ExposureLinter } from '../lint/linter';

/**
 * SARIF 2.1.0 (OASIS Static Analysis Results Interchange Format), the format
 * GitHub code scanning and other code-scanning UIs read: one run, the rules
 * as `tool.driver.rules`, one result per finding located at the first line of
 * the object's document (or List item), input errors as tool execution
 * notifications. Field names and required members follow the OASIS SARIF
 * 2.1.0 specification (sections 3.13 sarifLog, 3.14 run, 3.19 toolComponent,
 * 3.27 result, 3.28 location, 3.30 region, 3.49 reportingDescriptor).
 */
export const SARIF_SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';

/** Where the rules are documented (README section "Rules"). */
export const RULES_HELP_URI = 'https://github.com/cdk8s-expose/cdk8s-expose#rules';

export function sarifLog(located: { finding: LintFinding; at?: SourcedObject }[], inputErrors: InputError[]): any {
  const rules = ExposureLinter.rules();
  const ruleIndex = new Map(rules.map((r, i) => [r.id, i]));
  const uri = (file: string) => file.split(path.sep).join('/');
  return {
    $schema: SARIF_SCHEMA,
    version: '2.1.0',
    runs: [{
      tool: {
        driver: {
          name: 'cdk8s-expose',
          informationUri: 'https://github.com/cdk8s-expose/cdk8s-expose',
          version: packageVersion(),
          rules: rules.map((r) => ({
            id: r.id,
            shortDescription: { text: r.why },
            help: { text: `Fix: ${r.fix}` },
            helpUri: RULES_HELP_URI,
            defaultConfiguration: { level: r.defaultSeverity },
            properties: { tags: ['kubernetes', 'security'] },
          })),
        },
      },
      invocations: [{
        executionSuccessful: inputErrors.length === 0,
        toolExecutionNotifications: inputErrors.map((e) => {
          const region = e.line ? { region: { startLine: e.line, ...(e.column ? { startColumn: e.column } : {}) } } : {};
          return {
            level: 'error',
            message: { text: e.message },
            locations: [{ physicalLocation: { artifactLocation: { uri: uri(e.file) }, ...region } }],
          };
        }),
      }],
      results: located.map(({ finding: f, at }) => ({
        ruleId: f.ruleId,
        ruleIndex: ruleIndex.get(f.ruleId),
        level: f.severity,
        message: { text: `${f.message}. Fix: ${f.fix}` },
        locations: [{
          ...(at ? { physicalLocation: { artifactLocation: { uri: uri(at.file) }, region: { startLine: at.line } } } : {}),
          logicalLocations: [{
            name: f.name,
            fullyQualifiedName: `${f.kind}/${f.namespace ? `${f.namespace}/` : ''}${f.name}${f.field ? `#${f.field}` : ''}`,
            kind: 'resource',
          }],
        }],
      })),
    }],
  };
}

function packageVersion(): string {
  try {
    return String(JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'package.json'), 'utf8')).version);
  } catch {
    return '0.0.0';
  }
}
