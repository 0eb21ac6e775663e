export * from './principal';
export * from './policy';
export * from './token-verifier';
