export type { components, operations, paths } from './api-schema';
export { ApiError, apiErrorOf, createApi, unwrap, type Api } from './client';
export { formatDate, formatDateTime, formatMoney } from './format';
