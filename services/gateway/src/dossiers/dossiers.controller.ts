import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  DossierSubjects,
  type ControlSlipLine,
  type DossierView,
  type HistoryEntryView,
  type HistoryVerification,
  type ReceiveDossierResult,
} from '@mc/contracts';
import { NatsClientProxy } from '@mc/messaging/client';
import { CallerHeaders } from '../http/caller-headers';
import { withPathParams } from '../http/path-params';
import { Requires } from '../http/route-access';

// Staff and the receipt speak of the dossier code; the id is accepted too.
const ref = (codeOrId: string): Record<string, string> =>
  /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(codeOrId) ? { dossierId: codeOrId } : { code: codeOrId };
/** Either names the dossier, so a body may carry neither unless it is the path's own. */
const DOSSIER_NAMES = ['code', 'dossierId'];

const IDEMPOTENCY = { name: 'Idempotency-Key', required: false, description: 'Gửi lại cùng khóa thì thao tác chỉ được thực hiện một lần.' };

@ApiTags('Hồ sơ (dossiers)')
@ApiBearerAuth()
@Controller('api/v1/dossiers')
export class DossiersController {
  constructor(private readonly bus: NatsClientProxy) {}

  @Post()
  @HttpCode(201)
  @Requires(['dossier.receive', 'postal.update'], 'Chỉ cán bộ tiếp nhận, công dân hoặc đơn vị bưu chính công ích được nộp hồ sơ.')
  @ApiHeader(IDEMPOTENCY)
  @ApiOperation({ summary: 'Tiếp nhận hồ sơ (trực tiếp, trực tuyến, bưu chính): giấy tiếp nhận (Mẫu 01), yêu cầu bổ sung (Mẫu 02) hoặc từ chối (Mẫu 03)' })
  receive(@Body() body: unknown, @CallerHeaders() headers: CallerHeaders): Promise<ReceiveDossierResult> {
    return this.bus.request(DossierSubjects.receive, body ?? {}, headers);
  }

  @Get(':code')
  @ApiOperation({ summary: 'Một hồ sơ (404 nếu ngoài phạm vi của người xem)' })
  get(@Param('code') code: string, @CallerHeaders() headers: CallerHeaders): Promise<DossierView> {
    return this.bus.request(DossierSubjects.get, ref(code), headers);
  }

  @Post(':code/actions')
  @HttpCode(200)
  @ApiHeader(IDEMPOTENCY)
  @ApiOperation({
    summary:
      'Xử lý hồ sơ: hand_over, send_back, request_supplement, receive_supplement, approve, refuse, issue_result, return_result, withdraw, stop, apologise (Mẫu 04, hẹn lại ngày trả), extend (gia hạn)',
  })
  act(@Param('code') code: string, @Body() body: Record<string, unknown> | undefined, @CallerHeaders() headers: CallerHeaders): Promise<DossierView> {
    return this.bus.request(DossierSubjects.act, withPathParams(body, ref(code), DOSSIER_NAMES), headers);
  }

  @Post(':code/sub-handlings/:unitCode/actions')
  @HttpCode(200)
  @ApiHeader(IDEMPOTENCY)
  @ApiOperation({ summary: 'Cơ quan phối hợp liên thông xử lý phần việc của mình: start, complete, refuse' })
  actOnSubHandling(
    @Param('code') code: string,
    @Param('unitCode') unitCode: string,
    @Body() body: Record<string, unknown> | undefined,
    @CallerHeaders() headers: CallerHeaders,
  ): Promise<DossierView> {
    return this.bus.request(DossierSubjects.actOnSubHandling, withPathParams(body, { ...ref(code), unitCode }, DOSSIER_NAMES), headers);
  }

  @Get(':code/history')
  @ApiOperation({ summary: 'Lịch sử xử lý hồ sơ (chuỗi băm)' })
  history(@Param('code') code: string, @CallerHeaders() headers: CallerHeaders): Promise<HistoryEntryView[]> {
    return this.bus.request(DossierSubjects.history, ref(code), headers);
  }

  @Get(':code/history/verification')
  @ApiOperation({ summary: 'Kiểm tra tính toàn vẹn của lịch sử xử lý; nêu bản ghi đầu tiên bị sửa' })
  verify(@Param('code') code: string, @CallerHeaders() headers: CallerHeaders): Promise<HistoryVerification> {
    return this.bus.request(DossierSubjects.verifyHistory, ref(code), headers);
  }

  @Get(':code/control-slip')
  @ApiOperation({ summary: 'Phiếu kiểm soát quá trình giải quyết hồ sơ' })
  controlSlip(@Param('code') code: string, @CallerHeaders() headers: CallerHeaders): Promise<{ code: string; title: string; lines: ControlSlipLine[] }> {
    return this.bus.request(DossierSubjects.controlSlip, ref(code), headers);
  }
}
