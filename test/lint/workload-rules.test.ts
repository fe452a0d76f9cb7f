import { expectSchemaValid, lintRule, workload } from './fixtures';
import { LintSeverity } from '../../src';

describe('image-reference-invalid', () => {
  test('error for images the kubelet cannot parse (InvalidImageName), in containers and init containers (sorted by field)', () => {
    const bad = workload('tomcat', {
      podSpec: {
        initContainers: [{ name: 'init', image: 'busybox::1.36' }],
        containers: [{ name: 'main', image: 'Tomcat:9.0', ports: [{ name: 'http', containerPort: 8080 }] }],
      },
    });
    expectSchemaValid([bad]);
    expect(lintRule([bad], 'image-reference-invalid')).toEqual([
      expect.objectContaining({
        severity: LintSeverity.ERROR,
        kind: 'Deployment',
        name: 'tomcat',
        field: 'spec.template.spec.containers[0].image',
        message: 'Deployment tomcat container main has image "Tomcat:9.0": the repository name "Tomcat" must be lower case; the pod would stay in InvalidImageName',
      }),
      expect.objectContaining({
        field: 'spec.template.spec.initContainers[0].image',
        message: 'Deployment tomcat container init has image "busybox::1.36": the repository name "busybox:" is not valid (lower-case letters and digits, separated by ".", "_", "__" or "-", components joined by "/"); the pod would stay in InvalidImageName',
      }),
    ]);
  });

  test('no finding for valid references, digests and registries with ports', () => {
    const objects = [
      workload('a', { podSpec: { containers: [{ name: 'main', image: 'tomcat:9.0' }] } }),
      workload('b', { podSpec: { containers: [{ name: 'main', image: `registry.local:5000/team/app@sha256:${'a'.repeat(64)}` }] } }),
      workload('c', { kind: 'Pod', podSpec: { containers: [{ name: 'main', image: 'nginx' }] } }),
    ];
    expect(lintRule(objects, 'image-reference-invalid')).toEqual([]);
  });
});
