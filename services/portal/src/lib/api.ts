import { apiErrorOf, createApi } from '@mc/web-api';
import { currentUser } from './auth';

export { ApiError, apiErrorOf, unwrap } from '@mc/web-api';

export const api = createApi(window.location.origin, async () => (await currentUser())?.access_token ?? null);

/** A PDF the API renders (Mẫu 01, Mẫu 02), opened for reading and printing. */
export async function openDossierForm(code: string, form: 'receipt' | 'supplement-request', token?: string): Promise<void> {
  const user = await currentUser();
  const query = token ? `?token=${encodeURIComponent(token)}` : '';
  const response = await fetch(`/api/v1/dossiers/${encodeURIComponent(code)}/forms/${form}${query}`, {
    headers: user ? { authorization: `Bearer ${user.access_token}` } : {},
  });
  if (!response.ok) throw await apiErrorOf(response);
  window.open(URL.createObjectURL(await response.blob()), '_blank');
}
