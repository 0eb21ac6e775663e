export type { components, operations, paths } from './api-schema';
export { ApiError, apiErrorOf, createApi, unwrap, type Api } from './client';
export { formatDate, formatDateTime, formatMoney } from './format';
export { accessClaims, createOidcSession, RENEW_BEFORE_EXPIRY_SECONDS, type OidcSession, type OidcSessionOptions } from './oidc-session';
