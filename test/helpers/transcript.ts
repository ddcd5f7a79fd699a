/**
 * Dialog transcripts: the real bot graph (dialogs, compiled knowledge base, SQLite state, i18n)
 * driven through botbuilder's TestAdapter, one message at a time, with a fixed clock.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type Activity, TestAdapter } from 'botbuilder';
import { type BotGraph, createBotGraph } from '../../bot/app';
import { loadConfig } from '../../bot/config';
import { fixedClock } from '../../dialogs/clock';
import { TEST_TODAY } from './botServer';

export interface Turn {
  text: string;
  /** Choice ids offered (suggested actions). */
  choices: string[];
  /** Choice labels shown. */
  titles: string[];
  activities: Partial<Activity>[];
}

export class Transcript {
  private readonly adapter: TestAdapter;
  private readonly graph: BotGraph;
  private readonly dataDir: string;

  constructor(options: { locale?: string; today?: string } = {}) {
    this.dataDir = mkdtempSync(path.join(tmpdir(), 'pathfinder-transcript-'));
    this.graph = createBotGraph(
      loadConfig({ DATA_DIR: this.dataDir, LOG_LEVEL: 'silent' }),
      fixedClock(options.today ?? TEST_TODAY),
    );
    this.adapter = new TestAdapter(async (context) => this.graph.bot.run(context), {
      channelId: 'test',
      locale: options.locale ?? 'en-US',
    } as Partial<Activity>);
  }

  /** The user types a message (or clicks a button, by sending its id). */
  async say(text: string): Promise<Turn> {
    await this.adapter.receiveActivity({ type: 'message', text, locale: this.adapter.template.locale });
    return this.drain();
  }

  /** The user opens the chat (Web Chat's conversationUpdate). */
  async join(): Promise<Turn> {
    await this.adapter.receiveActivity({
      type: 'conversationUpdate',
      membersAdded: [{ id: 'user', name: 'User' }],
      locale: this.adapter.template.locale,
    });
    return this.drain();
  }

  private drain(): Turn {
    const activities = this.adapter.activeQueue.splice(0);
    const actions = activities.flatMap((activity) => activity.suggestedActions?.actions ?? []);
    return {
      text: activities.map((activity) => activity.text ?? '').join('\n'),
      choices: actions.map((action) => String(action.text ?? action.value)),
      titles: actions.map((action) => action.title),
      activities,
    };
  }

  close(): void {
    this.graph.close();
    rmSync(this.dataDir, { recursive: true, force: true });
  }
}
