/**
 * NOTES.txt next to the manifests: `app.synth()` writes, for each chart that
 * holds at least one PublicWebApp, BareMetalLB or MeshGateway,
 * `<outdir>/<chart>.NOTES.txt` with the notes() of each of them (in the order
 * they were created). The cdk8s CLI
 * keeps the app's stdout to itself, so files in the output directory are
 * where `cdk8s synth` users see them.
 *
 * cdk8s has no "after synth" hook. App.synth() creates the output directory
 * and then validates every construct (constructs `node.validate()`) before it
 * writes the YAML files; so each chart gets one validation that writes its
 * notes. The same validations also run from `app.synthYaml()` and
 * `Testing.synth()`, which write no files: the validation writes only when it
 * is reached from an `App.synth` frame (an App or a subclass of it).
 */
import * as fs from 'fs';
import * as path from 'path';
import { Chart, Names } from 'cdk8s';
import { IConstruct } from 'constructs';

/** Context key that turns the NOTES.txt files off (`false`). */
export const NOTES_CONTEXT_KEY = 'cdk8s-expose:notesFile';

/** A construct that has notes (PublicWebApp, BareMetalLB, MeshGateway). */
export interface HasNotes extends IConstruct {
  notes(): string;
}

const SOURCES = new WeakMap<Chart, HasNotes[]>();

/** Register `source` so that `app.synth()` writes its notes into its chart's NOTES.txt. */
export function registerNotes(source: HasNotes): void {
  const chart = Chart.of(source);
  let sources = SOURCES.get(chart);
  if (!sources) {
    sources = [];
    SOURCES.set(chart, sources);
    const list = sources;
    chart.node.addValidation({ validate: () => writeNotes(chart, list) });
  }
  sources.push(source);
}

/** The file a chart's notes go to, relative to the App's outdir. */
export function notesFileName(chart: Chart): string {
  return `${Names.toDnsLabel(chart)}.NOTES.txt`;
}

/** Whether the notes files are on for `scope` (context `cdk8s-expose:notesFile`, default true). */
export function notesFileEnabled(scope: IConstruct): boolean {
  const value = scope.node.tryGetContext(NOTES_CONTEXT_KEY);
  return !(value === false || value === 'false');
}

function writeNotes(chart: Chart, sources: HasNotes[]): string[] {
  const outdir = (chart.node.root as any).outdir;
  if (typeof outdir !== 'string' || !notesFileEnabled(chart) || !calledFromAppSynth()) return [];
  const notes = sources.map((s) => s.notes());
  fs.mkdirSync(outdir, { recursive: true });
  fs.writeFileSync(path.join(outdir, notesFileName(chart)), `${notes.join('\n\n')}\n`);
  return [];
}

/** True when the current call stack runs through `App.synth()` (not synthYaml, Testing.synth or App._synthChart). */
function calledFromAppSynth(): boolean {
  const limit = Error.stackTraceLimit;
  Error.stackTraceLimit = 100;
  try {
    const stack = new Error().stack ?? '';
    return /^\s*at (?!Testing\.|Function\.)[\w$]+\.synth \(/m.test(stack);
  } finally {
    Error.stackTraceLimit = limit;
  }
}
