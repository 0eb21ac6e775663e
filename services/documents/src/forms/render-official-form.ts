import { Inject, Injectable } from '@nestjs/common';
import {
  AppError,
  type DossierView,
  type FormRegime,
  type HistoryEntryView,
  type ProcessingTime,
  type RenderedForm,
  type RenderFormRequest,
  trackingPageUrl,
  type UnitView,
} from '@mc/contracts';
import { SERVICE_CONFIG } from '@mc/service-runtime';
import type { DocumentsConfig } from '../documents.config';
import { formFrame, type FormKey } from './form-frame';
import { FormSources } from './form-sources';
import type { FormFrame, IssuingUnit } from './layout';
import { renderApology } from './render-apology';
import { renderControlSlip } from './render-control-slip';
import { renderReceipt } from './render-receipt';
import { renderRefusal } from './render-refusal';
import { renderStopNotice } from './render-stop-notice';
import { renderSupplementRequest } from './render-supplement-request';
import { renderTrackingBook } from './render-tracking-book';

type Headers = Record<string, string | undefined>;

const ADMINISTRATIVE_KINDS = new Set(['province', 'district', 'commune', 'ward', 'township', 'special_zone']);
const DURATION_UNITS: Record<string, string> = {
  working_days: 'ngày làm việc',
  days: 'ngày',
  months: 'tháng',
  working_hours: 'giờ làm việc',
  hours: 'giờ',
};
const SIGNER_POSITIONS: Record<string, string> = {
  clerk: 'NGƯỜI TIẾP NHẬN HỒ SƠ',
  leader: 'THỦ TRƯỞNG CƠ QUAN',
  specialist: 'CÔNG CHỨC XỬ LÝ HỒ SƠ',
};

const duration = ({ value, unit }: ProcessingTime) => (unit === 'working_days' && value === 0 ? 'trong ngày' : `${value} ${DURATION_UNITS[unit] ?? unit}`);

/** The name a unit bore on a date: a paper of a dossier received before a merger keeps the name of its day. */
const nameAt = (unit: UnitView, at: string) =>
  [...unit.previousNames].sort((a, b) => a.validTo.localeCompare(b.validTo)).find((previous) => at.slice(0, 10) <= previous.validTo)?.name ?? unit.name;

const latest = (history: HistoryEntryView[], action: string) => [...history].reverse().find((entry) => entry.action === action);

/**
 * Renders an official form of a dossier (or a unit's tracking book) as a PDF
 * from the data its owners hold, in the regime the dossier was received under.
 * Whoever may not read the dossier gets the dossier service's NOT_FOUND.
 */
@Injectable()
export class RenderOfficialForm {
  constructor(
    private readonly sources: FormSources,
    @Inject(SERVICE_CONFIG) private readonly config: DocumentsConfig,
  ) {}

