export * from './cni';
export * from './network-attachment';
export * from './secondary-network';
