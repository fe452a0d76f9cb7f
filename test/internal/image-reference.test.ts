import { Testing } from 'cdk8s';
import { Exposure, PublicWebApp } from '../../src';
import { isImageError, parseImageReference } from '../../src/internal/image-reference';
import { warningsOf } from '../../src/internal/warnings';

const SHA = 'a'.repeat(64);

describe('parseImageReference (the kubelet\'s distribution/reference grammar)', () => {
  test.each([
    ['nginx', { path: 'nginx' }],
    ['nginx:1.27', { path: 'nginx', tag: '1.27' }],
    ['library/nginx:1.27-alpine', { path: 'library/nginx', tag: '1.27-alpine' }],
    ['ghcr.io/acme/shop:1.4.2', { domain: 'ghcr.io', path: 'acme/shop', tag: '1.4.2' }],
    ['registry.local:5000/a/b', { domain: 'registry.local:5000', path: 'a/b' }],
    [`registry.local:5000/a/b@sha256:${SHA}`, { domain: 'registry.local:5000', path: 'a/b', digest: `sha256:${SHA}` }],
    [`busybox:1.36@sha256:${SHA}`, { path: 'busybox', tag: '1.36', digest: `sha256:${SHA}` }],
    ['localhost/app:dev', { domain: 'localhost', path: 'app', tag: 'dev' }],
    ['[::1]:5000/app:v1', { domain: '[::1]:5000', path: 'app', tag: 'v1' }],
    ['Registry.Example.com/team/app:V_1', { domain: 'Registry.Example.com', path: 'team/app', tag: 'V_1' }],
    ['a__b/c--d.e_f:x', { path: 'a__b/c--d.e_f', tag: 'x' }],
    ['team/app:' + 'x'.repeat(128), { path: 'team/app', tag: 'x'.repeat(128) }],
  ])('accepts %s', (ref, parsed) => {
    expect(parseImageReference(ref)).toEqual({ domain: undefined, tag: undefined, digest: undefined, ...parsed });
  });

  test.each([
    ['Tomcat:9.0', /repository name "Tomcat" must be lower case/],
    ['tomcat::9.0', /repository name "tomcat:" is not valid/],
    ['acme/Shop:1', /"acme\/Shop" must be lower case/],
    ['tomcat:', /the tag after ":" is empty/],
    ['tomcat:.1', /the tag ".1" is not valid/],
    ['team/app:' + 'x'.repeat(129), /is not valid/],
    ['app@sha256:abc', /is not algorithm:hex/],
    [`app@md5:${'a'.repeat(32)}`, /algorithm "md5" is not supported/],
    [`app@sha256:${'A'.repeat(64)}`, /sha256 digest is 64 lower-case hex digits/],
    [`app@sha256:${'a'.repeat(63)}`, /sha256 digest is 64/],
    [SHA, /bare 64-hex identifier/],
    ['-app:1', /is not valid/],
    ['app_:1', /is not valid/],
    ['a/ /b', /is not valid/],
    ['ex_ample.com/app:1', /registry "ex_ample.com" is not a host name/],
    ['ghcr.io/', /repository name is empty/],
    ['-bad.io/app', /registry "-bad.io" is not a host name/],
    [`x/${'a'.repeat(255)}`, /longer than 255/],
  ])('refuses %s', (ref, why) => {
    const r = parseImageReference(ref);
    expect(isImageError(r)).toBe(true);
    expect((r as { error: string }).error).toMatch(why);
  });
});

describe('PublicWebApp image (issue 11 fault 15)', () => {
  beforeAll(() => { process.env.CDK8S_EXPOSE_QUIET = '1'; });
  const build = (image: string) => new PublicWebApp(Testing.chart(), 'web', { image, exposure: Exposure.clusterIp() });

  test('refuses references that end in InvalidImageName, with a corrected suggestion', () => {
    expect(() => build('Tomcat:9.0')).toThrow(
      /^PublicWebApp 'test\/web': image="Tomcat:9.0": is not an image reference the kubelet can parse \(the repository name "Tomcat" must be lower case\); the pods would stay in InvalidImageName\. Fix: .* e\.g\. 'tomcat:9\.0'$/);
    expect(() => build('tomcat::9.0')).toThrow(/image="tomcat::9.0": .*Fix: .*e\.g\. 'tomcat:9\.0'$/);
    expect(() => build('app@sha256:abc')).toThrow(/image="app@sha256:abc": is not an image reference/);
  });

  test('warns on unpinned images (no tag, :latest), not on tags or digests', () => {
    expect(warningsOf(build('nginx')).join('\n')).toMatch(/image "nginx" is not pinned \(no tag means :latest\).*e\.g\. nginx:1\.2\.3/);
    expect(warningsOf(build('ghcr.io/acme/shop:latest')).join('\n')).toMatch(/image "ghcr.io\/acme\/shop:latest" is not pinned \(:latest\).*ghcr\.io\/acme\/shop:1\.2\.3/);
    expect(warningsOf(build('ghcr.io/acme/shop:1.4.2'))).toEqual([]);
    expect(warningsOf(build(`ghcr.io/acme/shop@sha256:${SHA}`))).toEqual([]);
    expect(warningsOf(build(`ghcr.io/acme/shop:latest@sha256:${SHA}`))).toEqual([]);
  });
});
