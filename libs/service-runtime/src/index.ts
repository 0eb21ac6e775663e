export * from './config';
export * from './bus-service';
export * from './repeat';
export * from './clock';
