import { SnakeNamingStrategy } from './snake-naming.strategy';

describe('SnakeNamingStrategy', () => {
  const naming = new SnakeNamingStrategy();

  it('turns class and property names into snake_case', () => {
    expect(naming.tableName('PipelineProbe', undefined)).toBe('pipeline_probe');
    expect(naming.columnName('recordedAt', undefined, [])).toBe('recorded_at');
    expect(naming.columnName('HTTPStatus', undefined, [])).toBe('http_status');
  });

  it('keeps explicit names and prefixes embedded columns', () => {
    expect(naming.tableName('PipelineProbe', 'pipeline_probes')).toBe('pipeline_probes');
    expect(naming.columnName('street', undefined, ['applicantAddress'])).toBe('applicant_address_street');
  });
});
