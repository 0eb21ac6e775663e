import type { IndicatorView } from '@mc/contracts';
import { formatPercent } from '../read-models/vietnamese-numbers';
import type { IndicatorInputs } from './indicator-inputs';

/*
 * The QĐ 766/QĐ-TTg indicators the platform reports, one definition each: the
 * formula in words as the national formula note ("Mô tả công thức tính chỉ số
 * 766") writes it, what it reads, and how it scores ("→ max at X%": full points
 * from X% up, linear below).
 *
 * Points. The 100 points divide into five groups: satisfaction 18 and
 * timeliness up to 20 are confirmed; disclosure 18, online service 22 and
 * digitisation 22 are not (they make the sum 100). How a group's points divide
 * among its indicators is not in the formula note either: until the scoring
 * guide is at hand they are split evenly among the indicators QĐ 766 lists in
 * the group (group 1: 1.1–1.4; group 3: 3.1, 3.2, 3.3, 3.5, 3.6; group 4:
 * 4.1–4.5; group 5: 5.2–5.4). UNVERIFIED except the two confirmed totals.
 */
const POINTS = {
  disclosure: 18 / 4, // unverified
  timeliness: 20, // confirmed: the on-time rate carries the whole group
  online: 22 / 5, // unverified
  digitisation: 22 / 5, // unverified
  satisfaction: 18 / 3, // group total confirmed; the split is unverified
  informational: 0,
} as const;

export interface Evaluation {
  inputs: { name: string; value: number }[];
  value: number | null;
  /** When the value is not a ratio (an average time), what to show instead of a percentage. */
  valueDisplay?: string;
  unavailableReason: string | null;
}

export interface IndicatorDefinition {
  key: string;
  group: IndicatorView['group'];
  name: string;
  formula: string;
  fullPointsAt: number;
  maxPoints: number;
  evaluate(inputs: IndicatorInputs): Evaluation;
}

/** numerator / denominator; no value when nothing was counted (the formula note: "mẫu số = 0 → N/A"). */
export function ratio(numerator: number, denominator: number, emptyReason: string): Pick<Evaluation, 'value' | 'unavailableReason'> {
  return denominator > 0 ? { value: numerator / denominator, unavailableReason: null } : { value: null, unavailableReason: emptyReason };
}

/** Full points from `fullPointsAt` up, value × maxPoints / fullPointsAt below; rounded to hundredths. */
export function scoreOf(value: number | null, fullPointsAt: number, maxPoints: number): number | null {
  if (value === null || maxPoints === 0) return null;
  const share = fullPointsAt > 0 ? Math.min(1, Math.max(0, value) / fullPointsAt) : 1;
  return Math.round(share * maxPoints * 100) / 100;
}

/** One count over another, both shown as the inputs. */
function partOf(part: Evaluation['inputs'][number], whole: Evaluation['inputs'][number], emptyReason: string): Evaluation {
  return { inputs: [part, whole], ...ratio(part.value, whole.value, emptyReason) };
}

const finishedWithVerdict = (i: IndicatorInputs) => i.early + i.onTime + i.late;

export const PAYMENT_UNAVAILABLE = 'Nền tảng chưa có dữ liệu thanh toán trực tuyến';
export const PORTAL_SYNC_UNAVAILABLE =
  'Nền tảng chưa đồng bộ hồ sơ lên Cổng Dịch vụ công quốc gia nên chưa có số hồ sơ đã đồng bộ để tính chỉ số này';

