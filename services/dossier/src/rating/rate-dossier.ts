import { Inject, Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import {
  AppError,
  DOSSIER_STATE_LABELS,
  dossierRatedV1,
  RATING_CRITERIA,
  type DossierRatingView,
  type RateDossierRequest,
  type RatingCriterion,
  type RatingLevel,
} from '@mc/contracts';
import { Outbox } from '@mc/messaging';
import { CLOCK, type Clock } from '../clock';
import { displayInstant } from '../dossiers/display';
import { eventBase, type DossierRow } from '../dossiers/dossier-row';
import { HistoryLog } from '../history/history-log';
import { sameToken } from '../tracking/track-dossier';

/** Whoever holds the receipt rates; the service does not know who that is. */
const RECEIPT_HOLDER = { subject: 'receipt-holder', username: 'receipt-holder', role: 'citizen', unit: '' };

const NOT_FOUND_MESSAGE = 'Không tìm thấy hồ sơ. Kiểm tra lại mã hồ sơ và mã tra cứu trên giấy tiếp nhận.';

const isUniqueViolation = (error: unknown) => (error as { driverError?: { code?: string } } | null)?.driverError?.code === '23505';

/**
 * The citizen's satisfaction rating of a returned dossier (NĐ 61/2018 Art. 32–33),
 * public like tracking: the code and the token on the receipt are the credential,
 * and a wrong token answers as an unknown code. One rating per dossier; the
 * rating, its history entry and its event are written in one transaction.
 */
@Injectable()
export class RateDossier {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: Outbox,
    private readonly history: HistoryLog,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async execute(input: RateDossierRequest): Promise<DossierRatingView> {
    try {
      return await this.dataSource.transaction((manager) => this.rate(manager, input));
    } catch (error) {
      // Two ratings racing past the check: the primary key keeps the first.
      if (isUniqueViolation(error)) throw alreadyRated(null);
      throw error;
    }
  }

  private async rate(manager: EntityManager, input: RateDossierRequest): Promise<DossierRatingView> {
    // The token is checked before the row is locked, so a wrong guess holds no lock.
    const [found]: Pick<DossierRow, 'id' | 'tracking_token'>[] = await manager.query('SELECT id, tracking_token FROM dossiers WHERE code = $1', [
      input.code,
    ]);
    if (!found || !sameToken(found.tracking_token, input.token)) throw new AppError('NOT_FOUND', NOT_FOUND_MESSAGE);
    const [row]: DossierRow[] = await manager.query('SELECT * FROM dossiers WHERE id = $1 FOR UPDATE', [found.id]);
    if (!row) throw new AppError('NOT_FOUND', NOT_FOUND_MESSAGE);
    if (row.state !== 'returned') {
      throw new AppError(
        'ILLEGAL_TRANSITION',
        `Hồ sơ đang ở trạng thái "${DOSSIER_STATE_LABELS[row.state]}". Chỉ có thể đánh giá mức độ hài lòng sau khi đã nhận kết quả giải quyết hồ sơ.`,
        { state: row.state },
      );
    }
    const [previous]: { rated_at: Date }[] = await manager.query('SELECT rated_at FROM dossier_ratings WHERE dossier_id = $1', [row.id]);
    if (previous) throw alreadyRated(previous.rated_at);

    const now = this.clock.now();
    // Stored and sent in the order of the evaluation form.
    const scores = Object.fromEntries(RATING_CRITERIA.map(({ key }) => [key, input.scores[key]])) as Record<RatingCriterion, RatingLevel>;
    const dissatisfied = Object.values(scores).includes('dissatisfied');
    const comment = input.comment || null;
    await manager.query('INSERT INTO dossier_ratings (dossier_id, scores, dissatisfied, comment, rated_at) VALUES ($1, $2, $3, $4, $5)', [
      row.id,
      JSON.stringify(scores),
      dissatisfied,
      comment,
      now,
    ]);
    const position = { state: row.state, step: row.workflow[row.step_index]?.key ?? null };
    await this.history.append(manager, {
      dossierId: row.id,
      at: now.toISOString(),
      actor: RECEIPT_HOLDER,
      action: 'rate',
      reason: null,
      before: position,
      after: position,
      details: { scores, dissatisfied, comment },
    });
    await this.outbox.add(manager, dossierRatedV1, {
      ...eventBase(row, now, RECEIPT_HOLDER.username),
      scores,
      dissatisfied,
      ratedAt: now.toISOString(),
    });
    return { code: row.code, scores, dissatisfied, comment, ratedAt: now.toISOString(), ratedAtDisplay: displayInstant(now) };
  }
}

function alreadyRated(ratedAt: Date | null): AppError {
  const when = ratedAt ? ` lúc ${displayInstant(ratedAt)}` : '';
  return new AppError('CONFLICT', `Hồ sơ này đã được đánh giá${when}. Mỗi hồ sơ chỉ được đánh giá một lần.`);
}
