/**
 * Synth-time warnings: for input that is legal but likely wrong, where
 * refusing would block valid setups. cdk8s 2.70 has no `Annotations` API, so
 * a warning is recorded as construct metadata of type `cdk8s-expose:warning`
 * (readable with `node.metadata`, like aws-cdk's `aws:cdk:warning`) and
 * printed once on stderr, so `cdk8s synth` shows it. Set
 * `CDK8S_EXPOSE_QUIET=1` to silence the printing (the metadata stays).
 */
import { IConstruct } from 'constructs';

/** Metadata type under which warnings are recorded. */
export const WARNING_METADATA_TYPE = 'cdk8s-expose:warning';

/** Record a warning on `scope` and print it to stderr. */
export function addWarning(scope: IConstruct, message: string): void {
  scope.node.addMetadata(WARNING_METADATA_TYPE, message, { stackTrace: false });
  if (!process.env.CDK8S_EXPOSE_QUIET) {
    // eslint-disable-next-line no-console
    console.warn(`[cdk8s-expose] WARNING ${scope.node.path}: ${message}`);
  }
}

/** Warnings recorded on `scope` itself (not its children). */
export function warningsOf(scope: IConstruct): string[] {
  return scope.node.metadata.filter((m) => m.type === WARNING_METADATA_TYPE).map((m) => String(m.data));
}
