import { useQuery } from '@tanstack/react-query';
import type { components } from '@mc/web-api';
import { api, ApiError, unwrap } from '../../../lib/api';

export type CitizenDossier = components['schemas']['CitizenDossierView'];

export const listMyDossiers = () => unwrap(api.GET('/api/v1/citizen/dossiers'));

export const useMyDossiers = () => useQuery({ queryKey: ['my-dossiers'], queryFn: listMyDossiers });

/** One of the citizen's own dossiers; another citizen's code is simply not among them. */
export function useMyDossier(code: string) {
  const query = useMyDossiers();
  const dossier = query.data?.find((candidate) => candidate.code === code);
  const missing = query.data && !dossier ? new ApiError(404, 'NOT_FOUND', 'Không tìm thấy hồ sơ này trong hồ sơ của bạn. Kiểm tra lại mã hồ sơ.') : null;
  return { ...query, dossier, error: query.error ?? missing };
}

/** Each paper supplied, and how it came: a file uploaded (electronic from the start) or a document from the citizen's store. */
export interface SuppliedPaper {
  name: string;
  came: 'file' | 'store' | 'paper';
}

export const answerSupplement = (code: string, supplied: SuppliedPaper[], idempotencyKey: string) =>
  unwrap(
    api.POST('/api/v1/dossiers/{code}/actions', {
      params: { path: { code }, header: { 'Idempotency-Key': idempotencyKey } },
      body: {
        action: 'receive_supplement',
        supplied: supplied.map(({ name, came }) => ({ name, copyType: 'original' as const, quantity: 1, digitised: came === 'file', reusedFromStore: came === 'store' })),
      },
    }),
  );

export type RatingLevel = 'very_satisfied' | 'satisfied' | 'neutral' | 'dissatisfied';
export type RatingScores = Record<'reception' | 'duration' | 'attitude' | 'result' | 'costs', RatingLevel>;

export const rateDossier = (code: string, token: string, scores: RatingScores, comment: string) =>
  unwrap(api.POST('/api/v1/tracking/{code}/rating', { params: { path: { code } }, body: { token, scores, ...(comment.trim() ? { comment: comment.trim() } : {}) } }));
