/**
 * Security and privacy building blocks: the webhook signature over the raw bytes, pseudonymous ids that
 * hide the phone number, the sealed address, and the channel's configuration (all or nothing).
 */
import { createHmac } from 'node:crypto';
import { ConfigError, loadConfig } from '../../bot/config';
import { WhatsAppPseudonyms } from '../../bot/channels/whatsapp/whatsAppPseudonyms';
import { hasValidSignature } from '../../bot/channels/whatsapp/whatsAppSignature';
import { fixture, SETTINGS, signatureOf, whatsAppEnv } from './whatsAppTestKit';

describe('X-Hub-Signature-256', () => {
  const body = fixture('text_ar_question');

  it('is valid for the exact bytes received', () => {
    expect(hasValidSignature(SETTINGS.appSecret, body, signatureOf(body))).toBe(true);
  });

  it('does not match the same payload serialised again (non-ASCII text is escaped differently)', () => {
    const reserialised = Buffer.from(JSON.stringify(JSON.parse(body.toString('utf8'))), 'utf8');
    expect(hasValidSignature(SETTINGS.appSecret, body, signatureOf(reserialised))).toBe(false);
  });

  it.each([
    ['missing', undefined],
    ['empty', ''],
    ['without the sha256= prefix', createHmac('sha256', SETTINGS.appSecret).update(body).digest('hex')],
    ['made with another secret', signatureOf(body, 'another-secret')],
    ['too short', 'sha256=abc'],
    ['not hex', `sha256=${'z'.repeat(64)}`],
  ])('is refused when %s', (_name, header) => {
    expect(hasValidSignature(SETTINGS.appSecret, body, header)).toBe(false);
  });
});

describe('pseudonyms', () => {
  const pseudonyms = new WhatsAppPseudonyms('pseudonym-key');

  it('the same phone number always gets the same id, which does not contain the number', () => {
    const id = pseudonyms.userId('447700900123');
    expect(id).toBe(new WhatsAppPseudonyms('pseudonym-key').userId('447700900123'));
    expect(id).toMatch(/^wa-[0-9a-f]{32}$/);
    expect(id).not.toContain('447700900123');
    expect(pseudonyms.userId('447700900124')).not.toBe(id);
  });

  it('another key gives other ids', () => {
    expect(new WhatsAppPseudonyms('other-key').userId('447700900123')).not.toBe(pseudonyms.userId('447700900123'));
  });

  it('a sealed address opens with the same key only, and never shows the number', () => {
    const sealed = pseudonyms.seal('{"to":"447700900123"}');
    expect(sealed).not.toContain('447700900123');
    expect(pseudonyms.open(sealed)).toBe('{"to":"447700900123"}');
    expect(new WhatsAppPseudonyms('other-key').open(sealed)).toBeUndefined();
    expect(pseudonyms.open(`${sealed.slice(0, -2)}AA`)).toBeUndefined();
  });

  it('the connector key is URL-safe and stable', () => {
    expect(pseudonyms.connectorKey()).toMatch(/^[A-Za-z0-9_-]{40,}$/);
    expect(pseudonyms.connectorKey()).toBe(new WhatsAppPseudonyms('pseudonym-key').connectorKey());
  });
});

describe('configuration', () => {
  it('without WhatsApp settings the channel is off', () => {
    expect(loadConfig({ LOG_LEVEL: 'silent' }).whatsapp).toBeUndefined();
  });

  it('with the four settings it is on, with defaults for the rest', () => {
    const env = whatsAppEnv('https://graph.example/v26.0');
    delete env.WHATSAPP_TEMPLATE_NAME;
    delete env.WHATSAPP_TEMPLATE_LANGUAGES;
    delete env.WHATSAPP_GRAPH_BASE_URL;
    expect(loadConfig({ LOG_LEVEL: 'silent', ...env }).whatsapp).toEqual({
      verifyToken: SETTINGS.verifyToken,
      appSecret: SETTINGS.appSecret,
      accessToken: SETTINGS.accessToken,
      phoneNumberId: SETTINGS.phoneNumberId,
      graphBaseUrl: 'https://graph.facebook.com/v26.0',
      templateName: 'pathfinder_new_reply',
      templateLanguages: ['en'],
      pseudonymKey: SETTINGS.appSecret,
    });
  });

  it('template languages and a separate pseudonym key are read', () => {
    const config = loadConfig({
      LOG_LEVEL: 'silent',
      ...whatsAppEnv('http://127.0.0.1:1/v26.0', {
        WHATSAPP_TEMPLATE_LANGUAGES: ' en_GB, fr ,ar',
        WHATSAPP_PSEUDONYM_KEY: 'separate',
      }),
    });
    expect(config.whatsapp).toMatchObject({ templateLanguages: ['en_GB', 'fr', 'ar'], pseudonymKey: 'separate' });
  });

  it('a partial setup fails at start, naming what is missing', () => {
    const env = whatsAppEnv('http://127.0.0.1:1/v26.0');
    delete env.WHATSAPP_ACCESS_TOKEN;
    delete env.WHATSAPP_PHONE_NUMBER_ID;
    expect(() => loadConfig({ LOG_LEVEL: 'silent', ...env })).toThrow(ConfigError);
    expect(() => loadConfig({ LOG_LEVEL: 'silent', ...env })).toThrow(
      /WHATSAPP_ACCESS_TOKEN, WHATSAPP_PHONE_NUMBER_ID/,
    );
  });

  it('a Graph base URL that is not a URL fails at start', () => {
    expect(() => loadConfig({ LOG_LEVEL: 'silent', ...whatsAppEnv('graph.facebook.com/v26.0') })).toThrow(
      /WHATSAPP_GRAPH_BASE_URL/,
    );
  });
});
