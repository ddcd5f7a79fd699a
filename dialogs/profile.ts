/**
 * What Pathfinder remembers about a user (UserState). Only the answers to its own questions:
 * no names, no contact details.
 */
import type { CountryCode, DocumentsId, GoalId, LevelId, StatusId } from '../knowledge/schema';
import type { LanguageCode } from '../locales/languages';

/** The profile slots of the guided flow, in the order they are asked. */
export const PROFILE_SLOTS = [
  'country',
  'region',
  'status',
  'asylumDate',
  'level',
  'profession',
  'documents',
  'goal',
] as const;
export type ProfileSlot = (typeof PROFILE_SLOTS)[number];

export interface UserProfile {
  language?: LanguageCode;
  /** How the language was set: picked by the user (kept) or detected from their messages (follows them). */
  languageSource?: 'chosen' | 'detected';
  welcomed?: boolean;
  /** Which flow the user is in: their own path or hiring as an employer. */
  flow?: 'path' | 'employer';
  country?: CountryCode;
  region?: string;
  /** 'unsure' when the user does not know their status. */
  status?: StatusId | 'unsure';
  /** The asylum application date (YYYY-MM-DD) or 'unknown'. */
  asylumDate?: string;
  level?: LevelId;
  /** A profession id, or 'other' when the user skipped. */
  profession?: string;
  documents?: DocumentsId;
  goal?: GoalId;
  /** Employer flow: the candidate's status. */
  candidateStatus?: StatusId;
  /** The order in which slots were filled, for "back". */
  filled?: string[];
}

/** Records a slot value and remembers the order, so "back" can undo the latest answer. */
export function fillSlot<K extends keyof UserProfile>(profile: UserProfile, slot: K, value: UserProfile[K]): void {
  profile[slot] = value;
  profile.filled = [...(profile.filled ?? []).filter((name) => name !== slot), slot];
}

/** Forgets the latest answer; returns the slot that was cleared, if any. */
export function undoLastSlot(profile: UserProfile): string | undefined {
  const filled = [...(profile.filled ?? [])];
  const last = filled.pop();
  if (last) {
    delete (profile as Record<string, unknown>)[last];
    // A cleared region/date belongs to the slot before it: re-asking the country asks the region again.
    if (last === 'country') {
      delete profile.region;
    }
    if (last === 'status') {
      delete profile.asylumDate;
    }
  }
  profile.filled = filled;
  return last;
}

/** Forgets all answers except the language and that the user was welcomed. */
export function clearAnswers(profile: UserProfile): void {
  for (const key of Object.keys(profile) as (keyof UserProfile)[]) {
    if (key !== 'language' && key !== 'welcomed') {
      delete profile[key];
    }
  }
}
