import { Inject, Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import {
  AppError,
  FORM_TITLES,
  formRegimeOf,
  type Applicant,
  type TrackingBook,
  type TrackingBookLine,
  type TrackingBookRequest,
} from '@mc/contracts';
import { isAllowed, type Principal } from '@mc/auth';
import { startOfVietnamDay } from '@mc/working-calendar';
import { UNIT_DIRECTORY, type UnitDirectory } from '../adapters/unit-directory';
import { displayDate, displayInstant } from '../dossiers/display';

interface BookRow {
  code: string;
  applicant: Applicant;
  procedure_name: string;
  received_at: Date;
  due_at: Date;
  finished_at: Date | null;
  state: string;
  on_time: boolean | null;
  late_for_reporting: boolean;
}

const ENDED_WITHOUT_RESULT: Record<string, string> = {
  refused: 'từ chối giải quyết',
  withdrawn: 'công dân rút hồ sơ',
  stopped: 'dừng giải quyết',
};

/** Trước hạn: returned on a day before the due date; đúng hạn: on it; quá hạn: after, or late for reporting. */
function resultOf(row: BookRow): string | null {
  if (!row.finished_at) return null;
  const ended = ENDED_WITHOUT_RESULT[row.state];
  if (ended) return ended;
  if (row.on_time === false || row.late_for_reporting) return 'quá hạn';
  return displayDate(row.finished_at) === displayDate(row.due_at) ? 'đúng hạn' : 'trước hạn';
}

/**
 * The tracking book (Sổ theo dõi hồ sơ) of a receiving unit for a period: the
 * dossiers it received, numbered in order of receipt, with their due and
 * finishing dates and the result. It is a view of the dossiers' recorded
 * history, titled with the form of the regime in force at the period's start.
 */
@Injectable()
export class GetTrackingBook {
  constructor(
    private readonly dataSource: DataSource,
    @Inject(UNIT_DIRECTORY) private readonly units: UnitDirectory,
  ) {}

  async execute(input: TrackingBookRequest, principal: Principal): Promise<TrackingBook> {
    if (input.to < input.from) throw new AppError('VALIDATION_FAILED', 'Ngày kết thúc không được trước ngày bắt đầu.');
    const unitPath = await this.units.pathOf(input.unitCode);
    if (!isAllowed(principal, 'dossier.read', { unitPath })) {
      throw new AppError('NOT_FOUND', 'Không tìm thấy sổ theo dõi của đơn vị này (hoặc đơn vị không thuộc phạm vi của bạn).');
    }
    // Whole Vietnamese days: from 00:00 of the first to 00:00 after the last.
    const from = startOfVietnamDay(input.from);
    const until = new Date(startOfVietnamDay(input.to).getTime() + 86_400_000);
    const where = 'receiving_unit_code = $1 AND received_at >= $2 AND received_at < $3';
    const [{ total }] = (await this.dataSource.query(`SELECT count(*)::int AS total FROM dossiers WHERE ${where}`, [
      input.unitCode,
      from,
      until,
    ])) as { total: number }[];
    const rows: BookRow[] = await this.dataSource.query(
      `SELECT code, applicant, procedure_name, received_at, due_at, finished_at, state, on_time, late_for_reporting
       FROM dossiers WHERE ${where} ORDER BY received_at, code OFFSET $4 LIMIT $5`,
      [input.unitCode, from, until, input.offset, input.limit],
    );
    const lines = rows.map(
      (row, index): TrackingBookLine => ({
        number: input.offset + index + 1,
        code: row.code,
        applicantName: row.applicant.kind === 'individual' ? row.applicant.fullName : row.applicant.name,
        procedureName: row.procedure_name,
        receivedAtDisplay: displayInstant(row.received_at),
        dueAtDisplay: displayInstant(row.due_at),
        finishedAtDisplay: row.finished_at ? displayInstant(row.finished_at) : null,
        state: row.state,
        result: resultOf(row),
        formRegime: formRegimeOf(row.received_at),
      }),
    );
    return {
      title: FORM_TITLES[formRegimeOf(from)].trackingBook,
      unitCode: input.unitCode,
      fromDisplay: displayDate(from),
      toDisplay: displayDate(new Date(until.getTime() - 1)),
      total: total ?? 0,
      lines,
    };
  }
}