  async execute(request: RenderFormRequest, headers: Headers, now = new Date()): Promise<RenderedForm> {
    if (request.form === 'tracking-book') return this.trackingBook(request, headers, now);
    const dossier = await this.sources.dossier(request.code, headers);
    const regime = dossier.formRegime;
    const at = now.toISOString();
    switch (request.form) {
      case 'receipt': {
        // The token the clerk typed is checked; a reprint without one takes it from the dossier service, never from a store of ours.
        const token = request.token ?? (await this.sources.trackingToken(dossier.code, headers));
        if (request.token) await this.sources.checkTrackingToken(dossier.code, request.token);
        const [history, unit, version] = await Promise.all([
          this.sources.history(dossier.code, headers),
          this.issuingUnit(dossier.receivingUnitCode, regime, dossier.receivedAt, headers),
          this.sources.procedureVersion(dossier.procedure.code, dossier.procedure.version, headers).catch(() => null),
        ]);
        const received = history.find((entry) => entry.action === 'receive');
        const frame = this.frame(regime, 'receipt', unit, dossier.receivedAt);
        return this.file(dossier, frame.title, 'receipt', await renderReceipt(frame, {
          code: dossier.code,
          applicant: dossier.applicant,
          procedureName: dossier.procedure.name,
          components: dossier.components,
          statutoryTime: version ? duration(version.processingTime) : null,
          receivedAt: dossier.receivedAt,
          dueAt: dossier.dueAt,
          collectAt: this.collectAt(dossier, unit),
          receivedByName: received ? await this.sources.staffName(received.actor, headers) : '',
          trackingUrl: trackingPageUrl(this.config.PUBLIC_BASE_URL, dossier.code, token),
        }));
      }
      case 'supplement-request': {
        const entry = latest(await this.sources.history(dossier.code, headers), 'request_supplement');
        if (!entry) throw new AppError('NOT_FOUND', `Hồ sơ ${dossier.code} chưa có phiếu yêu cầu bổ sung, hoàn thiện hồ sơ.`);
        const unit = await this.issuingUnit(dossier.receivingUnitCode, regime, entry.at, headers);
        const frame = this.frame(regime, 'supplement', unit, entry.at);
        return this.file(dossier, frame.title, 'supplement-request', await renderSupplementRequest(frame, {
          code: dossier.code,
          applicant: dossier.applicant,
          procedureName: dossier.procedure.name,
          missing: Array.isArray(entry.details.missing) ? entry.details.missing.map(String) : [],
          reason: entry.reason ?? '',
          issuedByName: await this.sources.staffName(entry.actor, headers),
          contact: unit.name,
        }));
      }
      case 'refusal': {
        const entry = latest(await this.sources.history(dossier.code, headers), 'refuse');
        if (!entry) throw new AppError('NOT_FOUND', `Hồ sơ ${dossier.code} không bị từ chối giải quyết nên không có phiếu từ chối.`);
        const unit = await this.issuingUnit(dossier.competentUnitCode, regime, entry.at, headers);
        const frame = this.frame(regime, 'refusal', unit, entry.at);
        return this.file(dossier, frame.title, 'refusal', await renderRefusal(frame, {
          code: dossier.code,
          applicant: dossier.applicant,
          procedureName: dossier.procedure.name,
          receivedAt: dossier.receivedAt,
          reason: entry.reason ?? '',
          signer: { position: SIGNER_POSITIONS[entry.actor.role] ?? 'NGƯỜI KÝ', name: await this.sources.staffName(entry.actor, headers) },
        }));
      }
      case 'apology': {
        const apologies = dossier.apologies ?? [];
        const apology = request.number ? apologies[request.number - 1] : apologies.at(-1);
        if (!apology) {
          throw new AppError('NOT_FOUND', request.number && apologies.length
            ? `Hồ sơ ${dossier.code} chỉ có ${apologies.length} văn bản xin lỗi.`
            : `Hồ sơ ${dossier.code} chưa có văn bản xin lỗi.`);
        }
        const entry = (await this.sources.history(dossier.code, headers)).find((candidate) => candidate.action === 'apologise' && candidate.at === apology.signedAt);
        const unit = await this.issuingUnit(apology.signerUnitCode, regime, apology.signedAt, headers);
        const frame = this.frame(regime, 'apology', unit, apology.signedAt);
        return this.file(dossier, frame.title, 'apology', await renderApology(frame, {
          code: dossier.code,
          applicant: dossier.applicant,
          procedureName: dossier.procedure.name,
          receivedAt: dossier.receivedAt,
          originalDueAt: apology.originalDueAt,
          reason: apology.reason,
          newDueAt: apology.newDueAt,
          signerName: entry ? await this.sources.staffName(entry.actor, headers) : apology.signedBy,
        }));
      }
      case 'stop-notice': {
        const notice = dossier.stopNotice;
        if (!notice) throw new AppError('NOT_FOUND', `Hồ sơ ${dossier.code} không bị dừng giải quyết nên không có thông báo dừng.`);
        const entry = latest(await this.sources.history(dossier.code, headers), 'stop');
        const unit = await this.issuingUnit(notice.signerUnitCode, regime, notice.signedAt, headers);
        const frame = this.frame(regime, 'stop', unit, notice.signedAt);
        return this.file(dossier, frame.title, 'stop-notice', await renderStopNotice(frame, {
          code: dossier.code,
          applicant: dossier.applicant,
          procedureName: dossier.procedure.name,
          receivedAt: dossier.receivedAt,
          stoppedAt: notice.signedAt,
          reason: notice.reason,
          signerName: entry ? await this.sources.staffName(entry.actor, headers) : notice.signedBy,
        }));
      }
      case 'control-slip': {
        const [slip, unit, competent, partners] = await Promise.all([
          this.sources.controlSlip(dossier.code, headers),
          this.issuingUnit(dossier.receivingUnitCode, regime, at, headers),
          this.sources.unit(dossier.competentUnitCode, headers),
          Promise.all((dossier.subHandlings ?? []).map((part) => this.sources.unit(part.unitCode, headers))),
        ]);
        const frame = this.frame(regime, 'controlSlip', unit, at);
        return this.file(dossier, frame.title, 'control-slip', await renderControlSlip(frame, {
          code: dossier.code,
          applicant: dossier.applicant,
          procedureName: dossier.procedure.name,
          receivedAt: dossier.receivedAt,
          dueAt: dossier.dueAt,
          competentUnitName: nameAt(competent, dossier.receivedAt),
          partnerUnitNames: partners.map((partner) => nameAt(partner, dossier.receivedAt)),
          lines: slip.lines,
        }));
      }
    }
  }

