import { applyDecorators, Controller, Get, Query, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProduces, ApiQuery, ApiTags } from '@nestjs/swagger';
import {
  AppError,
  EXPORT_FORMATS,
  REPORT_GROUPINGS,
  ReportingSubjects,
  type ExportedReport,
  type ExportFormat,
  type ReportKind,
} from '@mc/contracts';
import { NatsClientProxy } from '@mc/messaging/client';
import { CallerHeaders } from '../http/caller-headers';

type QueryString = Record<string, string | string[] | undefined>;

const INCLUDE_SUBUNITS_QUERY = ApiQuery({
  name: 'includeSubunits',
  required: false,
  enum: ['true', 'false'],
  description: 'Gồm các đơn vị trực thuộc (mặc định true)',
});
const SCOPE_QUERIES = applyDecorators(
  ApiQuery({ name: 'unitCode', required: true, type: String, description: 'Mã đơn vị, ví dụ 05983 (Phường Lương Văn Tri) hoặc 20 (cả tỉnh)' }),
  ApiQuery({ name: 'from', required: true, type: String, description: 'Từ ngày (yyyy-mm-dd), giờ Việt Nam' }),
  ApiQuery({ name: 'to', required: true, type: String, description: 'Đến ngày (yyyy-mm-dd), tính cả ngày này' }),
  INCLUDE_SUBUNITS_QUERY,
);
const PAGE_QUERIES = applyDecorators(
  ApiQuery({ name: 'offset', required: false, type: Number, description: 'Bỏ qua bao nhiêu dòng đầu' }),
  ApiQuery({ name: 'limit', required: false, type: Number, description: 'Số dòng (1–5000); khi xuất tệp, Excel tối đa 5.000 dòng, PDF tối đa 500 dòng' }),
);
/** Every report answers as JSON or, asked for with `format`, as a file. */
const EXPORTABLE = applyDecorators(
  ApiQuery({
    name: 'format',
    required: false,
    enum: EXPORT_FORMATS,
    description: 'xlsx: tệp Excel; pdf: bản in khổ A4; json (mặc định): số liệu của báo cáo',
  }),
  ApiProduces('application/json', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'application/pdf'),
);

const isExportFormat = (value: string): value is ExportFormat => (EXPORT_FORMATS as readonly string[]).includes(value);

/**
 * The reports (báo cáo), each as JSON or, with `?format=xlsx|pdf`, as a file
 * to download. Query strings go through as they are: the reporting service
 * validates them with the report's request schema.
 */
@ApiTags('Báo cáo (reports)')
@ApiBearerAuth()
@Controller('api/v1/reports')
export class ReportsController {
  constructor(private readonly bus: NatsClientProxy) {}

  @Get('timeliness')
  @ApiOperation({ summary: 'Tình hình giải quyết thủ tục hành chính: tiếp nhận, đã giải quyết (trước hạn, đúng hạn, quá hạn), đang giải quyết, tỷ lệ đúng hạn' })
  @SCOPE_QUERIES
  @ApiQuery({ name: 'groupBy', required: false, enum: REPORT_GROUPINGS, description: 'Nhóm theo đơn vị, thủ tục, lĩnh vực, kênh nộp hoặc thời gian' })
  @ApiQuery({ name: 'procedureCode', required: false, type: String, description: 'Chỉ một thủ tục' })
  @ApiQuery({ name: 'fieldCode', required: false, type: String, description: 'Chỉ một lĩnh vực' })
  @ApiQuery({ name: 'channelCode', required: false, enum: ['1', '2', '3'], description: '1 trực tiếp, 2 trực tuyến, 3 qua bưu chính' })
  @EXPORTABLE
  timeliness(@Query() query: QueryString, @CallerHeaders() headers: CallerHeaders) {
    return this.report('timeliness', ReportingSubjects.timeliness, query, headers);
  }

  @Get('tracking-book')
  @ApiOperation({ summary: 'Sổ theo dõi hồ sơ của đơn vị trong kỳ' })
  @SCOPE_QUERIES
  @PAGE_QUERIES
  @EXPORTABLE
  trackingBook(@Query() query: QueryString, @CallerHeaders() headers: CallerHeaders) {
    return this.report('tracking-book', ReportingSubjects.trackingBook, query, headers);
  }

  @Get('late-dossiers')
  @ApiOperation({ summary: 'Hồ sơ trễ hạn, lý do và văn bản xin lỗi, hẹn lại ngày trả kết quả' })
  @SCOPE_QUERIES
  @PAGE_QUERIES
  @EXPORTABLE
  lateDossiers(@Query() query: QueryString, @CallerHeaders() headers: CallerHeaders) {
    return this.report('late-dossiers', ReportingSubjects.lateDossiers, query, headers);
  }

  @Get('indicators')
  @ApiOperation({ summary: 'Bộ chỉ số chỉ đạo, điều hành và đánh giá chất lượng phục vụ người dân, doanh nghiệp (QĐ 766/QĐ-TTg)' })
  @SCOPE_QUERIES
  @EXPORTABLE
  indicators(@Query() query: QueryString, @CallerHeaders() headers: CallerHeaders) {
    return this.report('indicators', ReportingSubjects.indicators, query, headers);
  }

  @Get('satisfaction')
  @ApiOperation({ summary: 'Kết quả đánh giá mức độ hài lòng theo từng tiêu chí' })
  @SCOPE_QUERIES
  @EXPORTABLE
  satisfaction(@Query() query: QueryString, @CallerHeaders() headers: CallerHeaders) {
    return this.report('satisfaction', ReportingSubjects.satisfaction, query, headers);
  }

  @Get('staffing')
  @ApiOperation({ summary: 'Số lượng công chức, viên chức làm việc tại Bộ phận Một cửa' })
  @ApiQuery({ name: 'unitCode', required: true, type: String, description: 'Mã đơn vị, ví dụ 20 (cả tỉnh)' })
  @INCLUDE_SUBUNITS_QUERY
  @EXPORTABLE
  staffing(@Query() query: QueryString, @CallerHeaders() headers: CallerHeaders) {
    return this.report('staffing', ReportingSubjects.staffing, query, headers);
  }

  @Get('freshness')
  @ApiOperation({ summary: 'Độ cập nhật của số liệu báo cáo: số sự kiện chưa xử lý, thời điểm sự kiện mới nhất, độ trễ' })
  freshness(@Query() query: QueryString, @CallerHeaders() headers: CallerHeaders): Promise<unknown> {
    return this.bus.request(ReportingSubjects.freshness, query, headers);
  }

  private async report(kind: ReportKind, subject: string, query: QueryString, headers: CallerHeaders): Promise<unknown> {
    const { format: requested, ...params } = query;
    const format = requested === undefined || requested === '' ? 'json' : requested;
    if (typeof format !== 'string' || !isExportFormat(format)) {
      throw new AppError('VALIDATION_FAILED', 'Định dạng xuất phải là xlsx, pdf hoặc json (tham số format).', { format: requested });
    }
    if (format === 'json') return this.bus.request(subject, params, headers);
    const file = await this.bus.request<ExportedReport>(ReportingSubjects.export, { kind, format, params }, headers);
    const content = Buffer.from(file.base64, 'base64');
    return new StreamableFile(content, {
      type: file.contentType,
      disposition: `attachment; filename="${file.fileName.replace(/[^A-Za-z0-9._-]/g, '_')}"`,
      length: content.length,
    });
  }
}
