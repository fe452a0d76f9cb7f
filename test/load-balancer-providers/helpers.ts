import { Testing } from 'cdk8s';
import { Exposure, LoadBalancerExposureOptions, LoadBalancerProvider, PublicWebApp } from '../../src';
import { expectValid } from '../util/schema';

/** Synthesize an app behind `provider` and return its (validated) Service. */
export function serviceFor(provider: LoadBalancerProvider, options: LoadBalancerExposureOptions = {}, servicePort = 80): any {
  const chart = Testing.chart();
  new PublicWebApp(chart, 'web', { image: 'x:1', servicePort, exposure: Exposure.loadBalancer({ allowPublicAccess: true, ...options, provider }) });
  const objects = expectValid(chart);
  return objects.find((o) => o.kind === 'Service');
}

/** Build an app behind `provider` (to assert on errors). */
export function build(provider: LoadBalancerProvider, options: LoadBalancerExposureOptions = {}): void {
  new PublicWebApp(Testing.chart(), 'web', { image: 'x:1', exposure: Exposure.loadBalancer({ allowPublicAccess: true, ...options, provider }) });
}
