export * from './errors';
export * from './envelope';
export * from './services';
export * from './events';
export * from './pipeline-probe';
export * from './validation';
export * from './identity';
