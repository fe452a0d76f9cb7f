import { IConstruct } from 'constructs';
import type { AlibabaLoadBalancerOptions } from './alibaba';
import type { PortProtocol } from '../app-port';
import type { ExternalTrafficPolicy } from '../exposure/service-options';
import type { Prerequisite } from '../prerequisite';
import type { AwsLoadBalancerOptions } from './aws';
import type { AzureLoadBalancerOptions } from './azure';
import type { GcpLoadBalancerOptions } from './gcp';
import { recordStruct } from '../internal/struct-keys';

/** One port of a LoadBalancer Service, with its protocol. */
export interface LoadBalancerPort {
  /** Service port name */
  readonly name: string;
  /** Service port number */
  readonly port: number;
  /** transport protocol */
  readonly protocol: PortProtocol;
}

/**
 * What an exposed app tells a load-balancer provider when it binds to it.
 */
export interface LoadBalancerBindOptions {
  /** Name of the Service that will get the provider's settings. */
  readonly serviceName: string;
  /**
   * Namespace of the Service.
   * @default - the chart's namespace (none when the chart has none)
   */
  readonly namespace?: string;
  /** Numbers of the Service ports that will be exposed (every protocol; see `servicePorts`). */
  readonly ports: number[];
  /**
   * The Service ports with their names and protocols. A provider refuses the
   * protocols its load balancer cannot carry, and a TCP and a UDP port on
   * one number where it cannot merge them.
   * @default - `ports`, all TCP
   */
  readonly servicePorts?: LoadBalancerPort[];
  /**
   * The exposure's `loadBalancerSourceRanges`, so a provider can require
   * what they imply (e.g. the addresses its health checks come from).
   * @default - none given
   */
  readonly loadBalancerSourceRanges?: string[];
  /**
   * `spec.externalTrafficPolicy` of the Service.
   * @default - Cluster (the Kubernetes default)
   */
  readonly externalTrafficPolicy?: ExternalTrafficPolicy;
  /**
   * `spec.selector` of the Service (the pod labels it sends traffic to).
   * @default - none given
   */
  readonly selector?: { [key: string]: string };
  /**
   * Labels of the Service (`metadata.labels`).
   * @default - none given
   */
  readonly serviceLabels?: { [key: string]: string };
}

/**
 * The Service settings a load-balancer provider asks for.
 */
export interface LoadBalancerProviderConfig {
  /** Short name of the provider, used in error messages (e.g. `aws`, `metallb`). */
  readonly name: string;
  /**
   * Annotations to put on the Service.
   * @default - none
   */
  readonly annotations?: { [key: string]: string };
  /**
   * `spec.loadBalancerClass` to set.
   * @default - none (the cluster's default load-balancer implementation)
   */
  readonly loadBalancerClass?: string;
  /**
   * Whether this provider honours `spec.loadBalancerSourceRanges`. When false,
   * source ranges given to the exposure are an error instead of silently ignored.
   * @default true
   */
  readonly supportsSourceRanges?: boolean;
  /**
   * Whether the provider's load balancer is reachable from the internet. A public
   * load balancer without source ranges must be asked for explicitly.
   * @default true
   */
  readonly internetFacing?: boolean;
  /**
   * Why source ranges are not supported, added to the error message.
   * @default - no reason given
   */
  readonly sourceRangesUnsupportedReason?: string;
  /**
   * Whether the pods see the client's IP (with externalTrafficPolicy Local).
   * When false, the app's NetworkPolicy cannot filter on client CIDRs and lets
   * every source in; the load balancer does the filtering.
   * @default true
   */
  readonly preservesClientIp?: boolean;
  /**
   * Addresses the load balancer itself connects to the pods from (its health
   * checks, or its proxies), other than the clients. The app's NetworkPolicy
   * admits them beside `loadBalancerSourceRanges`; without them the pods fail
   * every health check. Only for load balancers that target pod IPs directly:
   * health checks of node targets go to kube-proxy on the node, which
   * NetworkPolicy does not filter.
   * @default - none (the load balancer targets nodes)
   */
  readonly healthCheckCidrs?: string[];
  /**
   * Service ports on which the load balancer terminates TLS (for notes: https URLs).
   * @default - none
   */
  readonly tlsPorts?: number[];
  /**
   * What the provider needs in (or outside) the cluster and does not create:
   * its controller, certificates, password Secrets ... Listed by
   * `PublicWebApp.prerequisites()` and in the app's notes.
   * @default - none
   */
  readonly prerequisites?: Prerequisite[];
}

/**
 * Who hands out the address of a `type: LoadBalancer` Service: a cloud's
 * controller (`LoadBalancerProvider.aws()`, ...) or MetalLB on bare metal
 * (`BareMetalLB.provider()`). Each provider maps the controller-neutral
 * exposure options to its own annotations and fields, and refuses what it
 * cannot honour.
 */
export abstract class LoadBalancerProvider {
  /**
   * An AWS Network Load Balancer from the AWS Load Balancer Controller
   * (`loadBalancerClass: service.k8s.aws/nlb`). Internal unless asked otherwise.
   */
  public static aws(options: AwsLoadBalancerOptions = {}): LoadBalancerProvider {
    // lazy: aws.ts extends this class, so it cannot be imported at the top
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return recordStruct(new (require('./aws').AwsLoadBalancerProvider)(options), 'AwsLoadBalancerOptions', options);
  }

  /** A GKE load balancer: external (backend-service based) or internal. */
  public static gcp(options: GcpLoadBalancerOptions = {}): LoadBalancerProvider {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return recordStruct(new (require('./gcp').GcpLoadBalancerProvider)(options), 'GcpLoadBalancerOptions', options);
  }

  /** An AKS (cloud-provider-azure) load balancer: public or internal. */
  public static azure(options: AzureLoadBalancerOptions = {}): LoadBalancerProvider {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return recordStruct(new (require('./azure').AzureLoadBalancerProvider)(options), 'AzureLoadBalancerOptions', options);
  }

  /** An Alibaba Cloud CLB (or NLB) from the Alibaba cloud-controller-manager. */
  public static alibaba(options: AlibabaLoadBalancerOptions = {}): LoadBalancerProvider {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return recordStruct(new (require('./alibaba').AlibabaLoadBalancerProvider)(options), 'AlibabaLoadBalancerOptions', options);
  }

  /**
   * Called once for each Service that uses this provider, before the Service is
   * written. Validate here (throw to refuse) and return the settings to apply.
   */
  public abstract bind(scope: IConstruct, options: LoadBalancerBindOptions): LoadBalancerProviderConfig;
}
