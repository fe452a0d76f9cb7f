import { App, Chart, Testing } from 'cdk8s';

/** A fresh App and Chart (with a namespace unless `namespace` is null). */
export function newChart(namespace: string | null = 'shop'): { app: App; chart: Chart } {
  const app = Testing.app();
  const chart = new Chart(app, 'shop', namespace === null ? {} : { namespace });
  return { app, chart };
}

/** The synthesized objects of `kind` (and `name`, when given). */
export function objectsOf(objects: any[], kind: string, name?: string): any[] {
  return objects.filter((o) => o.kind === kind && (name === undefined || o.metadata?.name === name));
}

/** The one synthesized object of `kind` (and `name`); fails when there is not exactly one. */
export function objectOf(objects: any[], kind: string, name?: string): any {
  const found = objectsOf(objects, kind, name);
  if (found.length !== 1) throw new Error(`expected one ${kind}${name ? ` ${name}` : ''}, found ${found.length}`);
  return found[0];
}
