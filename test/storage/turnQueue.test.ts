import { TestAdapter, TurnContext } from 'botbuilder';
import { ConversationTurnQueue } from '../../bot/turnQueue';

/** A promise with its resolve function, to hold a turn open until the test lets it go. */
function gate(): { promise: Promise<void>; open: () => void } {
  let open = (): void => undefined;
  const promise = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { promise, open };
}

function contextFor(conversationId: string, text: string): TurnContext {
  return new TurnContext(new TestAdapter(), {
    type: 'message',
    text,
    channelId: 'test',
    conversation: { id: conversationId, isGroup: false, conversationType: 'personal', name: '' },
    from: { id: 'u', name: 'user' },
  });
}

describe('ConversationTurnQueue', () => {
  it('runs the turns of one conversation one after the other', async () => {
    const queue = new ConversationTurnQueue();
    const order: string[] = [];
    const firstGate = gate();
    const first = queue.onTurn(contextFor('c1', 'first'), async () => {
      order.push('first:start');
      await firstGate.promise;
      order.push('first:end');
    });
    const second = queue.onTurn(contextFor('c1', 'second'), async () => {
      order.push('second:start');
    });
    await Promise.resolve();
    expect(order).toEqual(['first:start']);
    firstGate.open();
    await Promise.all([first, second]);
    expect(order).toEqual(['first:start', 'first:end', 'second:start']);
    expect(queue.activeConversations).toBe(0);
  });

  it('lets different conversations run at the same time', async () => {
    const queue = new ConversationTurnQueue();
    const order: string[] = [];
    const held = gate();
    const first = queue.onTurn(contextFor('c1', 'x'), async () => {
      order.push('c1:start');
      await held.promise;
    });
    await queue.onTurn(contextFor('c2', 'y'), async () => {
      order.push('c2:run');
    });
    expect(order).toEqual(['c1:start', 'c2:run']);
    held.open();
    await first;
  });

  it('keeps going after a failed turn', async () => {
    const queue = new ConversationTurnQueue();
    await expect(
      queue.onTurn(contextFor('c1', 'x'), async () => {
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    const ran = jest.fn(async () => undefined);
    await queue.onTurn(contextFor('c1', 'y'), ran);
    expect(ran).toHaveBeenCalledTimes(1);
  });
});
