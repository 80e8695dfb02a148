import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../server/config.ts';

describe('configuration', () => {
  it('has working defaults', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({ PORT: 3000, HOST: '127.0.0.1', LOG_LEVEL: 'info' });
    expect(config.DATABASE_URL).toBeUndefined();
  });

  it('stops on PORT=abc with one line naming the variable', () => {
    let error: unknown;
    try {
      loadConfig({ PORT: 'abc' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as Error).message;
    expect(message.split('\n')).toHaveLength(1);
    expect(message).toMatch(/^Invalid PORT="abc": expected a port number/);
  });

  it('names each wrong variable', () => {
    expect(() => loadConfig({ LOG_LEVEL: 'loud', DATABASE_URL: 'mysql://x' })).toThrow(
      /Invalid DATABASE_URL="mysql:\/\/x": expected a connection string[\s\S]*Invalid LOG_LEVEL="loud": expected one of/,
    );
  });

  it('rejects a short SESSION_SECRET and an out-of-range PORT', () => {
    expect(() => loadConfig({ SESSION_SECRET: 'short' })).toThrow(/SESSION_SECRET.*at least 32/);
    expect(() => loadConfig({ PORT: '70000' })).toThrow(/PORT.*between 0 and 65535/);
  });

  it('treats empty variables as unset', () => {
    expect(loadConfig({ DATABASE_URL: '', PORT: '' })).toMatchObject({ PORT: 3000 });
  });
});
