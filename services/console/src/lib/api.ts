import { apiErrorOf, createApi } from '@mc/web-api';
import { currentUser } from './auth';

export { ApiError, unwrap } from '@mc/web-api';

export const api = createApi(window.location.origin, async () => (await currentUser())?.access_token ?? null);

export type DossierForm = 'receipt' | 'supplement-request' | 'refusal' | 'apology' | 'stop-notice' | 'control-slip';

/** A PDF form the API renders (Mẫu 01–04, the stop notice, the control slip), opened in a new tab for printing. */
export async function openForm(code: string, form: DossierForm, token?: string): Promise<void> {
  const user = await currentUser();
  const query = token ? `?token=${encodeURIComponent(token)}` : '';
  const response = await fetch(`/api/v1/dossiers/${encodeURIComponent(code)}/forms/${form}${query}`, {
    headers: user ? { authorization: `Bearer ${user.access_token}` } : {},
  });
  if (!response.ok) throw await apiErrorOf(response);
  window.open(URL.createObjectURL(await response.blob()), '_blank');
}
