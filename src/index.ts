export { ExposeErrors } from './errors';
export * from './load-balancer-providers/provider';
