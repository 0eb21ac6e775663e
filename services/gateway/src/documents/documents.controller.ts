import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { DocumentsSubjects, type CitizenStoreView, type DocumentView, type DossierDocumentsView, type RetentionRunView, type VerifiedDocumentView } from '@mc/contracts';
import { NatsClientProxy } from '@mc/messaging/client';
import { CallerHeaders } from '../http/caller-headers';
import { withPathParams } from '../http/path-params';

/**
 * What is known about a dossier's files and the citizen's verified documents;
 * the bytes themselves go through the file transfer routes. The documents
 * service asks the dossier service who may see each dossier.
 */
@ApiTags('Tệp hồ sơ (documents)')
@ApiBearerAuth()
@Controller('api/v1')
export class DocumentsController {
  constructor(private readonly bus: NatsClientProxy) {}

  @Get('dossiers/:code/documents')
  @ApiOperation({ summary: 'Các tệp của hồ sơ, mọi phiên bản (bản hiện hành đánh dấu current), và các thành phần đã số hóa' })
  list(@Param('code') code: string, @CallerHeaders() headers: CallerHeaders): Promise<DossierDocumentsView> {
    return this.bus.request(DocumentsSubjects.listDossierDocuments, { code }, headers);
  }

  @Post('dossiers/:code/documents/reuse')
  @HttpCode(201)
  @ApiOperation({ summary: 'Dùng một giấy tờ đã xác thực trong kho của người nộp làm thành phần hồ sơ, không phải tải lên lại (tái sử dụng)' })
  reuse(@Param('code') code: string, @Body() body: Record<string, unknown> | undefined, @CallerHeaders() headers: CallerHeaders): Promise<DocumentView> {
    return this.bus.request(DocumentsSubjects.reuseFromStore, withPathParams(body, { code }), headers);
  }

  @Post('dossiers/:code/verified-documents')
  @HttpCode(201)
  @ApiOperation({ summary: 'Lưu kết quả hoặc bản sao chứng thực của hồ sơ vào kho giấy tờ của người nộp (theo số định danh trên hồ sơ)' })
  storeVerified(@Param('code') code: string, @Body() body: Record<string, unknown> | undefined, @CallerHeaders() headers: CallerHeaders): Promise<VerifiedDocumentView> {
    return this.bus.request(DocumentsSubjects.storeVerified, withPathParams(body, { dossierCode: code }), headers);
  }

  @Get('citizens/:idNumber/documents')
  @ApiOperation({ summary: 'Kho giấy tờ đã xác thực của công dân: cho chính công dân (đã xác thực số định danh) và cán bộ tiếp nhận' })
  store(@Param('idNumber') idNumber: string, @CallerHeaders() headers: CallerHeaders): Promise<CitizenStoreView> {
    return this.bus.request(DocumentsSubjects.listStore, { idNumber }, headers);
  }

  @Post('documents/retention')
  @HttpCode(200)
  @ApiOperation({ summary: 'Hủy các phiên bản tệp đã hết thời hạn lưu trữ (quản trị cấp tỉnh; mỗi lần hủy được ghi nhật ký)' })
  retention(@Body() body: Record<string, unknown> | undefined, @CallerHeaders() headers: CallerHeaders): Promise<RetentionRunView> {
    return this.bus.request(DocumentsSubjects.applyRetention, body ?? {}, headers);
  }
}
