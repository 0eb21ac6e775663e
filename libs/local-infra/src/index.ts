export * from './repo';
export * from './ports';
export * from './nats-server';
export * from './postgres';
export * from './service-process';
export * from './test-environment';
export * from './pdf-reading';
export * from './tus-client';
