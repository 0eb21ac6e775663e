import {
  type IndicatorsReport,
  type LateDossiers,
  type ReportFreshness,
  type ReportTrackingBook,
  type SatisfactionReport,
  type StaffingTable,
  TIMELINESS_COUNT_KEYS,
  type TimelinessCounts,
  type TimelinessReport,
  type TimelinessRow,
  zeroTimelinessCounts,
} from '@mc/contracts';

/** Replies as the report queries return them, for the export tests. */

export const freshness: ReportFreshness = {
  pendingEvents: 0,
  lastEventAt: '2026-02-28T09:29:00.000Z',
  lagMs: 0,
  asOf: '2026-02-28T09:30:00.000Z', // 16:30 in Vietnam
};

const UNIT = { code: '05983', name: 'Phường Lương Văn Tri' };

function rate(counts: TimelinessCounts): number | null {
  const finished = counts.finishedEarly + counts.finishedOnTime + counts.finishedLate;
  return finished === 0 ? null : (counts.finishedEarly + counts.finishedOnTime) / finished;
}

function row(key: string, label: string, counts: TimelinessCounts): TimelinessRow {
  const onTimeRate = rate(counts);
  return { key, label, ...counts, onTimeRate, onTimeRateDisplay: onTimeRate === null ? '' : `${(onTimeRate * 100).toFixed(2).replace('.', ',')}%` };
}

const COUNTS: [string, string, TimelinessCounts][] = [
  [
    '1.001193',
    'Đăng ký khai sinh',
    { carriedOver: 12, received: 148_636, receivedOnline: 120_004, receivedPostal: 31, finishedEarly: 100_000, finishedOnTime: 38_990, finishedLate: 9_630, refused: 5, withdrawn: 2, stopped: 1, inProgressOnTime: 15, inProgressOverdue: 5 },
  ],
  [
    '1.000894',
    'Đăng ký kết hôn',
    { carriedOver: 3, received: 420, receivedOnline: 301, receivedPostal: 0, finishedEarly: 200, finishedOnTime: 190, finishedLate: 20, refused: 4, withdrawn: 1, stopped: 0, inProgressOnTime: 7, inProgressOverdue: 1 },
  ],
  ['2.000908', 'Chứng thực bản sao từ bản chính giấy tờ, văn bản', zeroTimelinessCounts()],
];

export function sampleTimeliness(): TimelinessReport {
  const rows = COUNTS.map(([key, label, counts]) => row(key, label, counts));
  const sum = zeroTimelinessCounts();
  for (const key of TIMELINESS_COUNT_KEYS) sum[key] = COUNTS.reduce((total, [, , counts]) => total + counts[key], 0);
  const total = row('total', 'Tổng cộng', sum);
  return {
    title: 'Báo cáo tình hình giải quyết thủ tục hành chính',
    unit: UNIT,
    from: '2026-02-01',
    to: '2026-02-28',
    fromDisplay: '01/02/2026',
    toDisplay: '28/02/2026',
    groupBy: 'procedure',
    rows,
    total,
    summary: `${total.finishedEarly + total.finishedOnTime} hồ sơ đúng hạn và trước hạn, ${total.onTimeRateDisplay}`,
    freshness,
  };
}

export function sampleTrackingBook(lines = 2, total = lines): ReportTrackingBook {
  return {
    title: 'Sổ theo dõi hồ sơ',
    unit: UNIT,
    fromDisplay: '01/02/2026',
    toDisplay: '28/02/2026',
    total,
    lines: Array.from({ length: lines }, (_, index) => ({
      number: index + 1,
      code: `H20.05983-260201-${String(index + 1).padStart(4, '0')}`,
      applicantName: index % 2 ? 'Trần Thị Bích Ngọc' : 'Nguyễn Văn Đức',
      procedureName: 'Đăng ký khai sinh (thủ tục liên thông: đăng ký khai sinh, đăng ký thường trú, cấp thẻ bảo hiểm y tế)',
      receivingUnitCode: '05983',
      competentUnitCode: '05983',
      channelCode: (index % 3) + 1,
      receivedAtDisplay: '08:15 ngày 02/02/2026',
      dueAtDisplay: '16:30 ngày 05/02/2026',
      finishedAtDisplay: index % 2 ? null : '10:00 ngày 04/02/2026',
      outcomeLabel: index % 2 ? null : 'Trước hạn',
    })),
    freshness,
  };
}

