export * from './postal-operator-simulator';
