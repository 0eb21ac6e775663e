export * from './vneid-simulator';
