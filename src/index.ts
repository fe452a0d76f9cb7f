export { ExposeErrors } from './errors';
export * from './load-balancer-providers/provider';
export * from './lint/finding';
export * from './lint/linter';
export * from './lint/plugin';
