import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import {
  SignaturesSubjects,
  type DossierSignaturesView,
  type SignatureView,
  type SigningRequestView,
  type VerificationView,
} from '@mc/contracts';
import { NatsClientProxy } from '@mc/messaging/client';
import { CallerHeaders } from '../http/caller-headers';
import { withPathParams } from '../http/path-params';

/**
 * Digital signatures of a dossier's papers and the verification of any signed
 * PDF. Who may sign what is the signatures service's decision (the leader of
 * the competent unit its result, the counter its receipts and copies), with
 * the dossier service deciding who sees the dossier.
 */
@ApiTags('Chữ ký số (signatures)')
@ApiBearerAuth()
@Controller('api/v1')
export class SignaturesController {
  constructor(private readonly bus: NatsClientProxy) {}

  @Post('dossiers/:code/result-signatures')
  @HttpCode(202)
  @ApiOperation({
    summary:
      'Lãnh đạo đơn vị giải quyết ký số dự thảo kết quả (tệp "result" đã tải lên hồ sơ). Trả yêu cầu ký đang chờ (ký số từ xa: xác nhận trên điện thoại); theo dõi tại /signing-requests/{id}',
  })
  signResult(@Param('code') code: string, @Body() body: Record<string, unknown> | undefined, @CallerHeaders() headers: CallerHeaders): Promise<SigningRequestView> {
    return this.bus.request(SignaturesSubjects.signResult, withPathParams(body, { dossierCode: code }), headers);
  }

  @Post('dossiers/:code/signed-results')
  @HttpCode(201)
  @ApiOperation({ summary: 'Lãnh đạo nộp kết quả đã ký bằng công cụ khác (USB token…): kiểm tra chữ ký, đúng dự thảo kết quả của hồ sơ, đúng chứng thư của người nộp, rồi ghi nhận' })
  registerSignedResult(@Param('code') code: string, @Body() body: Record<string, unknown> | undefined, @CallerHeaders() headers: CallerHeaders): Promise<SignatureView> {
    return this.bus.request(SignaturesSubjects.registerSignedResult, withPathParams(body, { dossierCode: code }), headers);
  }

  @Post('dossiers/:code/seal-signatures')
  @HttpCode(202)
  @ApiOperation({ summary: 'Đóng dấu (chữ ký số của cơ quan) lên kết quả lãnh đạo đã ký, bằng cập nhật gia tăng: cả hai chữ ký cùng hợp lệ. Trả yêu cầu ký; theo dõi tại /signing-requests/{id}' })
  seal(@Param('code') code: string, @Body() body: Record<string, unknown> | undefined, @CallerHeaders() headers: CallerHeaders): Promise<SigningRequestView> {
    return this.bus.request(SignaturesSubjects.sealResult, withPathParams(body, { dossierCode: code }), headers);
  }

  @Post('dossiers/:code/receipt-signatures')
  @HttpCode(202)
  @ApiOperation({ summary: 'Cán bộ tiếp nhận ký số giấy tiếp nhận hồ sơ (Mẫu 01); tệp PDF đã ký có trong yêu cầu ký (signedPdfBase64) khi đã ký xong' })
  signReceipt(@Param('code') code: string, @Body() body: Record<string, unknown> | undefined, @CallerHeaders() headers: CallerHeaders): Promise<SigningRequestView> {
    return this.bus.request(SignaturesSubjects.signReceipt, withPathParams(body, { dossierCode: code }), headers);
  }

  @Post('dossiers/:code/certified-copies')
  @HttpCode(202)
  @ApiOperation({ summary: 'Cán bộ tiếp nhận ký chứng thực bản sao điện tử từ bản chính giấy đã số hóa; lưu vào kho giấy tờ của người nộp. Trả yêu cầu ký; theo dõi tại /signing-requests/{id}' })
  certifyCopy(@Param('code') code: string, @Body() body: Record<string, unknown> | undefined, @CallerHeaders() headers: CallerHeaders): Promise<SigningRequestView> {
    return this.bus.request(SignaturesSubjects.certifyCopy, withPathParams(body, { dossierCode: code }), headers);
  }

  @Get('dossiers/:code/signatures')
  @ApiOperation({ summary: 'Mọi chữ ký số đã ghi nhận của hồ sơ: người ký, đơn vị, giá trị băm, chứng thư, thời điểm' })
  list(@Param('code') code: string, @CallerHeaders() headers: CallerHeaders): Promise<DossierSignaturesView> {
    return this.bus.request(SignaturesSubjects.listDossierSignatures, { dossierCode: code }, headers);
  }

  @Get('signing-requests/:id')
  @ApiOperation({ summary: 'Tình trạng một yêu cầu ký của chính mình: pending, signed, refused, expired, failed (kèm lý do)' })
  request(@Param('id') id: string, @CallerHeaders() headers: CallerHeaders): Promise<SigningRequestView> {
    return this.bus.request(SignaturesSubjects.getRequest, { id }, headers);
  }

  @Post('signatures/verifications')
  @HttpCode(200)
  @ApiOperation({ summary: 'Kiểm tra chữ ký số của một tệp PDF bất kỳ: toàn vẹn, phạm vi ký, chuỗi chứng thư, thu hồi tại thời điểm ký; báo cáo tiếng Việt và dạng máy đọc' })
  verify(@Body() body: Record<string, unknown> | undefined, @CallerHeaders() headers: CallerHeaders): Promise<VerificationView> {
    return this.bus.request(SignaturesSubjects.verify, body ?? {}, headers);
  }
}
