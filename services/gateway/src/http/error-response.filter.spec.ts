import { NotFoundException } from '@nestjs/common';
import { AppError } from '@mc/contracts';
import { RemoteError } from '@mc/messaging/client';
import { errorResponse } from './error-response.filter';

describe('errorResponse', () => {
  it('keeps a service error’s code and message and maps the code to its status', () => {
    const { status, body } = errorResponse(new RemoteError({ code: 'ILLEGAL_TRANSITION', message: 'Hồ sơ đã được trả kết quả.' }));
    expect(status).toBe(409);
    expect(body.error).toEqual({ code: 'ILLEGAL_TRANSITION', message: 'Hồ sơ đã được trả kết quả.' });
  });

  it('maps transport failures to 503 and 504', () => {
    expect(errorResponse(new AppError('SERVICE_UNAVAILABLE', 'x')).status).toBe(503);
    expect(errorResponse(new AppError('SERVICE_TIMEOUT', 'x')).status).toBe(504);
  });

  it('answers an unknown route with NOT_FOUND in Vietnamese', () => {
    const { status, body } = errorResponse(new NotFoundException());
    expect(status).toBe(404);
    expect(body.error.code).toBe('NOT_FOUND');
    expect(body.error.message).toMatch(/Không tìm thấy/);
  });

  it('explains malformed JSON', () => {
    const { status, body } = errorResponse(Object.assign(new Error('Unexpected end'), { statusCode: 400, code: 'FST_ERR_CTP_INVALID_JSON_BODY' }));
    expect(status).toBe(400);
    expect(body.error.message).toContain('JSON');
  });

  it('never lets an unexpected error through as its own text', () => {
    const { status, body } = errorResponse(new Error('password authentication failed for user postgres'));
    expect(status).toBe(500);
    expect(body.error.code).toBe('INTERNAL');
    expect(body.error.message).not.toContain('postgres');
  });
});
