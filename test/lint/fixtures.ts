/**
 * Small builders for plain Kubernetes objects used by the lint tests.
 * Defaults are valid and restricted-profile clean, so each test changes
 * only the field its rule is about.
 */
import { ExposureLinter, LintFinding } from '../../src';
import { schemaErrors } from '../util/schema';

export const RESTRICTED_CONTAINER = {
  securityContext: {
    allowPrivilegeEscalation: false,
    runAsNonRoot: true,
    capabilities: { drop: ['ALL'] },
    seccompProfile: { type: 'RuntimeDefault' },
  },
};

export interface WorkloadOpts {
  readonly kind?: string;
  readonly namespace?: string;
  readonly replicas?: number;
  readonly labels?: { [k: string]: string };
  readonly podSpec?: any;
  readonly ports?: any[];
}

export function workload(name: string, o: WorkloadOpts = {}): any {
  const kind = o.kind ?? 'Deployment';
  const labels = o.labels ?? { app: name };
  const podSpec = {
    containers: [{ name: 'main', image: 'nginx:1.27', ports: o.ports ?? [{ name: 'http', containerPort: 8080 }], ...RESTRICTED_CONTAINER }],
    ...(o.podSpec ?? {}),
  };
  const metadata = { name, ...(o.namespace ? { namespace: o.namespace } : {}) };
  if (kind === 'Pod') return { apiVersion: 'v1', kind, metadata: { ...metadata, labels }, spec: podSpec };
  const spec: any = { selector: { matchLabels: labels }, template: { metadata: { labels }, spec: podSpec } };
  if (kind !== 'DaemonSet') spec.replicas = o.replicas ?? 1;
  if (kind === 'StatefulSet') spec.serviceName = name;
  return { apiVersion: 'apps/v1', kind, metadata, spec };
}

export function service(name: string, spec: any = {}, metadata: any = {}): any {
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name, ...metadata },
    spec: { selector: { app: name }, ports: [{ name: 'http', port: 80, targetPort: 'http' }], ...spec },
  };
}

export function ingress(name: string, spec: any = {}, metadata: any = {}): any {
  return {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'Ingress',
    metadata: { name, ...metadata },
    spec: {
      ingressClassName: 'nginx',
      tls: [{ hosts: ['shop.example.com'], secretName: 'shop-tls' }],
      rules: [{ host: 'shop.example.com', http: { paths: [{ path: '/', pathType: 'Prefix', backend: { service: { name, port: { name: 'http' } } } }] } }],
      ...spec,
    },
  };
}

export function networkPolicy(name: string, podSelector: any, extra: any = {}): any {
  return {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    metadata: { name },
    spec: { podSelector, policyTypes: ['Ingress'], ingress: [{ ports: [{ port: 8080 }] }], ...extra },
  };
}

/** Findings of one rule only. */
export function lintRule(objects: any[], ruleId: string): LintFinding[] {
  return new ExposureLinter().lint(objects).filter((f) => f.ruleId === ruleId);
}

/** Fail the test if the fixture objects are not valid Kubernetes objects. */
export function expectSchemaValid(objects: any[]): void {
  expect(schemaErrors(objects)).toEqual([]);
}
