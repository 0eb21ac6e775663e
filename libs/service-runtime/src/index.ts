export * from './config';
export * from './bus-service';
export * from './repeat';
export * from './account-revocations';
export * from './clock';
