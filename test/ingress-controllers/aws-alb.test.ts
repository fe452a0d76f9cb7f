import { Size, Testing } from 'cdk8s';
import { AwsLoadBalancerScheme, AwsTargetType, Exposure, IngressController, PublicWebApp, Tls } from '../../src';
import { expectValid } from '../util/schema';

const IMAGE = 'ghcr.io/acme/shop:1.4.2';
const CERT = 'arn:aws:acm:eu-west-1:123456789012:certificate/0a1b2c3d-1111-2222-3333-444455556666';
const WAF = 'arn:aws:wafv2:eu-west-1:123456789012:regional/webacl/shop/0a1b2c3d-1111-2222-3333-444455556666';
const byKind = (objs: any[], kind: string) => objs.filter((o) => o.kind === kind);

describe('IngressController.awsAlb()', () => {
  test('internet-facing ALB with an ACM certificate, redirect, inbound CIDRs and WAF', () => {
    const chart = Testing.chart();
    const web = new PublicWebApp(chart, 'web', {
      image: IMAGE,
      host: 'shop.example.com',
      exposure: Exposure.ingress({
        controller: IngressController.awsAlb({ scheme: AwsLoadBalancerScheme.INTERNET_FACING, certificateArn: CERT, wafv2AclArn: WAF, vpcCidr: '10.0.0.0/16' }),
        allowSourceRanges: ['203.0.113.0/24', '198.51.100.0/24'],
      }),
    });
    const objs = expectValid(chart);
    expect(objs).toMatchSnapshot();
    const ing = byKind(objs, 'Ingress')[0];
    expect(ing.spec.ingressClassName).toBe('alb');
    expect(ing.spec.tls).toBeUndefined();
    expect(ing.metadata.annotations).toEqual({
      'alb.ingress.kubernetes.io/scheme': 'internet-facing',
      'alb.ingress.kubernetes.io/target-type': 'ip',
      'alb.ingress.kubernetes.io/certificate-arn': CERT,
      'alb.ingress.kubernetes.io/ssl-redirect': '443',
      'alb.ingress.kubernetes.io/listen-ports': '[{"HTTP":80},{"HTTPS":443}]',
      'alb.ingress.kubernetes.io/inbound-cidrs': '203.0.113.0/24,198.51.100.0/24',
      'alb.ingress.kubernetes.io/wafv2-acl-arn': WAF,
    });
    expect(byKind(objs, 'Service')[0].spec.type).toBe('ClusterIP');
    expect(byKind(objs, 'NetworkPolicy')[0].spec.ingress[0].from).toEqual([{ ipBlock: { cidr: '10.0.0.0/16' } }]);
    expect(web.accessInfo()).toContain('https://shop.example.com/');
  });

  test('defaults: internal scheme, ip targets, HTTP listener only when plain HTTP is allowed', () => {
    const chart = Testing.chart();
    const controller = IngressController.awsAlb({ vpcCidr: '10.0.0.0/16' });
    new PublicWebApp(chart, 'web', { image: IMAGE, exposure: Exposure.ingress({ controller, allowPlainHttp: true }) });
    const objs = expectValid(chart);
    expect(controller.className).toBe('alb');
    expect(byKind(objs, 'Ingress')[0].metadata.annotations).toEqual({
      'alb.ingress.kubernetes.io/scheme': 'internal',
      'alb.ingress.kubernetes.io/target-type': 'ip',
      'alb.ingress.kubernetes.io/listen-ports': '[{"HTTP":80}]',
    });
  });

  test('instance targets make the Service a NodePort; custom ports go into listen-ports and ssl-redirect', () => {
    const chart = Testing.chart();
    new PublicWebApp(chart, 'web', {
      image: IMAGE,
      host: 'shop.example.com',
      exposure: Exposure.ingress({ controller: IngressController.awsAlb({ targetType: AwsTargetType.INSTANCE, certificateArn: CERT, vpcCidr: '10.0.0.0/16', httpPort: 8080, httpsPort: 8443 }) }),
    });
    const objs = expectValid(chart);
    expect(byKind(objs, 'Service')[0].spec.type).toBe('NodePort');
    const a = byKind(objs, 'Ingress')[0].metadata.annotations;
    expect(a['alb.ingress.kubernetes.io/target-type']).toBe('instance');
    expect(a['alb.ingress.kubernetes.io/listen-ports']).toBe('[{"HTTP":8080},{"HTTPS":8443}]');
    expect(a['alb.ingress.kubernetes.io/ssl-redirect']).toBe('8443');
  });

  test.each([
    ['no vpcCidr', { vpcCidr: undefined }, {}, {}, 'exposure.controller.vpcCidr=(unset): the ALB reaches the pods from addresses in the VPC'],
    ['bad vpcCidr', { vpcCidr: '10.0.0/16' }, {}, {}, 'exposure.controller.vpcCidr="10.0.0/16"'],
    ['cert-manager tls', { certificateArn: CERT }, {}, { tls: Tls.certManager({ clusterIssuer: 'le' }) }, 'tls="set": an ALB terminates TLS with ACM certificates and cannot use the Secret cert-manager'],
    ['secret tls', { certificateArn: CERT }, {}, { tls: Tls.fromSecret('x') }, 'tls="set": an ALB terminates TLS with ACM certificates and cannot read a Kubernetes Secret'],
    ['bad certificate', { certificateArn: 'arn:aws:iam::123:server-certificate/x' }, {}, {}, 'exposure.controller.certificateArn="arn:aws:iam::123:server-certificate/x"'],
    ['global WAF', { wafv2AclArn: 'arn:aws:wafv2:us-east-1:123456789012:global/webacl/shop/abc' }, {}, {}, 'exposure.controller.wafv2AclArn="arn:aws:wafv2:us-east-1:123456789012:global/webacl/shop/abc"'],
    ['rate limit', {}, { rateLimit: { requestsPerSecond: 10 } }, {}, 'exposure.rateLimit=10: an Application Load Balancer has no per-client rate limit. Fix: remove rateLimit and add a rate-based rule to an AWS WAF web ACL'],
    ['body size', {}, { maxRequestBodySize: Size.mebibytes(1) }, {}, 'exposure.maxRequestBodySize="set"'],
    ['bad scheme', { scheme: 'public' }, {}, {}, 'exposure.controller.scheme="public"'],
    ['bad target type', { targetType: 'pod' }, {}, {}, 'exposure.controller.targetType="pod"'],
    ['same ports', { httpPort: 80, httpsPort: 80 }, {}, {}, 'exposure.controller.httpsPort=80'],
    ['bad port', { httpPort: 70000 }, {}, {}, 'exposure.controller.httpPort=70000'],
    ['bad class', { className: 'ALB' }, {}, {}, 'exposure.controller.className="ALB"'],
  ])('refuses %s', (_: string, options: any, exposure: any, props: any, message: string) => {
    const chart = Testing.chart();
    expect(() => new PublicWebApp(chart, 'web', {
      image: IMAGE,
      host: 'shop.example.com',
      ...props,
      exposure: Exposure.ingress({ controller: IngressController.awsAlb({ vpcCidr: '10.0.0.0/16', certificateArn: CERT, ...options }), ...exposure }),
    })).toThrow(message);
  });

  test('refuses plain HTTP without a certificate unless asked for, and HTTPS without a host', () => {
    const chart = Testing.chart();
    expect(() => new PublicWebApp(chart, 'a', { image: IMAGE, host: 'shop.example.com', exposure: Exposure.ingress({ controller: IngressController.awsAlb({ vpcCidr: '10.0.0.0/16' }) }) }))
      .toThrow('tls=(unset): a public Ingress without TLS');
    expect(() => new PublicWebApp(chart, 'b', { image: IMAGE, exposure: Exposure.ingress({ controller: IngressController.awsAlb({ vpcCidr: '10.0.0.0/16', certificateArn: CERT }) }) }))
      .toThrow('host=(unset): HTTPS needs a host');
  });
});
