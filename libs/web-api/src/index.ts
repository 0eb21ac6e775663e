export type { components, paths } from './api-schema';
export { ApiError, apiErrorOf, createApi, unwrap, type Api } from './client';
export { formatDate, formatDateTime, formatMoney } from './format';
