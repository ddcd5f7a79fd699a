import path from 'node:path';
import { ConfigError, loadConfig, projectRoot } from '../../bot/config';

describe('loadConfig', () => {
  it('uses safe defaults: loopback, port 3978, anonymous', () => {
    const config = loadConfig({});
    expect(config.port).toBe(3978);
    expect(config.host).toBe('127.0.0.1');
    expect(config.anonymous).toBe(true);
    expect(config.dataDir).toBe(path.resolve('./data'));
    expect(config.knowledgeDb).toBe(path.join(projectRoot(), 'knowledge', 'build', 'knowledge.sqlite'));
  });

  it('names the variable that is wrong', () => {
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(ConfigError);
    expect(() => loadConfig({ PORT: '99999' })).toThrow(/PORT/);
    expect(() => loadConfig({ LOG_LEVEL: 'loud' })).toThrow(/LOG_LEVEL/);
    expect(() => loadConfig({ MicrosoftAppType: 'Other' })).toThrow(/MicrosoftAppType/);
  });

  it('requires a password with an app id, and a tenant for single-tenant apps', () => {
    expect(() => loadConfig({ MicrosoftAppId: 'id' })).toThrow(/MicrosoftAppPassword/);
    expect(() =>
      loadConfig({ MicrosoftAppId: 'id', MicrosoftAppPassword: 'secret', MicrosoftAppType: 'SingleTenant' }),
    ).toThrow(/MicrosoftAppTenantId/);
    const config = loadConfig({
      MicrosoftAppId: 'id',
      MicrosoftAppPassword: 'secret',
      MicrosoftAppType: 'MultiTenant',
    });
    expect(config.anonymous).toBe(false);
    expect(config.botAuth.MicrosoftAppId).toBe('id');
  });

  it('treats blank values as not set', () => {
    const config = loadConfig({ MicrosoftAppId: '  ', MicrosoftAppPassword: '', MicrosoftAppType: '' });
    expect(config.anonymous).toBe(true);
  });
});
