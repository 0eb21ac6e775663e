export * from './oids';
export * from './certificates';
export * from './pkcs12';
export * from './cades';
export * from './timestamp-authority';
export * from './test-ca';
export { pkijs } from './engine';
