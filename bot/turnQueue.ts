/**
 * Processes the turns of one conversation one at a time. BotState.saveChanges always writes with
 * eTag "*", so two overlapping turns of the same conversation (a double tap) could otherwise lose
 * dialog state. Turns of different conversations still run concurrently.
 */
import type { Middleware, TurnContext } from 'botbuilder';

export class ConversationTurnQueue implements Middleware {
  private readonly tails = new Map<string, Promise<void>>();

  /** Runs `next` after every earlier turn of the same conversation has finished. */
  async onTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
    const key = `${context.activity.channelId}/${context.activity.conversation?.id ?? ''}`;
    const previous = this.tails.get(key) ?? Promise.resolve();
    const current = previous.then(next);
    const tail = current.then(
      () => undefined,
      () => undefined,
    );
    this.tails.set(key, tail);
    try {
      await current;
    } finally {
      if (this.tails.get(key) === tail) {
        this.tails.delete(key);
      }
    }
  }

  /** Number of conversations with a turn in progress (for tests and diagnostics). */
  get activeConversations(): number {
    return this.tails.size;
  }
}
