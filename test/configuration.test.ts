import { Duration, Testing } from 'cdk8s';
import { Exposure, IngressController, PublicWebAppProps } from '../src';
import { appWith, one } from './exposure/helpers';
import { expectError } from './util/errors';
import { expectValid } from './util/schema';

const ingress = () => Exposure.ingress({ controller: IngressController.traefik(), allowPlainHttp: true });

function synth(props: Partial<PublicWebAppProps>) {
  const { chart, web } = appWith(ingress(), props);
  const objects = Testing.synth(chart);
  const pod = one(objects, 'Deployment').spec.template.spec;
  return { web, objects, pod, container: pod.containers[0] };
}

describe('configuration from Secrets and ConfigMaps, service account, startup probe, pull secrets', () => {
  const { objects, pod, container } = synth({
    env: { LOG_LEVEL: 'info' },
    envFromSecrets: { DB_PASSWORD: { name: 'shop-db', key: 'password' } },
    envFromConfigMaps: { FEATURE_FLAGS: { name: 'shop-config', key: 'flags', optional: true } },
    files: [{ path: '/etc/shop/tls', secretName: 'shop-tls' }, { path: '/etc/shop/conf', configMapName: 'shop-config' }],
    serviceAccountName: 'shop',
    startupTimeout: Duration.minutes(2),
    imagePullSecrets: ['ghcr-pull'],
  });

  test('env from secretKeyRef and configMapKeyRef', () => {
    expect(container.env).toEqual(expect.arrayContaining([
      { name: 'LOG_LEVEL', value: 'info' },
      { name: 'DB_PASSWORD', valueFrom: { secretKeyRef: { name: 'shop-db', key: 'password' } } },
      { name: 'FEATURE_FLAGS', valueFrom: { configMapKeyRef: { name: 'shop-config', key: 'flags', optional: true } } },
    ]));
  });

  test('files are read-only mounts of their Secret / ConfigMap', () => {
    expect(container.volumeMounts).toEqual(expect.arrayContaining([
      { name: 'files-0', mountPath: '/etc/shop/tls', readOnly: true },
      { name: 'files-1', mountPath: '/etc/shop/conf', readOnly: true },
    ]));
    expect(pod.volumes).toEqual(expect.arrayContaining([
      expect.objectContaining({ name: 'files-0', secret: expect.objectContaining({ secretName: 'shop-tls' }) }),
      expect.objectContaining({ name: 'files-1', configMap: expect.objectContaining({ name: 'shop-config' }) }),
    ]));
  });

  test('service account by name, token still not mounted; pull secrets', () => {
    expect(pod.serviceAccountName).toBe('shop');
    expect(pod.automountServiceAccountToken).toBe(false);
    expect(pod.imagePullSecrets).toEqual([{ name: 'ghcr-pull' }]);
  });

  test('a startup probe with the liveness check, every 5 s, for up to 2 minutes', () => {
    expect(container.startupProbe).toEqual(expect.objectContaining({ tcpSocket: { port: 8080 }, periodSeconds: 5, failureThreshold: 24 }));
  });

  test('schema-valid and restricted', () => {
    expectValid(objects);
  });

  test('automountServiceAccountToken: true mounts the token', () => {
    expect(synth({ automountServiceAccountToken: true }).pod.automountServiceAccountToken).toBe(true);
  });

  test('defaults unchanged: no startup probe, no service account, no pull secrets', () => {
    const d = synth({});
    expect(d.container.startupProbe).toBeUndefined();
    expect(d.pod.serviceAccountName).toBeUndefined();
    expect(d.pod.imagePullSecrets).toBeUndefined();
  });

  test.each<[string, Partial<PublicWebAppProps>, string[]]>([
    ['a variable set twice', { env: { A: '1' }, envFromSecrets: { A: { name: 's', key: 'k' } } }, ['envFromSecrets.A="A"', 'set twice']],
    ['a bad Secret name', { envFromSecrets: { A: { name: 'Shop_DB', key: 'k' } } }, ['envFromSecrets.A.name="Shop_DB"']],
    ['a bad key', { envFromConfigMaps: { A: { name: 'c', key: 'a/b' } } }, ['envFromConfigMaps.A.key="a/b"']],
    ['files without a source', { files: [{ path: '/etc/x' }] }, ['files[0]=', 'exactly one of secretName and configMapName']],
    ['files with both sources', { files: [{ path: '/etc/x', secretName: 'a', configMapName: 'b' }] }, ['files[0]=', 'exactly one']],
    ['files on a writable path', { files: [{ path: '/tmp', secretName: 'a' }] }, ['files[0].path="/tmp"', 'already a mount']],
    ['a relative path', { files: [{ path: 'etc', secretName: 'a' }] }, ['files[0].path="etc"']],
    ['a startup timeout under 5 s', { startupTimeout: Duration.seconds(1) }, ['startupTimeout=1', 'from 5 seconds to 1 hour']],
    ['a bad pull secret', { imagePullSecrets: ['Ghcr'] }, ['imagePullSecrets[0]="Ghcr"']],
    ['a misspelt key reference', { envFromSecrets: { A: { name: 's', kee: 'k' } as any } }, ['kee']],
  ])('refused: %s', (_what, props, fragments) => {
    expectError(() => appWith(ingress(), props), ...fragments);
  });
});
