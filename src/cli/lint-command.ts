import * as fs from 'fs';
import * as path from 'path';
import { parseArgs } from 'util';
import { parse as parseYaml } from 'yaml';
import { InputError, manifestFiles, parseManifests, SourcedObject } from './input';
import { sarifLog } from './sarif';
import type { MetalLbMode } from '../bare-metal-lb/bare-metal-lb';
import { objectKey } from '../lint/construct-paths';
import { LintFinding, LintSeverity } from '../lint/finding';
import { ExposureLinter, ExposureLinterOptions, LintEdgeInstall } from '../lint/linter';

/** Exit codes of `cdk8s-expose lint`. */
export const EXIT_CLEAN = 0;
export const EXIT_FINDINGS = 1;
export const EXIT_USAGE = 2;

/** Auto-discovered in the current directory unless `--config` or `--no-config` is given. */
export const CONFIG_FILE = '.cdk8s-expose-lint.yaml';

export const USAGE = `Usage: cdk8s-expose lint [options] <file|folder|->...

Lint Kubernetes manifests (YAML, multi-document YAML, JSON, v1 List) for the
traps of exposing pods outside the cluster. Folders are searched recursively
for *.yaml, *.yml and *.json; "-" reads standard input.

Options:
  --format text|json|sarif     output format (default: text)
  --fail-on error|warning|never
                               exit 1 when a finding is at or above this level (default: error)
  --disable RULE               skip a rule (repeatable, or comma-separated)
  --severity RULE=LEVEL        report a rule as error or warning (repeatable)
  --node-port-range A-B        the cluster's --service-node-port-range (default: 30000-32767)
  --config FILE                read options from FILE (YAML); default: ${CONFIG_FILE} in the
                               current directory, if present
  --no-config                  do not read ${CONFIG_FILE}
  --stdin-name NAME            file name reported for standard input (default: stdin)
  --list-rules                 print the rules and exit
  -h, --help                   print this help and exit

Exit codes: 0 no finding at or above --fail-on, 1 findings at or above it,
2 usage or input error (bad option, unreadable file, unparsable YAML).
`;

/** Where the command writes and reads; the binary passes the process's own. */
export interface CommandIo {
  readonly cwd: string;
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  readonly readStdin: () => string;
}

class UsageError extends Error {}

enum FailOn { ERROR = 'error', WARNING = 'warning', NEVER = 'never' }
enum Format { TEXT = 'text', JSON = 'json', SARIF = 'sarif' }

interface Settings {
  readonly linter: ExposureLinterOptions;
  readonly failOn: FailOn;
  readonly format: Format;
  readonly inputs: string[];
  readonly stdinName: string;
}

const CONFIG_KEYS = ['disabledRules', 'severities', 'nodePortRange', 'nodePortRangeMin', 'nodePortRangeMax', 'failOn', 'edges', 'metallbMode'];

/** Run `cdk8s-expose <argv>`; returns the exit code. Never throws. */
export function runCli(argv: string[], io: CommandIo): number {
  try {
    return run(argv, io);
  } catch (e) {
    if (e instanceof UsageError) {
      io.stderr(`cdk8s-expose: ${e.message}\nRun "cdk8s-expose lint --help" for the options.\n`);
      return EXIT_USAGE;
    }
    const err = e as Error;
    // options refused by ExposureLinter (ExposeError) are usage errors too
    if (err?.name === 'ExposeError') {
      io.stderr(`cdk8s-expose: ${err.message}\n`);
      return EXIT_USAGE;
    }
    io.stderr(`cdk8s-expose: internal error: ${err?.stack ?? String(e)}\n`);
    return EXIT_USAGE;
  }
}

