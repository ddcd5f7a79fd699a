/**
 * npm run chat — talk to Pathfinder in the terminal, through the real adapter over HTTP.
 * Options are shown as numbers; type a number to pick one, or type freely.
 * `npm run chat -- --locale fr-FR` starts in another language.
 */
import { randomUUID } from 'node:crypto';
import { createInterface } from 'node:readline/promises';
import { stdin, stdout } from 'node:process';
import { createApp } from '../bot/app';
import { environmentWith, loadConfig } from '../bot/config';

interface ReplyActivity {
  type: string;
  text?: string;
  suggestedActions?: { actions: { title: string; value?: unknown; text?: string }[] };
}

async function main(): Promise<void> {
  const config = loadConfig(environmentWith({ PORT: '0', LOG_LEVEL: 'warn' }));
  const app = createApp(config);
  const port = await app.listen();
  const url = `http://127.0.0.1:${port}/api/messages`;
  const conversationId = `terminal-${randomUUID()}`;
  const localeArg = process.argv.indexOf('--locale');
  const locale = (localeArg >= 0 ? process.argv[localeArg + 1] : undefined) ?? 'en-US';
  let options: { title: string; id: string }[] = [];

  const send = async (activity: Record<string, unknown>): Promise<void> => {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        channelId: 'terminal',
        from: { id: 'terminal-user', name: 'You' },
        recipient: { id: 'pathfinder', name: 'Pathfinder' },
        conversation: { id: conversationId },
        locale,
        deliveryMode: 'expectReplies',
        ...activity,
      }),
    });
    const body = (await response.json()) as { activities?: ReplyActivity[] };
    options = [];
    for (const reply of body.activities ?? []) {
      if (reply.type !== 'message') {
        continue;
      }
      stdout.write(`\nPathfinder: ${reply.text ?? ''}\n`);
      for (const action of reply.suggestedActions?.actions ?? []) {
        options.push({ title: action.title, id: String(action.text ?? action.value ?? action.title) });
      }
    }
    options.forEach((option, index) => stdout.write(`  ${index + 1}. ${option.title}\n`));
  };

  await send({ type: 'conversationUpdate', membersAdded: [{ id: 'terminal-user' }] });
  const rl = createInterface({ input: stdin, terminal: stdin.isTTY });
  stdout.write('\nYou: ');
  // Reading lines in order (not rl.question) keeps piped input working: `printf '1\nIreland\n' | npm run chat`.
  for await (const raw of rl) {
    const line = raw.trim();
    if (!stdin.isTTY) {
      stdout.write(`${line}\n`);
    }
    if (line === '/quit' || line === '/exit') {
      break;
    }
    const picked = /^\d+$/.test(line) ? options[Number(line) - 1] : undefined;
    await send({ type: 'message', text: picked ? picked.id : line });
    stdout.write('\nYou: ');
  }
  rl.close();
  await app.close();
}

main().catch((error: unknown) => {
  process.stderr.write(`${String(error)}\n`);
  process.exit(1);
});
