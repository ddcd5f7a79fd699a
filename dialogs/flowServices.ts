/**
 * What the conversation needs from outside, handed to every dialog through its constructor:
 * the knowledge base, the recognisers, the clock and the profile accessor.
 */
import type { StatePropertyAccessor, TurnContext } from 'botbuilder';
import type { KnowledgeRepository, KnowledgeSearch } from '../knowledge/types';
import type { QuestionAnswerer, QuestionContext } from './answering/questionAnswerer';
import type { ChoiceLabels } from './choices';
import type { Clock } from './clock';
import type { UserProfile } from './profile';
import type { SlotRecognizer } from './understanding/slotRecognizer';

export interface FlowServices {
  repo: KnowledgeRepository;
  search: KnowledgeSearch;
  answerer: QuestionAnswerer;
  labels: ChoiceLabels;
  recognizer: SlotRecognizer;
  clock: Clock;
  profileAccessor: StatePropertyAccessor<UserProfile>;
  /** What the last free question was about (conversation state), for follow-ups. */
  questionContext: StatePropertyAccessor<QuestionContext>;
}

/** The user's profile for this turn (created empty on first use). */
export function getProfile(services: FlowServices, context: TurnContext): Promise<UserProfile> {
  return services.profileAccessor.get(context, {});
}