export function sampleLateDossiers(): LateDossiers {
  return {
    title: 'Danh sách hồ sơ trễ hạn',
    unit: UNIT,
    fromDisplay: '01/02/2026',
    toDisplay: '28/02/2026',
    total: 3,
    lines: [
      {
        code: 'H20.05983-260203-0007',
        applicantName: 'Hoàng Văn Thụ',
        procedureName: 'Đăng ký kết hôn',
        competentUnitCode: '05983',
        receivedAtDisplay: '09:00 ngày 03/02/2026',
        dueAtDisplay: '16:30 ngày 06/02/2026',
        finishedAtDisplay: '10:00 ngày 10/02/2026',
        lateReason: 'Quá hạn 2 ngày',
        apologies: [{ newDueAtDisplay: '10/02/2026', reason: 'Chờ xác minh tình trạng hôn nhân', signer: 'Lê Văn Lãnh', signedAtDisplay: '06/02/2026' }],
      },
      {
        code: 'H20.05983-260204-0002',
        applicantName: 'Đỗ Thị Hương',
        procedureName: 'Đăng ký khai sinh',
        competentUnitCode: '05983',
        receivedAtDisplay: '09:00 ngày 04/02/2026',
        dueAtDisplay: '16:30 ngày 05/02/2026',
        finishedAtDisplay: null,
        lateReason: 'Yêu cầu bổ sung 2 lần',
        apologies: [],
      },
    ],
    freshness: { ...freshness, pendingEvents: 4, lagMs: 2_500 },
  };
}

export function sampleIndicators(): IndicatorsReport {
  return {
    title: 'Bộ chỉ số phục vụ người dân, doanh nghiệp',
    unit: UNIT,
    fromDisplay: '01/02/2026',
    toDisplay: '28/02/2026',
    indicators: [
      {
        key: 'timeliness',
        group: 2,
        name: 'Tỷ lệ hồ sơ giải quyết đúng hạn',
        formula: 'Số hồ sơ giải quyết trước hạn và đúng hạn / Tổng số hồ sơ đã giải quyết',
        inputs: [
          { name: 'Trước hạn và đúng hạn', value: 139_380 },
          { name: 'Đã giải quyết', value: 149_030 },
        ],
        value: 139_380 / 149_030,
        valueDisplay: '93,52%',
        fullPointsAt: 1,
        maxPoints: 2,
        score: 1.87,
        unavailableReason: null,
      },
      {
        key: 'publicity',
        group: 1,
        name: 'Công khai thủ tục hành chính',
        formula: 'Số TTHC công khai đầy đủ / Tổng số TTHC',
        inputs: [],
        value: null,
        valueDisplay: '',
        fullPointsAt: 1,
        maxPoints: 2,
        score: null,
        unavailableReason: 'Hệ thống chưa có số liệu công khai thủ tục hành chính.',
      },
    ],
    freshness,
  };
}

export function sampleSatisfaction(): SatisfactionReport {
  const levels = (a: number, b: number, c: number) => [
    { level: '3', label: 'Rất hài lòng', count: a },
    { level: '2', label: 'Hài lòng', count: b },
    { level: '1', label: 'Không hài lòng', count: c },
  ];
  return {
    title: 'Kết quả đánh giá mức độ hài lòng',
    unit: UNIT,
    fromDisplay: '01/02/2026',
    toDisplay: '28/02/2026',
    ratings: 120,
    dissatisfied: 6,
    criteria: [
      { key: 'attitude', label: 'Thái độ phục vụ của công chức', levels: levels(80, 36, 4) },
      { key: 'time', label: 'Thời gian giải quyết', levels: levels(70, 44, 6) },
    ],
    freshness,
  };
}

export function sampleStaffing(): StaffingTable {
  return {
    title: 'Số lượng công chức, viên chức làm việc tại Bộ phận Một cửa',
    unit: { code: '20', name: 'UBND tỉnh Lạng Sơn' },
    lines: [
      { number: 1, unitCode: '05983', centreName: 'Bộ phận Một cửa phường Lương Văn Tri', total: 9, own: 5, seconded: 4 },
      { number: 2, unitCode: '05977', centreName: 'Bộ phận Một cửa phường Đông Kinh', total: 7, own: 4, seconded: 3 },
    ],
    total: { total: 16, own: 9, seconded: 7 },
    freshness,
  };
}