function run(argv: string[], io: CommandIo): number {
  const [command, ...rest] = argv;
  if (command === undefined || command === '-h' || command === '--help' || command === 'help') {
    io.stdout(USAGE);
    return command === undefined ? EXIT_USAGE : EXIT_CLEAN;
  }
  if (command !== 'lint') throw new UsageError(`unknown command ${JSON.stringify(command)} (the command is "lint")`);

  let parsed;
  try {
    parsed = parseArgs({
      args: rest,
      allowPositionals: true,
      strict: true,
      options: {
        'format': { type: 'string' },
        'fail-on': { type: 'string' },
        'disable': { type: 'string', multiple: true },
        'severity': { type: 'string', multiple: true },
        'node-port-range': { type: 'string' },
        'config': { type: 'string' },
        'no-config': { type: 'boolean' },
        'stdin-name': { type: 'string' },
        'list-rules': { type: 'boolean' },
        'help': { type: 'boolean', short: 'h' },
      },
    });
  } catch (e) {
    throw new UsageError(String((e as Error).message));
  }
  const v = parsed.values;
  if (v.help) {
    io.stdout(USAGE);
    return EXIT_CLEAN;
  }
  if (v['list-rules']) {
    for (const r of ExposureLinter.rules()) io.stdout(`${r.id} (${r.defaultSeverity}): ${r.why}\n`);
    return EXIT_CLEAN;
  }
  const settings = resolveSettings(v, parsed.positionals, io);
  const linter = new ExposureLinter(settings.linter);

  const objects: SourcedObject[] = [];
  const errors: InputError[] = [];
  let files = 0;
  let stdinRead = false;
  for (const input of settings.inputs) {
    const texts: { file: string; text: string }[] = [];
    if (input === '-') {
      if (stdinRead) continue;
      stdinRead = true;
      texts.push({ file: settings.stdinName, text: io.readStdin() });
    } else {
      const p = path.resolve(io.cwd, input);
      let stat;
      try {
        stat = fs.statSync(p);
      } catch {
        errors.push({ file: input, message: 'no such file or folder' });
        continue;
      }
      const shown = (f: string) => path.join(input, path.relative(p, f));
      const list = stat.isDirectory() ? manifestFiles(p, errors, shown).map(shown) : [input];
      for (const f of list) {
        try {
          texts.push({ file: f, text: fs.readFileSync(path.resolve(io.cwd, f), 'utf8') });
        } catch (e) {
          errors.push({ file: f, message: `cannot be read: ${(e as Error).message}` });
        }
      }
    }
    for (const { file, text } of texts) {
      const r = parseManifests(text, file);
      files++;
      objects.push(...r.objects);
      errors.push(...r.errors);
    }
  }

  const findings = linter.lint(objects.map((o) => o.obj));
  const where = new Map<string, SourcedObject>();
  for (const o of objects) {
    // the same identity as the linter's findings (ManifestIndex)
    const md = o.obj.metadata ?? {};
    const ns = typeof md.namespace === 'string' && md.namespace !== '' ? md.namespace : undefined;
    const key = objectKey(String(o.obj.apiVersion ?? ''), o.obj.kind, ns, String(md.name ?? md.generateName ?? ''));
    if (!where.has(key)) where.set(key, o);
  }
  const located = findings.map((f) => ({ finding: f, at: where.get(objectKey(f.apiVersion, f.kind, f.namespace, f.name)) }));

  for (const e of errors) io.stderr(`${e.file}${e.line ? `:${e.line}${e.column ? `:${e.column}` : ''}` : ''}: error: ${e.message}\n`);
  const errorCount = findings.filter((f) => f.severity === LintSeverity.ERROR).length;
  const summary = { errors: errorCount, warnings: findings.length - errorCount, objects: objects.length, files, inputErrors: errors.length };

  switch (settings.format) {
    case Format.JSON:
      io.stdout(`${JSON.stringify({
        findings: located.map(({ finding, at }) => ({ ...finding, file: at?.file, line: at?.line })),
        inputErrors: errors,
        summary,
      }, undefined, 2)}\n`);
      break;
    case Format.SARIF:
      io.stdout(`${JSON.stringify(sarifLog(located, errors), undefined, 2)}\n`);
      break;
    default:
      for (const { finding, at } of located) {
        io.stdout(`${at ? `${at.file}:${at.line}: ` : ''}${ExposureLinter.formatFinding(finding)}\n`);
      }
      io.stdout(`${summary.errors} error${summary.errors === 1 ? '' : 's'}, ${summary.warnings} warning${summary.warnings === 1 ? '' : 's'} in ${summary.objects} object${summary.objects === 1 ? '' : 's'} (${files} file${files === 1 ? '' : 's'})\n`);
  }

  if (errors.length > 0) return EXIT_USAGE;
  const failing = (f: LintFinding) => settings.failOn === FailOn.WARNING || (settings.failOn === FailOn.ERROR && f.severity === LintSeverity.ERROR);
  return settings.failOn !== FailOn.NEVER && findings.some(failing) ? EXIT_FINDINGS : EXIT_CLEAN;
}