export const INDICATORS: readonly IndicatorDefinition[] = [
  {
    // 1.4 — the platform does not sync with the national portal yet: nothing to count.
    key: 'national_portal_sync',
    group: 1,
    name: 'Tỷ lệ hồ sơ đồng bộ lên Cổng Dịch vụ công quốc gia',
    formula: 'Số hồ sơ đã đồng bộ có ngày tiếp nhận trong kỳ / Tổng số hồ sơ tiếp nhận trong kỳ × 100%.',
    fullPointsAt: 1,
    maxPoints: POINTS.disclosure,
    evaluate: (i) => ({ inputs: [{ name: 'Hồ sơ tiếp nhận trong kỳ', value: i.received }], value: null, unavailableReason: PORTAL_SYNC_UNAVAILABLE }),
  },
  {
    // 2.1 — finished with a verdict (early, on time, late) plus still open at the end of the period.
    // Refused, withdrawn and stopped dossiers carry no verdict in the projection and are left out of both sides.
    key: 'on_time_rate',
    group: 2,
    name: 'Tỷ lệ hồ sơ xử lý trước hạn, đúng hạn',
    formula:
      'Số hồ sơ đã giải quyết trước hạn, đúng hạn và hồ sơ đang giải quyết trong hạn tại cuối kỳ / Tổng số hồ sơ đã giải quyết và đang giải quyết tại cuối kỳ × 100%; thời gian tạm dừng để bổ sung được trừ, hồ sơ yêu cầu bổ sung quá 01 lần tính là quá hạn.',
    fullPointsAt: 1,
    maxPoints: POINTS.timeliness,
    evaluate: (i) => ({
      inputs: [
        { name: 'Đã giải quyết trước hạn', value: i.early },
        { name: 'Đã giải quyết đúng hạn', value: i.onTime },
        { name: 'Đã giải quyết quá hạn', value: i.late },
        { name: 'Đang giải quyết trong hạn tại cuối kỳ', value: i.openOnTimeAtEnd },
        { name: 'Đang giải quyết quá hạn tại cuối kỳ', value: i.openAtEnd - i.openOnTimeAtEnd },
      ],
      ...ratio(i.early + i.onTime + i.openOnTimeAtEnd, finishedWithVerdict(i) + i.openAtEnd, 'Không có hồ sơ đã hoặc đang giải quyết trong kỳ.'),
    }),
  },
  {
    // 2.2 — not a ratio: the average is shown in days; displayed only, it earns no points of its own.
    key: 'average_processing_time',
    group: 2,
    name: 'Thời gian giải quyết TTHC trung bình',
    formula: 'Tổng thời gian giải quyết của các hồ sơ đã giải quyết xong trong kỳ / Số hồ sơ đã giải quyết xong trong kỳ.',
    fullPointsAt: 1,
    maxPoints: POINTS.informational,
    evaluate: (i) => {
      const finished = finishedWithVerdict(i);
      const hours = finished > 0 ? Math.round(i.processingMs / finished / 3_600_000) : 0;
      const inputs = [
        { name: 'Hồ sơ đã giải quyết xong', value: finished },
        { name: 'Tổng thời gian giải quyết (giờ)', value: Math.round(i.processingMs / 3_600_000) },
        { name: 'Thời gian trung bình (giờ)', value: hours },
      ];
      if (finished === 0) return { inputs, value: null, unavailableReason: 'Không có hồ sơ giải quyết xong trong kỳ.' };
      const days = i.processingMs / finished / 86_400_000;
      return { inputs, value: null, valueDisplay: `${days.toFixed(2).replace('.', ',')} ngày`, unavailableReason: null };
    },
  },
  {
    // 3.1 — a procedure offered both partly and fully online counts at its highest level.
    key: 'procedures_online',
    group: 3,
    name: 'Tỷ lệ TTHC cung cấp dịch vụ công trực tuyến',
    formula:
      'Số TTHC có dịch vụ công trực tuyến toàn trình hoặc một phần / Tổng số TTHC đang có hiệu lực mà đơn vị áp dụng × 100%; đạt từ 80% trở lên được điểm tối đa.',
    fullPointsAt: 0.8,
    maxPoints: POINTS.online,
    evaluate: (i) => ({
      inputs: [
        { name: 'TTHC trực tuyến toàn trình', value: i.proceduresOnlineFull },
        { name: 'TTHC trực tuyến một phần', value: i.proceduresOnlinePartial },
        { name: 'TTHC đơn vị áp dụng', value: i.proceduresOffered },
      ],
      ...ratio(i.proceduresOnlineFull + i.proceduresOnlinePartial, i.proceduresOffered, 'Đơn vị chưa áp dụng thủ tục hành chính nào đang có hiệu lực.'),
    }),
  },
  {
    // 3.2 — the formula note gives no full-points ratio for it: scored linearly up to 100% (unverified).
    key: 'online_services_with_dossiers',
    group: 3,
    name: 'Tỷ lệ dịch vụ công trực tuyến có phát sinh hồ sơ',
    formula: 'Số TTHC cung cấp dịch vụ công trực tuyến có hồ sơ tiếp nhận trực tuyến trong kỳ / Tổng số TTHC cung cấp dịch vụ công trực tuyến × 100%.',
    fullPointsAt: 1,
    maxPoints: POINTS.online,
    evaluate: (i) =>
      partOf(
        { name: 'TTHC trực tuyến có hồ sơ trực tuyến', value: i.proceduresOnlineWithDossiers },
        { name: 'TTHC cung cấp dịch vụ công trực tuyến', value: i.proceduresOnlineFull + i.proceduresOnlinePartial },
        'Đơn vị chưa cung cấp dịch vụ công trực tuyến cho thủ tục nào.',
      ),
  },
  {
    // 3.3 — channel 2 (KenhThucHien = 2) among everything received.
    key: 'online_dossier_share',
    group: 3,
    name: 'Tỷ lệ hồ sơ TTHC nộp trực tuyến',
    formula: 'Số hồ sơ tiếp nhận trực tuyến trong kỳ / Tổng số hồ sơ tiếp nhận trong kỳ × 100%; đạt từ 50% trở lên được điểm tối đa.',
    fullPointsAt: 0.5,
    maxPoints: POINTS.online,
    evaluate: (i) =>
      partOf(
        { name: 'Hồ sơ tiếp nhận trực tuyến', value: i.receivedOnline },
        { name: 'Hồ sơ tiếp nhận trong kỳ', value: i.received },
        'Không có hồ sơ tiếp nhận trong kỳ.',
      ),
  },
  {
    // 3.3, postal part — shown for the BCCI report, earns no points.
    key: 'postal_share',
    group: 3,
    name: 'Tỷ lệ hồ sơ tiếp nhận, trả kết quả qua dịch vụ bưu chính công ích',
    formula:
      '(Số hồ sơ tiếp nhận qua bưu chính công ích + Số kết quả trả qua bưu chính công ích) / (Tổng số hồ sơ tiếp nhận + Tổng số kết quả đã trả) trong kỳ × 100%; chỉ số tham khảo, không tính điểm.',
    fullPointsAt: 1,
    maxPoints: POINTS.informational,
    evaluate: (i) => ({
      inputs: [
        { name: 'Hồ sơ tiếp nhận qua bưu chính', value: i.receivedPostal },
        { name: 'Kết quả trả qua bưu chính', value: i.returnedByPost },
        { name: 'Hồ sơ tiếp nhận trong kỳ', value: i.received },
        { name: 'Kết quả đã trả trong kỳ', value: i.returned },
      ],
      ...ratio(i.receivedPostal + i.returnedByPost, i.received + i.returned, 'Không có hồ sơ tiếp nhận hoặc kết quả trả trong kỳ.'),
    }),
  },
  {
    // 3.5 — how many fee-bearing procedures are known; which are integrated with online payment is not.
    key: 'procedures_online_payment',
    group: 3,
    name: 'Tỷ lệ TTHC có yêu cầu nghĩa vụ tài chính được tích hợp thanh toán trực tuyến',
    formula:
      'Số TTHC có hồ sơ đồng bộ dữ liệu phí, lệ phí thanh toán trực tuyến / Tổng số TTHC có thu phí, lệ phí × 100%; đạt từ 80% trở lên được điểm tối đa.',
    fullPointsAt: 0.8,
    maxPoints: POINTS.online,
    evaluate: (i) => ({ inputs: [{ name: 'TTHC có thu phí, lệ phí', value: i.proceduresWithFee }], value: null, unavailableReason: PAYMENT_UNAVAILABLE }),
  },
  {
    // 3.6 — the denominator is known, the numerator (dossiers paid online) is not.
    key: 'online_payment',
    group: 3,
    name: 'Tỷ lệ hồ sơ thanh toán trực tuyến',
    formula: 'Số hồ sơ được thanh toán trực tuyến trong kỳ / Tổng số hồ sơ của các TTHC có thu phí, lệ phí trong kỳ × 100%.',
    fullPointsAt: 1,
    maxPoints: POINTS.online,
    evaluate: (i) => ({
      inputs: [{ name: 'Hồ sơ của TTHC có thu phí, lệ phí', value: i.feeBearingReceived }],
      value: null,
      unavailableReason: PAYMENT_UNAVAILABLE,
    }),
  },
  {
    // 4.1 — results issued in the period, of which electronic.
    key: 'electronic_result_rate',
    group: 4,
    name: 'Tỷ lệ hồ sơ TTHC có cấp kết quả giải quyết điện tử',
    formula: 'Số hồ sơ có cấp kết quả giải quyết TTHC điện tử / Tổng số hồ sơ đã cấp kết quả trong kỳ × 100%.',
    fullPointsAt: 1,
    maxPoints: POINTS.digitisation,
    evaluate: (i) =>
      partOf(
        { name: 'Kết quả điện tử', value: i.electronicResults },
        { name: 'Kết quả đã cấp', value: i.resultsIssued },
        'Không có kết quả giải quyết nào được cấp trong kỳ.',
      ),
  },
  {
    // 4.2 — a received dossier counts as digitised when every one of its components has a file (documents' events).
    key: 'digitisation_rate',
    group: 4,
    name: 'Tỷ lệ hồ sơ TTHC thực hiện số hóa hồ sơ',
    formula: 'Số hồ sơ tiếp nhận trong kỳ đã số hóa thành phần hồ sơ / Tổng số hồ sơ tiếp nhận trong kỳ × 100%; đạt từ 80% trở lên được điểm tối đa.',
    fullPointsAt: 0.8,
    maxPoints: POINTS.digitisation,
    evaluate: (i) => ({
      inputs: [
        { name: 'Hồ sơ đã số hóa', value: i.receivedDigitised },
        { name: 'Hồ sơ tiếp nhận trong kỳ', value: i.received },
        { name: 'Tệp đã số hóa (thành phần, kết quả)', value: i.digitisedFiles },
      ],
      ...ratio(i.receivedDigitised, i.received, 'Không có hồ sơ tiếp nhận trong kỳ.'),
    }),
  },
  {
    // 4.3 — counted over components: those taken from a citizen's store of verified documents (documents' events).
    key: 'reuse_rate',
    group: 4,
    name: 'Tỷ lệ khai thác, sử dụng lại thông tin, dữ liệu số hóa',
    formula:
      'Số thành phần hồ sơ sử dụng lại thông tin, dữ liệu, giấy tờ điện tử đã số hóa / Tổng số thành phần hồ sơ tiếp nhận trong kỳ × 100%; đạt từ 80% trở lên được điểm tối đa.',
    fullPointsAt: 0.8,
    maxPoints: POINTS.digitisation,
    evaluate: (i) =>
      partOf(
        { name: 'Thành phần hồ sơ sử dụng lại', value: i.componentsReused },
        { name: 'Thành phần hồ sơ tiếp nhận', value: i.components },
        'Không có thành phần hồ sơ nào được tiếp nhận trong kỳ.',
      ),
  },
  {
    // 5.4 — both rates over the dossiers finished with a verdict in the period; never below 0.
    key: 'procedure_satisfaction',
    group: 5,
    name: 'Tỷ lệ hài lòng trong tiếp nhận, giải quyết TTHC',
    formula:
      '100% − (Tỷ lệ hồ sơ giải quyết quá hạn + Tỷ lệ hồ sơ có đánh giá không hài lòng); đạt từ 90% trở lên được điểm tối đa.',
    fullPointsAt: 0.9,
    maxPoints: POINTS.satisfaction,
    evaluate: (i) => {
      const finished = finishedWithVerdict(i);
      const inputs = [
        { name: 'Hồ sơ đã giải quyết', value: finished },
        { name: 'Hồ sơ giải quyết quá hạn', value: i.late },
        { name: 'Lượt đánh giá', value: i.ratings },
        { name: 'Đánh giá không hài lòng', value: i.ratingsDissatisfied },
      ];
      if (finished === 0) return { inputs, value: null, unavailableReason: 'Không có hồ sơ giải quyết xong trong kỳ.' };
      return { inputs, value: Math.max(0, 1 - (i.late + i.ratingsDissatisfied) / finished), unavailableReason: null };
    },
  },
];

export const UNAVAILABLE_DISPLAY = 'Chưa có số liệu';

/** The view of one indicator for these inputs. */
export function indicatorView(definition: IndicatorDefinition, inputs: IndicatorInputs): IndicatorView {
  const evaluation = definition.evaluate(inputs);
  return {
    key: definition.key,
    group: definition.group,
    name: definition.name,
    formula: definition.formula,
    inputs: evaluation.inputs,
    value: evaluation.value,
    valueDisplay: evaluation.valueDisplay ?? (evaluation.value === null ? UNAVAILABLE_DISPLAY : formatPercent(evaluation.value)),
    fullPointsAt: definition.fullPointsAt,
    maxPoints: Math.round(definition.maxPoints * 100) / 100,
    score: scoreOf(evaluation.value, definition.fullPointsAt, definition.maxPoints),
    unavailableReason: evaluation.unavailableReason,
  };
}

export const evaluateIndicators = (inputs: IndicatorInputs): IndicatorView[] => INDICATORS.map((definition) => indicatorView(definition, inputs));
