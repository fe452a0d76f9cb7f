export { ExposeErrors } from './errors';
export * from './tls';
export * from './public-web-app';
export * from './exposure/exposure';
export * from './exposure/ingress';
export * from './ingress-controllers/controller';
export * from './ingress-controllers/nginx';
export * from './ingress-controllers/traefik';
export * from './load-balancer-providers/provider';
