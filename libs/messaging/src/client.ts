// What a process that only sends requests and events needs (the gateway): the barrel also holds the outbox,
// inbox and consumers, which run statements through @mc/persistence, and the gateway opens no database.
export * from './bus';
export * from './bus-context';
export * from './errors';
export * from './headers';
export * from './nats-client.proxy';