  /** No register of outgoing documents exists yet, so no form carries a number ("Số: …/…"). */
  private frame(regime: FormRegime, key: FormKey, unit: IssuingUnit, issuedAt: string): FormFrame {
    return formFrame(regime, key, { unit, number: null, place: this.config.FORMS_PLACE, issuedAt });
  }

  private async trackingBook(request: Extract<RenderFormRequest, { form: 'tracking-book' }>, headers: Headers, now: Date): Promise<RenderedForm> {
    const book = await this.sources.trackingBook(request.unitCode, request.from, request.to, headers);
    // The book follows the regime of its period's end: a period across 1 July 2025 is printed on the new form.
    const regime: FormRegime = request.to < '2025-07-01' ? '2018' : '2025';
    const unit = await this.issuingUnit(request.unitCode, regime, `${request.to}T12:00:00+07:00`, headers);
    const frame = this.frame(regime, 'trackingBook', unit, now.toISOString());
    const pdf = await renderTrackingBook(frame, book);
    return { fileName: `so-theo-doi-${request.unitCode}-${request.from}-${request.to}.pdf`, contentType: 'application/pdf', title: frame.title, base64: pdf.toString('base64') };
  }

  /**
   * The two heading lines: the People's Committee above its one-stop
   * centre (TT 03/2025), or its "Bộ phận tiếp nhận và trả kết quả" (TT 01/2018);
   * a department or centre under the committee it belongs to.
   */
  private async issuingUnit(code: string, regime: FormRegime, at: string, headers: Headers): Promise<IssuingUnit> {
    const unit = await this.sources.unit(code, headers);
    if (ADMINISTRATIVE_KINDS.has(unit.kind)) {
      const centre = unit.children.find((child) => child.kind === 'one_stop_centre');
      const name = regime === '2018' ? 'Bộ phận tiếp nhận và trả kết quả' : centre ? nameAt(centre, at) : 'Bộ phận Một cửa';
      return { governingBody: `UBND ${nameAt(unit, at)}`, name };
    }
    const parent = unit.parentCode ? await this.sources.unit(unit.parentCode, headers) : null;
    return { governingBody: parent ? `UBND ${nameAt(parent, at)}` : '', name: nameAt(unit, at) };
  }

  private collectAt(dossier: DossierView, unit: IssuingUnit): string {
    if (dossier.returnMethod === 'post') return 'Qua dịch vụ bưu chính công ích, tại địa chỉ đã đăng ký';
    if (dossier.returnMethod === 'electronic') return 'Kho quản lý dữ liệu điện tử của tổ chức, cá nhân trên Cổng Dịch vụ công';
    return unit.name;
  }

  private file(dossier: DossierView, title: string, form: string, pdf: Buffer): RenderedForm {
    return { fileName: `${form}-${dossier.code}.pdf`, contentType: 'application/pdf', title, base64: pdf.toString('base64') };
  }
}
