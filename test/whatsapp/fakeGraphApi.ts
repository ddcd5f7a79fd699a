/**
 * A local stand-in for the Graph API's `POST /{version}/{phone-number-id}/messages`: records every request,
 * answers like Graph, and can be told to fail the next requests (a status and Graph's error body).
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { GraphMessage } from '../../bot/channels/whatsapp/whatsAppTypes';

export const GRAPH_VERSION = 'v26.0';

export interface GraphRequest {
  method: string;
  path: string;
  authorization?: string;
  body: GraphMessage;
  /** The status the fake answered. */
  status: number;
}

interface ScriptedAnswer {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

/** Graph's error body for a code, e.g. 131047 (re-engagement required). */
export function graphError(code: number, message = 'error'): unknown {
  return { error: { message, type: 'OAuthException', code, fbtrace_id: 'AbCdEf' } };
}

export class FakeGraphApi {
  /** Every request, in order, including the failed ones. */
  readonly requests: GraphRequest[] = [];
  private readonly script: ScriptedAnswer[] = [];
  private nextId = 1;

  private constructor(
    private readonly server: Server,
    readonly baseUrl: string,
  ) {}

  static async start(): Promise<FakeGraphApi> {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const fake = new FakeGraphApi(server, `http://127.0.0.1:${port}/${GRAPH_VERSION}`);
    server.on('request', (req: IncomingMessage, res: ServerResponse) => {
      void fake.handle(req, res);
    });
    return fake;
  }

  /** The messages Graph accepted (2xx), in order. */
  get sent(): GraphMessage[] {
    return this.requests.filter((request) => request.status === 200).map((request) => request.body);
  }

  /** Answers the next request with this status and body instead of accepting it. */
  failNext(status: number, body: unknown = graphError(131000), headers?: Record<string, string>): void {
    this.script.push({ status, body, headers });
  }

  /** Forgets the recorded requests (between the steps of one test). */
  clear(): void {
    this.requests.length = 0;
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) {
      chunks.push(chunk as Buffer);
    }
    const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as GraphMessage;
    const scripted = this.script.shift();
    const status = scripted?.status ?? 200;
    this.requests.push({
      method: req.method ?? '',
      path: req.url ?? '',
      authorization: req.headers.authorization,
      body,
      status,
    });
    const answer = scripted
      ? scripted.body
      : {
          messaging_product: 'whatsapp',
          contacts: [{ input: body.to, wa_id: body.to }],
          messages: [{ id: `wamid.FAKE${this.nextId++}` }],
        };
    res.writeHead(status, { 'content-type': 'application/json', ...scripted?.headers });
    res.end(JSON.stringify(answer));
  }
}
