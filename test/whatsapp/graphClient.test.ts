/**
 * The Graph client against a local fake Graph API: the Bearer token, retries of 429 and 5xx with
 * exponential backoff up to a cap, no retry of other 4xx, and never a second copy of a sent message.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DEFAULT_RETRY_POLICY, GraphApiError, GraphClient } from '../../bot/channels/whatsapp/graphClient';
import { graphMessage } from '../../bot/channels/whatsapp/whatsAppTypes';
import { FakeGraphApi, graphError, GRAPH_VERSION } from './fakeGraphApi';

let graph: FakeGraphApi;
let waits: number[];

const hello = graphMessage({ to: '447700900001' }, { type: 'text', text: { body: 'Hello', preview_url: false } });

function client(retry = {}): GraphClient {
  return new GraphClient({
    baseUrl: graph.baseUrl,
    phoneNumberId: '106540352242922',
    accessToken: 'secret-token',
    retry,
    wait: async (ms) => {
      waits.push(ms);
    },
  });
}

beforeAll(async () => {
  graph = await FakeGraphApi.start();
});

afterAll(async () => {
  await graph?.close();
});

beforeEach(() => {
  graph.clear();
  waits = [];
});

it('posts the message to /{version}/{phone-number-id}/messages with the Bearer token', async () => {
  const result = await client().send(hello);
  expect(result.messageId).toMatch(/^wamid\./);
  expect(graph.requests).toHaveLength(1);
  expect(graph.requests[0]).toMatchObject({
    method: 'POST',
    path: `/${GRAPH_VERSION}/106540352242922/messages`,
    authorization: 'Bearer secret-token',
    body: hello,
  });
});

it('a 500 is retried once it passes: exactly one message accepted', async () => {
  graph.failNext(500);
  await client().send(hello);
  expect(graph.requests.map((request) => request.status)).toEqual([500, 200]);
  expect(graph.sent).toEqual([hello]);
  expect(waits).toEqual([DEFAULT_RETRY_POLICY.baseDelayMs]);
});

it('a 429 waits as long as Retry-After asks, within the cap', async () => {
  graph.failNext(429, graphError(130429), { 'retry-after': '2' });
  graph.failNext(429, graphError(130429), { 'retry-after': '3600' });
  await client().send(hello);
  expect(graph.sent).toHaveLength(1);
  expect(waits).toEqual([2000, DEFAULT_RETRY_POLICY.maxDelayMs]);
});

it('backoff doubles per attempt and stops at the cap; after the last attempt the error is thrown', async () => {
  for (let i = 0; i < 5; i += 1) {
    graph.failNext(503);
  }
  const error = await client({ maxAttempts: 5, baseDelayMs: 100, maxDelayMs: 500 })
    .send(hello)
    .catch((caught: unknown) => caught);
  expect(error).toBeInstanceOf(GraphApiError);
  expect(error).toMatchObject({ status: 503, code: 131000, attempts: 5 });
  expect(waits).toEqual([100, 200, 400, 500]);
  expect(graph.sent).toHaveLength(0);
});

it.each([
  [400, 100],
  [400, 131047],
  [401, 190],
  [404, 100],
])('a %i (code %i) is not retried', async (status, code) => {
  graph.failNext(status, graphError(code));
  const error = await client()
    .send(hello)
    .catch((caught: unknown) => caught);
  expect(error).toMatchObject({ status, code, attempts: 1 });
  expect(graph.requests).toHaveLength(1);
  expect(waits).toEqual([]);
});

/** A loopback port nobody listens on (a server that was just closed). */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

it('a connection refused is retried (the request never left), then gives up after the last attempt', async () => {
  const unreachable = new GraphClient({
    baseUrl: `http://127.0.0.1:${await closedPort()}/v26.0`,
    phoneNumberId: '1',
    accessToken: 't',
    retry: { maxAttempts: 3 },
    wait: async (ms) => {
      waits.push(ms);
    },
  });
  const error = await unreachable.send(hello).catch((caught: unknown) => caught);
  expect(error).toMatchObject({ status: undefined, attempts: 3 });
  expect(waits).toHaveLength(2);
});
