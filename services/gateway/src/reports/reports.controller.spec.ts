import { Module, StreamableFile } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { AppError, ReportingSubjects } from '@mc/contracts';
import { NatsClientProxy } from '@mc/messaging/client';
import { ErrorResponseFilter, errorResponse } from '../http/error-response.filter';
import { ReportsController } from './reports.controller';

const headers = { authorization: 'Bearer t', 'idempotency-key': undefined };
const scope = { unitCode: '05983', from: '2026-02-01', to: '2026-02-28' };

function controllerWith(reply: unknown) {
  const request = jest.fn(async () => reply);
  return { controller: new ReportsController({ request } as unknown as NatsClientProxy), request };
}

describe('ReportsController', () => {
  it('asks the report’s own subject for JSON, passing the query strings through', async () => {
    const { controller, request } = controllerWith({ title: 'Báo cáo' });
    await expect(controller.timeliness({ ...scope, groupBy: 'unit' }, headers)).resolves.toEqual({ title: 'Báo cáo' });
    expect(request).toHaveBeenCalledWith(ReportingSubjects.timeliness, { ...scope, groupBy: 'unit' }, headers);

    await controller.trackingBook({ ...scope, format: 'json', limit: '50' }, headers);
    expect(request).toHaveBeenLastCalledWith(ReportingSubjects.trackingBook, { ...scope, limit: '50' }, headers);
    await controller.staffing({ unitCode: '20', format: '' }, headers);
    expect(request).toHaveBeenLastCalledWith(ReportingSubjects.staffing, { unitCode: '20' }, headers);
    await controller.freshness({}, headers);
    expect(request).toHaveBeenLastCalledWith(ReportingSubjects.freshness, {}, headers);
  });

  it('answers ?format=xlsx|pdf with the exported file as an attachment', async () => {
    const file = Buffer.from('PK\u0003\u0004 workbook');
    const { controller, request } = controllerWith({
      fileName: 'bao-cao-tien-do-05983-2026-02-01-2026-02-28.xlsx',
      contentType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      base64: file.toString('base64'),
    });
    const reply = await controller.timeliness({ ...scope, format: 'xlsx' }, headers);
    expect(request).toHaveBeenCalledWith(ReportingSubjects.export, { kind: 'timeliness', format: 'xlsx', params: scope }, headers);
    expect(reply).toBeInstanceOf(StreamableFile);
    const headersOut = (reply as StreamableFile).getHeaders();
    expect(headersOut).toEqual({
      type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      disposition: 'attachment; filename="bao-cao-tien-do-05983-2026-02-01-2026-02-28.xlsx"',
      length: file.length,
    });

    await controller.lateDossiers({ ...scope, format: 'pdf', offset: '500' }, headers);
    expect(request).toHaveBeenLastCalledWith(ReportingSubjects.export, { kind: 'late-dossiers', format: 'pdf', params: { ...scope, offset: '500' } }, headers);
  });

  it('refuses an unknown format with 400 VALIDATION_FAILED in Vietnamese, without asking the service', async () => {
    const { controller, request } = controllerWith({});
    for (const format of ['docx', ['xlsx', 'pdf']]) {
      const error = await controller.indicators({ ...scope, format }, headers).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(AppError);
      const { status, body } = errorResponse(error);
      expect(status).toBe(400);
      expect(body.error.code).toBe('VALIDATION_FAILED');
      expect(body.error.message).toBe('Định dạng xuất phải là xlsx, pdf hoặc json (tham số format).');
    }
    expect(request).not.toHaveBeenCalled();
  });
});

describe('GET /api/v1/reports over HTTP', () => {
  let app: NestFastifyApplication;
  const request = jest.fn();

  beforeAll(async () => {
    @Module({ controllers: [ReportsController], providers: [{ provide: NatsClientProxy, useValue: { request } }] })
    class ReportsOnly {}
    app = await NestFactory.create<NestFastifyApplication>(ReportsOnly, new FastifyAdapter(), { logger: false });
    app.useGlobalFilters(new ErrorResponseFilter({ error: jest.fn() } as never));
    await app.init();
    await app.getHttpAdapter().getInstance().ready();
  });
  afterAll(() => app.close());
  beforeEach(() => request.mockReset());

  it('sends the file with its content type and an attachment disposition', async () => {
    const file = Buffer.from('%PDF-1.3 report');
    request.mockResolvedValueOnce({ fileName: 'nhan-su-bo-phan-mot-cua-20-2026-02-28.pdf', contentType: 'application/pdf', base64: file.toString('base64') });
    const response = await app.inject({ method: 'GET', url: '/api/v1/reports/staffing?unitCode=20&format=pdf', headers: { authorization: 'Bearer t' } });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('application/pdf');
    expect(response.headers['content-disposition']).toBe('attachment; filename="nhan-su-bo-phan-mot-cua-20-2026-02-28.pdf"');
    expect(response.rawPayload.equals(file)).toBe(true);
    expect(request).toHaveBeenCalledWith(ReportingSubjects.export, { kind: 'staffing', format: 'pdf', params: { unitCode: '20' } }, expect.objectContaining({ authorization: 'Bearer t' }));
  });

  it('answers JSON without a format', async () => {
    request.mockResolvedValueOnce({ title: 'Sổ theo dõi hồ sơ', lines: [] });
    const response = await app.inject({ method: 'GET', url: `/api/v1/reports/tracking-book?unitCode=05983&from=2026-02-01&to=2026-02-28` });
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ title: 'Sổ theo dõi hồ sơ', lines: [] });
  });

  it('answers 400 for an unknown format', async () => {
    const response = await app.inject({ method: 'GET', url: '/api/v1/reports/timeliness?unitCode=05983&from=2026-02-01&to=2026-02-28&format=doc' });
    expect(response.statusCode).toBe(400);
    expect(response.json().error).toMatchObject({ code: 'VALIDATION_FAILED', message: 'Định dạng xuất phải là xlsx, pdf hoặc json (tham số format).' });
    expect(request).not.toHaveBeenCalled();
  });
});