function resolveSettings(v: { [k: string]: unknown }, positionals: string[], io: CommandIo): Settings {
  const config = readConfig(v, io);

  const disabled = new Set<string>(config.disabledRules ?? []);
  for (const d of (v.disable as string[] | undefined) ?? []) {
    for (const id of d.split(',').map((s) => s.trim()).filter((s) => s !== '')) disabled.add(id);
  }
  const severities: { [id: string]: LintSeverity } = { ...config.severities };
  for (const s of (v.severity as string[] | undefined) ?? []) {
    const m = /^([^=]+)=(.+)$/.exec(s);
    if (!m) throw new UsageError(`--severity ${JSON.stringify(s)}: write RULE=LEVEL, e.g. lb-source-ranges=error`);
    severities[m[1].trim()] = m[2].trim().toLowerCase() as LintSeverity;
  }
  let min = config.nodePortRangeMin;
  let max = config.nodePortRangeMax;
  if (typeof v['node-port-range'] === 'string') [min, max] = portRange('--node-port-range', v['node-port-range']);

  const failOn = enumValue('--fail-on', (v['fail-on'] as string | undefined) ?? config.failOn ?? FailOn.ERROR, FailOn);
  const format = enumValue('--format', (v.format as string | undefined) ?? Format.TEXT, Format);
  if (positionals.length === 0) throw new UsageError('no input: name files or folders, or "-" for standard input');
  return {
    linter: {
      disabledRules: [...disabled],
      severities,
      nodePortRangeMin: min,
      nodePortRangeMax: max,
      edges: config.edges,
      metallbMode: config.metallbMode as MetalLbMode | undefined,
    },
    failOn,
    format,
    inputs: positionals,
    stdinName: (v['stdin-name'] as string | undefined) ?? 'stdin',
  };
}

interface Config {
  disabledRules?: string[];
  severities?: { [id: string]: LintSeverity };
  nodePortRangeMin?: number;
  nodePortRangeMax?: number;
  failOn?: string;
  edges?: LintEdgeInstall[];
  metallbMode?: string;
}

function readConfig(v: { [k: string]: unknown }, io: CommandIo): Config {
  let file = v.config as string | undefined;
  if (file === undefined) {
    if (v['no-config']) return {};
    if (!fs.existsSync(path.join(io.cwd, CONFIG_FILE))) return {};
    file = CONFIG_FILE;
  }
  let raw: any;
  try {
    raw = parseYaml(fs.readFileSync(path.resolve(io.cwd, file), 'utf8'), { maxAliasCount: 100 });
  } catch (e) {
    throw new UsageError(`config ${file}: ${String((e as Error).message).split('\n')[0]}`);
  }
  if (raw === null || raw === undefined) return {};
  if (typeof raw !== 'object' || Array.isArray(raw)) throw new UsageError(`config ${file}: must be a mapping of ${CONFIG_KEYS.join(', ')}`);
  for (const k of Object.keys(raw)) {
    if (!CONFIG_KEYS.includes(k)) throw new UsageError(`config ${file}: unknown key ${JSON.stringify(k)} (known: ${CONFIG_KEYS.join(', ')})`);
  }
  const out: Config = {};
  if (raw.disabledRules !== undefined) {
    if (!Array.isArray(raw.disabledRules) || raw.disabledRules.some((x: unknown) => typeof x !== 'string')) throw new UsageError(`config ${file}: disabledRules must be a list of rule ids`);
    out.disabledRules = raw.disabledRules;
  }
  if (raw.severities !== undefined) {
    if (!raw.severities || typeof raw.severities !== 'object' || Array.isArray(raw.severities)) throw new UsageError(`config ${file}: severities must map rule ids to error or warning`);
    out.severities = raw.severities;
  }
  if (raw.nodePortRange !== undefined) [out.nodePortRangeMin, out.nodePortRangeMax] = portRange(`config ${file}: nodePortRange`, String(raw.nodePortRange));
  if (raw.nodePortRangeMin !== undefined) out.nodePortRangeMin = raw.nodePortRangeMin;
  if (raw.nodePortRangeMax !== undefined) out.nodePortRangeMax = raw.nodePortRangeMax;
  if (raw.failOn !== undefined) out.failOn = String(raw.failOn);
  if (raw.edges !== undefined) {
    if (!Array.isArray(raw.edges) || raw.edges.some((x: unknown) => !x || typeof x !== 'object' || Array.isArray(x))) {
      throw new UsageError(`config ${file}: edges must be a list of { className, namespace?, podLabels?, hostNetwork? }`);
    }
    out.edges = raw.edges; // the linter checks each entry's keys and values
  }
  if (raw.metallbMode !== undefined) {
    if (!['native', 'frr', 'frr-k8s'].includes(raw.metallbMode)) throw new UsageError(`config ${file}: metallbMode must be native, frr or frr-k8s (the speaker's METALLB_BGP_TYPE)`);
    out.metallbMode = raw.metallbMode;
  }
  return out;
}

function portRange(what: string, text: string): [number, number] {
  const m = /^\s*(\d{1,5})\s*-\s*(\d{1,5})\s*$/.exec(text);
  if (!m) throw new UsageError(`${what} ${JSON.stringify(text)}: write FIRST-LAST, e.g. 30000-32767`);
  return [Number(m[1]), Number(m[2])];
}

function enumValue<T extends string>(what: string, value: string, e: { [k: string]: T }): T {
  const values = Object.values(e);
  const v = value.toLowerCase() as T;
  if (!values.includes(v)) throw new UsageError(`${what} ${JSON.stringify(value)}: use ${values.join(', ')}`);
  return v;
}
