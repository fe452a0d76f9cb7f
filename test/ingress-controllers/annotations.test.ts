/**
 * `exposure.annotations` passes controller features through; an annotation of
 * another controller than the one serving the Ingress would silently do nothing.
 */
import { Exposure, IngressController, PublicWebApp, Tls } from '../../src';
import { newChart, objectOf } from '../util/app';
import { expectError } from '../util/errors';

const IMAGE = 'ghcr.io/acme/shop:1.4.2';

const CASES: [string, IngressController, string][] = [
  ['traefik', IngressController.traefik(), 'nginx.ingress.kubernetes.io/whitelist-source-range'],
  ['nginx', IngressController.nginx(), 'traefik.ingress.kubernetes.io/router.middlewares'],
  ['kong', IngressController.kong(), 'haproxy.org/allow-list'],
  ['haproxy', IngressController.haproxy(), 'konghq.com/plugins'],
  ['aws-alb', IngressController.awsAlb({ certificateArn: 'arn:aws:acm:eu-west-1:123456789012:certificate/abc' }), 'nginx.ingress.kubernetes.io/proxy-body-size'],
];

test.each(CASES)('%s: another controller\'s annotation is refused with the controller that would read it', (name, controller, key) => {
  const { chart } = newChart('shop');
  const message = expectError(() => new PublicWebApp(chart, 'web', {
    image: IMAGE, host: 'shop.example.com', tls: Tls.fromSecret('t'), exposure: Exposure.ingress({ controller, annotations: { [key]: '10.0.0.0/8' } }),
  }), 'exposure.annotations', key, `the ${name} controller serves this Ingress`);
  expect(message).toMatch(/silently does nothing/);
});

test('the controller\'s own annotations and neutral ones pass through', () => {
  const { chart } = newChart('shop');
  new PublicWebApp(chart, 'web', {
    image: IMAGE,
    host: 'shop.example.com',
    tls: Tls.fromSecret('t'),
    exposure: Exposure.ingress({ controller: IngressController.haproxy(), annotations: { 'haproxy.org/timeout-server': '30s', 'example.com/team': 'shop' } }),
  });
  const ing = objectOf(chart.toJson(), 'Ingress', 'web');
  expect(ing.metadata.annotations).toMatchObject({ 'haproxy.org/timeout-server': '30s', 'example.com/team': 'shop' });
});
