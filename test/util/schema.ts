/**
 * The one schema check every test uses: each synthesized object is validated
 * against its upstream schema (kubernetes-models for core, Istio, Gateway API,
 * cert-manager), with unknown fields reported; kinds that have no model
 * package (MetalLB, Traefik, Kong) go through the strict checks registered in
 * ./crd-schemas. Pods are checked against Pod Security "restricted".
 */
import * as path from 'path';
import { MessageChannel, receiveMessageOnPort, Worker } from 'worker_threads';
import { App, Chart, Testing } from 'cdk8s';
import { CRD_VALIDATORS } from './crd-schemas';
import { podSecurityViolations, podSpecOf } from '../../src/internal/pod-security';

let channel: { port: MessageChannel['port1']; signal: Int32Array } | undefined;

function modelChannel() {
  if (channel) return channel;
  const signal = new Int32Array(new SharedArrayBuffer(4));
  const { port1, port2 } = new MessageChannel();
  const worker = new Worker(path.join(__dirname, 'model-worker.mjs'), {
    workerData: { signal, port: port2 },
    transferList: [port2 as any],
  });
  worker.unref();
  port1.unref();
  // wait for 'ready'
  for (;;) {
    const m = receiveMessageOnPort(port1);
    if (m) break;
    Atomics.wait(signal, 0, 0, 20);
  }
  channel = { port: port1, signal };
  return channel;
}

/** Validate against the upstream model classes (synchronously, in a worker). */
function modelErrors(objects: any[]): string[] {
  if (objects.length === 0) return [];
  const { port, signal } = modelChannel();
  Atomics.store(signal, 0, 0);
  port.postMessage(objects);
  for (;;) {
    const m = receiveMessageOnPort(port);
    if (m) return m.message as string[];
    Atomics.wait(signal, 0, 0, 1000);
  }
}

/** Schema errors (and unknown fields) for a list of Kubernetes objects; empty when all are valid. */
export function schemaErrors(objects: any[]): string[] {
  const viaModels: any[] = [];
  const errors: string[] = [];
  for (const o of objects) {
    const custom = CRD_VALIDATORS[`${o?.apiVersion}/${o?.kind}`];
    if (custom) errors.push(...custom(o).map((e) => `${o.kind} ${o.metadata?.namespace ?? ''}/${o.metadata?.name}: ${e}`));
    else viaModels.push(o);
  }
  errors.push(...modelErrors(viaModels));
  for (const o of objects) {
    const n = o?.metadata?.name;
    if (typeof n !== 'string' || n.length === 0 || n.length > 253 || !/^[a-z0-9]([-a-z0-9.]*[a-z0-9])?$/.test(n)) {
      errors.push(`${o?.kind}: invalid metadata.name ${JSON.stringify(n)}`);
    }
  }
  return errors;
}

export interface ValidateOptions {
  /** Workload names whose pods may fail "restricted" (explicit hostPort / hostNetwork opt-ins). */
  readonly privilegedWorkloads?: string[];
}

/** Pod Security "restricted" violations of every workload, except the allowed ones. */
export function podSecurityErrors(objects: any[], options: ValidateOptions = {}): string[] {
  const errors: string[] = [];
  for (const o of objects) {
    const spec = podSpecOf(o);
    if (!spec || options.privilegedWorkloads?.includes(o.metadata?.name)) continue;
    errors.push(...podSecurityViolations(spec).map((v) => `${o.kind} ${o.metadata?.name}: ${v}`));
  }
  return errors;
}

/** Synthesize a chart (or use the given objects) and fail the test on any schema or restricted-profile error. */
export function expectValid(source: Chart | App | any[], options: ValidateOptions = {}): any[] {
  const objects = Array.isArray(source)
    ? source
    : source instanceof App
      ? source.charts.flatMap((c) => Testing.synth(c))
      : Testing.synth(source);
  const errors = [...schemaErrors(objects), ...podSecurityErrors(objects, options)];
  if (errors.length > 0) {
    throw new Error(`manifests are not valid:\n  ${errors.join('\n  ')}`);
  }
  return objects;
}
