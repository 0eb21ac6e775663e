// The pure half of @mc/auth (who holds which role where, and what each role may do), for rules
// that must not load the token verifier and jose with it.
export * from './principal';
export * from './policy';
