import { Controller, Get, Param, Query, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiParam, ApiProduces, ApiQuery, ApiTags } from '@nestjs/swagger';
import { DocumentsSubjects, DOSSIER_FORMS, type RenderedForm } from '@mc/contracts';
import { NatsClientProxy } from '@mc/messaging/client';
import { CallerHeaders } from '../http/caller-headers';

const asFile = (form: RenderedForm) => {
  const content = Buffer.from(form.base64, 'base64');
  return new StreamableFile(content, {
    type: form.contentType,
    // Inline: the browser opens it ready to print.
    disposition: `inline; filename="${form.fileName.replace(/[^A-Za-z0-9._-]/g, '_')}"`,
    length: content.length,
  });
};

/**
 * The official forms as printable PDFs (A4, the layout of the official form, in
 * the regime the dossier was received under). Parameters go through as they
 * are: the documents service checks them.
 */
@ApiTags('Biểu mẫu (forms)')
@ApiBearerAuth()
@Controller('api/v1')
export class FormsController {
  constructor(private readonly bus: NatsClientProxy) {}

  @Get('dossiers/:code/forms/:form')
  @ApiOperation({
    summary:
      'Biểu mẫu của hồ sơ dạng PDF: receipt (Mẫu 01, có mã QR tra cứu), supplement-request (Mẫu 02), refusal (Mẫu 03), apology (Mẫu 04), stop-notice (thông báo dừng), control-slip (phiếu kiểm soát)',
  })
  @ApiParam({ name: 'form', enum: DOSSIER_FORMS })
  @ApiQuery({ name: 'token', required: false, type: String, description: 'Mã tra cứu in trên giấy tiếp nhận (receipt): được kiểm tra trước khi in vào mã QR; bỏ trống khi in lại, dịch vụ hồ sơ cấp lại mã cho cán bộ tiếp nhận của đơn vị đã nhận hồ sơ' })
  @ApiQuery({ name: 'number', required: false, type: Number, description: 'Văn bản xin lỗi thứ mấy (apology); mặc định văn bản mới nhất' })
  @ApiProduces('application/pdf')
  async dossierForm(
    @Param('code') code: string,
    @Param('form') form: string,
    @Query('token') token: string | undefined,
    @Query('number') number: string | undefined,
    @CallerHeaders() headers: CallerHeaders,
  ): Promise<StreamableFile> {
    const request = { form, code, ...(token === undefined ? {} : { token }), ...(number === undefined ? {} : { number: Number(number) }) };
    return asFile(await this.bus.request<RenderedForm>(DocumentsSubjects.renderForm, request, headers));
  }

  @Get('tracking-books/:unitCode/form')
  @ApiOperation({ summary: 'Sổ theo dõi hồ sơ của đơn vị tiếp nhận trong khoảng ngày (from, to: yyyy-mm-dd), dạng PDF khổ A4 ngang' })
  @ApiQuery({ name: 'from', required: true, type: String })
  @ApiQuery({ name: 'to', required: true, type: String })
  @ApiProduces('application/pdf')
  async trackingBook(
    @Param('unitCode') unitCode: string,
    @Query('from') from: string,
    @Query('to') to: string,
    @CallerHeaders() headers: CallerHeaders,
  ): Promise<StreamableFile> {
    return asFile(await this.bus.request<RenderedForm>(DocumentsSubjects.renderForm, { form: 'tracking-book', unitCode, from, to }, headers));
  }
}
