import { Testing } from 'cdk8s';
import { Exposure, IngressController, PublicWebApp, PublicWebAppProps } from '../src';
import { appWith, byKind, one } from './exposure/helpers';
import { expectError } from './util/errors';
import { expectValid } from './util/schema';
import { kplus } from '../src/internal/plus.generated';

const ingress = () => Exposure.ingress({ controller: IngressController.traefik(), allowPlainHttp: true });

function synth(props: Partial<PublicWebAppProps>, exposure: Exposure = ingress()) {
  const { chart, web } = appWith(exposure, props);
  return { web, objects: Testing.synth(chart) };
}

describe('autoscaling', () => {
  test('an autoscaling/v2 HPA on the Deployment, which has no spec.replicas; PDB and spreading kept', () => {
    const { web, objects } = synth({ autoscaling: { minReplicas: 3, maxReplicas: 12, cpuUtilization: 70, memoryUtilization: 85 } });
    const hpa = one(objects, 'HorizontalPodAutoscaler');
    expect(hpa.apiVersion).toBe('autoscaling/v2');
    expect(hpa.metadata.labels['app.kubernetes.io/name']).toBe('web');
    expect(hpa.spec).toEqual({
      scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' },
      minReplicas: 3,
      maxReplicas: 12,
      metrics: [
        { type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 70 } } },
        { type: 'Resource', resource: { name: 'memory', target: { type: 'Utilization', averageUtilization: 85 } } },
      ],
    });
    const deployment = one(objects, 'Deployment');
    expect(deployment.spec.replicas).toBeUndefined();
    expect(deployment.spec.template.spec.topologySpreadConstraints).toHaveLength(2);
    expect(one(objects, 'PodDisruptionBudget').spec.maxUnavailable).toBe(1);
    expect(web.horizontalPodAutoscaler).toBeDefined();
    expectValid(objects);
  });

  test('defaults: minReplicas 2, CPU at 80% of the request', () => {
    const { objects } = synth({ autoscaling: { maxReplicas: 5 } });
    const hpa = one(objects, 'HorizontalPodAutoscaler');
    expect(hpa.spec.minReplicas).toBe(2);
    expect(hpa.spec.metrics).toEqual([{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 80 } } }]);
  });

  test('minReplicas 1: no PDB (as with replicas 1), but pods still spread since up to maxReplicas run', () => {
    const { objects } = synth({ autoscaling: { minReplicas: 1, maxReplicas: 4 } });
    expect(byKind(objects, 'PodDisruptionBudget')).toEqual([]);
    expect(one(objects, 'Deployment').spec.template.spec.topologySpreadConstraints).toHaveLength(2);
  });

  test('without autoscaling there is no HPA and spec.replicas stays', () => {
    const { objects } = synth({});
    expect(byKind(objects, 'HorizontalPodAutoscaler')).toEqual([]);
    expect(one(objects, 'Deployment').spec.replicas).toBe(2);
  });

  test.each<[string, Partial<PublicWebAppProps>, string[]]>([
    ['replicas beside autoscaling', { replicas: 3, autoscaling: { maxReplicas: 5 } }, ['replicas=3', 'owns the replica count', 'autoscaling.minReplicas']],
    ['max below min', { autoscaling: { minReplicas: 5, maxReplicas: 3 } }, ['autoscaling.maxReplicas=3', 'below minReplicas (5)']],
    ['min 0', { autoscaling: { minReplicas: 0, maxReplicas: 3 } }, ['autoscaling.minReplicas=0']],
    ['no max', { autoscaling: {} as any }, ['autoscaling.maxReplicas', 'is required']],
    ['utilization 0', { autoscaling: { maxReplicas: 3, cpuUtilization: 0 } }, ['autoscaling.cpuUtilization=0']],
    ['CPU target without a CPU request', { autoscaling: { maxReplicas: 3 }, resources: { cpu: { limit: kplus.Cpu.millis(500) } } }, ['resources=', 'CPU utilization is measured against the CPU request']],
    ['memory target without a memory request', { autoscaling: { maxReplicas: 3, memoryUtilization: 80 }, resources: { cpu: { request: kplus.Cpu.millis(100) } } }, ['memory utilization is measured against the memory request']],
  ])('refused: %s', (_what, props, fragments) => {
    expectError(() => appWith(ingress(), props), ...fragments);
  });

  test('refused where nodes bound the pods: a DaemonSet, or hostPort pods one per node', () => {
    expectError(() => appWith(Exposure.hostNetwork({ acknowledgePrivilegedNamespace: true }), { autoscaling: { maxReplicas: 5 } }),
      'autoscaling=', 'DaemonSet');
    expectError(() => appWith(Exposure.hostPort({ acknowledgePrivilegedNamespace: true }), { autoscaling: { maxReplicas: 5 } }),
      'autoscaling=', 'one pod per node', 'would stay Pending');
  });

  test('nothing is written when refused', () => {
    const chart = Testing.chart();
    expect(() => new PublicWebApp(chart, 'web', { image: 'ghcr.io/acme/web:1.0.0', replicas: 2, autoscaling: { maxReplicas: 4 } })).toThrow();
    expect(Testing.synth(chart)).toEqual([]);
  });
});
