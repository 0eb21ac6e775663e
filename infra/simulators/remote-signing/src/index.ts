export * from './remote-signing-simulator';
