import { Chart, Testing } from 'cdk8s';
import { Exposure, PublicWebApp, PublicWebAppProps } from '../../src';

/** A chart with one PublicWebApp named `web` using `exposure`. */
export function appWith(exposure: Exposure, props: Partial<PublicWebAppProps> = {}, chart: Chart = Testing.chart()):
{ chart: Chart; web: PublicWebApp } {
  const web = new PublicWebApp(chart, 'web', { image: 'ghcr.io/acme/web:1.0.0', ...props, exposure });
  return { chart, web };
}

export function byKind(objects: any[], kind: string): any[] {
  return objects.filter((o) => o.kind === kind);
}

export function one(objects: any[], kind: string): any {
  const found = byKind(objects, kind);
  if (found.length !== 1) throw new Error(`expected one ${kind}, found ${found.length}`);
  return found[0];
}
