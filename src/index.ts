export { ExposeErrors } from './errors';
export * from './load-balancer-providers/provider';
export * from './bare-metal-lb/address-pool';
export * from './bare-metal-lb/advertisement';
export * from './bare-metal-lb/bare-metal-lb';
export * from './bare-metal-lb/metallb-provider';
export * from './bare-metal-lb/selector';
