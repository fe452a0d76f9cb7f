export { ExposeErrors } from './errors';
export * from './load-balancer-providers/provider';
export * from './mesh-gateway/mesh-tls';
export * from './mesh-gateway/mesh-gateway';
export * from './mesh-gateway/mesh-canary';
export * from './mesh-gateway/mesh-exposure-options';
