import { baseConfigSchema, ConfigError, loadConfig } from './config';

describe('loadConfig', () => {
  it('applies defaults for the default profile', () => {
    const config = loadConfig(baseConfigSchema, {});
    expect(config.NATS_URL).toBe('nats://127.0.0.1:4222');
    expect(config.DB_POOL_SIZE).toBe(10);
    expect(config.BUS_NAMESPACE).toBe('');
  });

  it('names every bad variable in one message', () => {
    expect(() => loadConfig(baseConfigSchema, { NATS_URL: 'localhost', DB_POOL_SIZE: '0', BUS_NAMESPACE: 'Test Run' })).toThrow(ConfigError);
    try {
      loadConfig(baseConfigSchema, { NATS_URL: 'localhost', DB_POOL_SIZE: '0', BUS_NAMESPACE: 'Test Run' });
    } catch (error) {
      const message = (error as Error).message;
      for (const name of ['NATS_URL', 'DB_POOL_SIZE', 'BUS_NAMESPACE']) expect(message).toContain(name);
      expect(message).not.toContain('DATABASE_URL');
    }
  });
});
