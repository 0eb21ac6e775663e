export * from './snake-naming.strategy';
export * from './service-data-source';
export * from './database-unavailable';
export * from './prepared-query';
