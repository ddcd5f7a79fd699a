/**
 * Production web chat: with DIRECTLINE_SECRET set, `POST /api/directline/token` exchanges the secret for a
 * Direct Line token at `{DIRECTLINE_ENDPOINT}/tokens/generate`. Azure is played by a small HTTP server on
 * 127.0.0.1; the real bot runs with a config that points at it.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import pino from 'pino';
import { createApp, type PathfinderApp } from '../../bot/app';
import { ConfigError, loadConfig } from '../../bot/config';
import { fixedClock } from '../../dialogs/clock';
import { removeDataDir, TEST_TODAY } from '../helpers/botServer';
import { requestJson } from './directLineClient';

const SECRET = 'test-directline-secret-Zq81';
const AZURE_ERROR = 'Azure says: the secret SECRET-ECHO is not valid for this bot';

interface SeenRequest {
  method?: string;
  url?: string;
  authorization?: string;
  body: { user?: { id?: string } };
}

/** A stand-in for Azure Direct Line's token service. */
class FakeDirectLine {
  readonly requests: SeenRequest[] = [];
  /** What the next requests get: a token, or Azure refusing the secret. */
  mode: 'ok' | 'forbidden' = 'ok';
  private server?: Server;
  private count = 0;

  async start(): Promise<string> {
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/v3/directline`;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => this.server?.close(() => resolve()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    let raw = '';
    for await (const chunk of req) {
      raw += String(chunk);
    }
    this.requests.push({
      method: req.method,
      url: req.url,
      authorization: req.headers.authorization,
      body: raw ? (JSON.parse(raw) as SeenRequest['body']) : {},
    });
    res.setHeader('content-type', 'application/json');
    if (this.mode === 'forbidden') {
      res.statusCode = 403;
      res.end(JSON.stringify({ error: { code: 'BadArgument', message: AZURE_ERROR } }));
      return;
    }
    this.count += 1;
    res.statusCode = 200;
    res.end(
      JSON.stringify({
        conversationId: `azure-conv-${this.count}`,
        token: `azure-token-${this.count}`,
        expires_in: 3600,
      }),
    );
  }
}

/** Everything the bot logs, as text. */
class LogCapture extends Writable {
  text = '';
  override _write(chunk: Buffer, _encoding: string, callback: () => void): void {
    this.text += chunk.toString();
    callback();
  }
}

async function startApp(
  env: Record<string, string>,
  logs = new LogCapture(),
): Promise<{ app: PathfinderApp; baseUrl: string; dataDir: string }> {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'pathfinder-data-'));
  const config = loadConfig({ PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, LOG_LEVEL: 'info', ...env });
  const app = createApp(config, { clock: fixedClock(TEST_TODAY), logger: pino({ level: 'info' }, logs) });
  const port = await app.listen();
  return { app, baseUrl: `http://127.0.0.1:${port}`, dataDir };
}

const azure = new FakeDirectLine();
let endpoint: string;
let bot: { app: PathfinderApp; baseUrl: string; dataDir: string };
const logs = new LogCapture();

beforeAll(async () => {
  endpoint = await azure.start();
  bot = await startApp({ DIRECTLINE_SECRET: SECRET, DIRECTLINE_ENDPOINT: endpoint }, logs);
});

afterAll(async () => {
  await bot?.app.close();
  if (bot) {
    removeDataDir(bot.dataDir);
  }
  await azure.stop();
});

beforeEach(() => {
  azure.mode = 'ok';
  azure.requests.length = 0;
});

describe('POST /api/directline/token with DIRECTLINE_SECRET', () => {
  it("returns Azure's token, conversation and lifetime, and the endpoint as the page's domain", async () => {
    const response = await requestJson(`${bot.baseUrl}/api/directline/token`, { method: 'POST', body: {} });
    expect(response.status).toBe(200);
    expect(response.body).toEqual({
      token: 'azure-token-1',
      conversationId: 'azure-conv-1',
      expires_in: 3600,
      domain: endpoint,
      webSocket: true,
    });
  });

  it('asks Azure with the secret as bearer and a generated dl_ user id, a new one each time', async () => {
    await requestJson(`${bot.baseUrl}/api/directline/token`, { method: 'POST' });
    await requestJson(`${bot.baseUrl}/api/directline/token`, { method: 'POST' });
    expect(azure.requests).toHaveLength(2);
    for (const request of azure.requests) {
      expect(request.method).toBe('POST');
      expect(request.url).toBe('/v3/directline/tokens/generate');
      expect(request.authorization).toBe(`Bearer ${SECRET}`);
      expect(request.body.user?.id).toMatch(/^dl_[\w-]{16,}$/);
    }
    expect(azure.requests[0]?.body.user?.id).not.toBe(azure.requests[1]?.body.user?.id);
  });

  it("answers 502 when Azure refuses (403), without the secret or Azure's message in the answer or the logs", async () => {
    azure.mode = 'forbidden';
    const response = await fetch(`${bot.baseUrl}/api/directline/token`, { method: 'POST' });
    const text = await response.text();
    expect(response.status).toBe(502);
    expect(JSON.parse(text)).toEqual({ error: expect.any(String) });
    expect(text).not.toContain(SECRET);
    expect(text).not.toContain('SECRET-ECHO');
    expect(logs.text).toContain('"upstreamStatus":403');
    expect(logs.text).not.toContain(SECRET);
  });

  it('answers 502 when Azure cannot be reached', async () => {
    const unreachable = await startApp({
      DIRECTLINE_SECRET: SECRET,
      // Port 9 (discard): nothing listens there on loopback.
      DIRECTLINE_ENDPOINT: 'http://127.0.0.1:9/v3/directline',
      LOG_LEVEL: 'silent',
    });
    try {
      const response = await requestJson(`${unreachable.baseUrl}/api/directline/token`, { method: 'POST' });
      expect(response.status).toBe(502);
      expect(JSON.stringify(response.body)).not.toContain(SECRET);
    } finally {
      await unreachable.app.close();
      removeDataDir(unreachable.dataDir);
    }
  });

  it('does not offer the local Direct Line endpoint, and lets the page connect to Azure', async () => {
    const local = await requestJson(`${bot.baseUrl}/v3/directline/conversations`, { method: 'POST' });
    expect(local.status).toBe(404);
    const page = await fetch(`${bot.baseUrl}/`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain(`connect-src 'self' ${new URL(endpoint).origin}`);
  });
});

describe('web chat configuration', () => {
  it('defaults DIRECTLINE_ENDPOINT to Azure Direct Line and leaves the secret unset', () => {
    const config = loadConfig({ LOG_LEVEL: 'silent' });
    expect(config.directLine).toEqual({
      secret: undefined,
      endpoint: 'https://directline.botframework.com/v3/directline',
    });
  });

  it('refuses a DIRECTLINE_ENDPOINT that is not an http(s) address, naming the variable', () => {
    expect(() => loadConfig({ DIRECTLINE_ENDPOINT: 'directline.botframework.com' })).toThrow(ConfigError);
    expect(() => loadConfig({ DIRECTLINE_ENDPOINT: 'ftp://example.org/v3/directline' })).toThrow(/DIRECTLINE_ENDPOINT/);
  });

  it('with app credentials but no DIRECTLINE_SECRET, the token route answers 503 and no local endpoint runs', async () => {
    const secured = await startApp({
      MicrosoftAppId: 'app-id',
      MicrosoftAppPassword: 'app-password',
      LOG_LEVEL: 'silent',
    });
    try {
      const token = await requestJson(`${secured.baseUrl}/api/directline/token`, { method: 'POST' });
      expect(token.status).toBe(503);
      const local = await requestJson(`${secured.baseUrl}/v3/directline/conversations`, { method: 'POST' });
      expect(local.status).toBe(404);
    } finally {
      await secured.app.close();
      removeDataDir(secured.dataDir);
    }
  });
});
