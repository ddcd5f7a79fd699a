/**
 * What the bridge remembers survives a restart (a new store on the same file): processed message ids
 * (until they expire), contacts and their 24-hour window, numbered choices, and queued messages in order.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { WhatsAppStore } from '../../bot/channels/whatsapp/whatsAppStore';
import type { OutboundContent } from '../../bot/channels/whatsapp/whatsAppTypes';

const HOUR = 60 * 60 * 1000;
const T0 = Date.parse('2026-11-22T10:00:00Z');

let dir: string;
let file: string;
let store: WhatsAppStore;

const text = (body: string): OutboundContent => ({ type: 'text', text: { body, preview_url: false } });

beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'pathfinder-wa-store-'));
  file = path.join(dir, 'nested', 'whatsapp.sqlite');
  store = new WhatsAppStore(file, { messageRetentionMs: 48 * HOUR });
});

afterEach(() => {
  store.close();
  rmSync(dir, { recursive: true, force: true });
});

function reopen(): WhatsAppStore {
  store.close();
  store = new WhatsAppStore(file, { messageRetentionMs: 48 * HOUR });
  return store;
}

describe('processed message ids', () => {
  it('a message id is new once; a repeated delivery is recognised, also after a restart', () => {
    expect(store.rememberMessage('m1', T0)).toBe(true);
    expect(store.rememberMessage('m1', T0 + 1000)).toBe(false);
    expect(reopen().rememberMessage('m1', T0 + HOUR)).toBe(false);
    expect(store.rememberMessage('m2', T0 + HOUR)).toBe(true);
  });

  it('ids are forgotten after the retention period', () => {
    store.rememberMessage('old', T0);
    expect(store.rememberMessage('old', T0 + 47 * HOUR)).toBe(false);
    expect(store.rememberMessage('other', T0 + 49 * HOUR)).toBe(true);
    // "old" was last recorded at T0 (a repeat does not renew it), so it has expired by now.
    expect(store.rememberMessage('old', T0 + 49 * HOUR)).toBe(true);
  });
});

describe('contacts', () => {
  it('keeps the sealed address and the time of the last message; a new message clears the template mark', () => {
    store.recordInbound('wa-1', 'sealed-1', T0);
    store.markTemplateSent('wa-1', T0 + 25 * HOUR);
    expect(reopen().contact('wa-1')).toEqual({
      userId: 'wa-1',
      sealedAddress: 'sealed-1',
      lastInboundAt: T0,
      templateSentAt: T0 + 25 * HOUR,
      language: undefined,
    });
    store.recordInbound('wa-1', 'sealed-2', T0 + 26 * HOUR);
    store.setLanguage('wa-1', 'fr');
    expect(store.contact('wa-1')).toEqual({
      userId: 'wa-1',
      sealedAddress: 'sealed-2',
      lastInboundAt: T0 + 26 * HOUR,
      templateSentAt: undefined,
      language: 'fr',
    });
    expect(store.contact('wa-unknown')).toBeUndefined();
  });

  it('a message processed late does not move the last message time back', () => {
    store.recordInbound('wa-1', 's', T0 + 5 * HOUR);
    store.recordInbound('wa-1', 's', T0);
    expect(store.contact('wa-1')?.lastInboundAt).toBe(T0 + 5 * HOUR);
  });

  it('numbered choices answer the next message only: reading them forgets them', () => {
    store.recordInbound('wa-1', 's', T0);
    store.setNumberedChoices('wa-1', ['lang:en', 'lang:fr']);
    expect(reopen().takeNumberedChoices('wa-1')).toEqual(['lang:en', 'lang:fr']);
    expect(store.takeNumberedChoices('wa-1')).toBeUndefined();
  });

  it('choices shown as buttons or a list replace earlier numbered ones', () => {
    store.recordInbound('wa-1', 's', T0);
    store.setNumberedChoices('wa-1', ['lang:en']);
    store.setNumberedChoices('wa-1', undefined);
    expect(store.takeNumberedChoices('wa-1')).toBeUndefined();
  });
});

describe('queued messages', () => {
  it('are kept in order per user across a restart and removed one by one', () => {
    store.enqueue('wa-1', [text('first'), text('second')], T0);
    store.enqueue('wa-2', [text('other user')], T0);
    store.enqueue('wa-1', [text('third')], T0 + 1);
    const queued = reopen().queued('wa-1');
    expect(queued.map((message) => message.content)).toEqual([text('first'), text('second'), text('third')]);
    store.dequeue(queued[0]?.seq ?? -1);
    expect(store.queued('wa-1').map((message) => message.content)).toEqual([text('second'), text('third')]);
    expect(store.hasQueued('wa-2')).toBe(true);
    expect(store.hasQueued('wa-3')).toBe(false);
  });
});
