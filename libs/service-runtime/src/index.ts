export * from './config';
export * from './bus-service';
