import { IConstruct } from 'constructs';
import { LoadBalancerBindOptions, LoadBalancerProvider, LoadBalancerProviderConfig } from './provider';
import { fail } from '../errors';
import { refuseProtocols } from '../internal/lb-ports';
import { boolCheck, stringCheck } from '../internal/service-checks';

/**
 * Options for `LoadBalancerProvider.azure()` (AKS / cloud-provider-azure).
 */
export interface AzureLoadBalancerOptions {
  /**
   * An internal load balancer with a private IP of the virtual network.
   * @default false - a public load balancer
   */
  readonly internal?: boolean;
  /**
   * Subnet of the internal load balancer's IP (needs `internal`).
   * @default - the cluster's node subnet
   */
  readonly internalSubnet?: string;
  /**
   * DNS label of the public IP: `<label>.<region>.cloudapp.azure.com`
   * (public load balancers only).
   * @default - no DNS name
   */
  readonly dnsLabelName?: string;
  /**
   * Name of an existing public IP resource to use (public load balancers only).
   * @default - AKS creates a public IP
   */
  readonly publicIpName?: string;
}

const PREFIX = 'service.beta.kubernetes.io/azure-';
const PROP = 'exposure.provider';
const RESOURCE_NAME = /^[A-Za-z0-9]([A-Za-z0-9_.-]{0,78}[A-Za-z0-9_])?$/;

/**
 * A load balancer of AKS (the Azure cloud provider).
 */
export class AzureLoadBalancerProvider extends LoadBalancerProvider {
  constructor(private readonly options: AzureLoadBalancerOptions = {}) {
    super();
  }

  public bind(scope: IConstruct, bindOptions: LoadBalancerBindOptions): LoadBalancerProviderConfig {
    const o = this.options ?? {};
    refuseProtocols(scope, bindOptions, 'azure', ['TCP', 'UDP'], 'Azure Load Balancer rules forward Tcp, Udp or All');
    boolCheck(scope, `${PROP}.internal`, o.internal);
    stringCheck(scope, `${PROP}.internalSubnet`, o.internalSubnet, RESOURCE_NAME, 'is not an Azure subnet name', "use e.g. 'apps-subnet'");
    stringCheck(scope, `${PROP}.dnsLabelName`, o.dnsLabelName, /^[a-z][a-z0-9-]{1,61}[a-z0-9]$/, 'is not a valid Azure DNS label (3-63 lower-case letters, digits and "-", starting with a letter)', "use e.g. 'shop-prod'");
    stringCheck(scope, `${PROP}.publicIpName`, o.publicIpName, RESOURCE_NAME, 'is not an Azure resource name', "use e.g. 'shop-pip'");
    const internal = o.internal ?? false;
    const annotations: Record<string, string> = {};
    if (internal) {
      annotations[`${PREFIX}load-balancer-internal`] = 'true';
      if (o.dnsLabelName !== undefined) fail(scope, `${PROP}.dnsLabelName`, o.dnsLabelName, 'a DNS label belongs to a public IP, and an internal load balancer has none', 'drop dnsLabelName, or set internal: false');
      if (o.publicIpName !== undefined) fail(scope, `${PROP}.publicIpName`, o.publicIpName, 'an internal load balancer has no public IP', 'drop publicIpName, or set internal: false');
      if (o.internalSubnet !== undefined) annotations[`${PREFIX}load-balancer-internal-subnet`] = o.internalSubnet;
    } else {
      if (o.internalSubnet !== undefined) fail(scope, `${PROP}.internalSubnet`, o.internalSubnet, 'only applies to internal load balancers', 'set internal: true, or drop internalSubnet');
      if (o.dnsLabelName !== undefined) annotations[`${PREFIX}dns-label-name`] = o.dnsLabelName;
      if (o.publicIpName !== undefined) annotations[`${PREFIX}pip-name`] = o.publicIpName;
    }
    return { name: 'azure', annotations, internetFacing: !internal };
  }
}
