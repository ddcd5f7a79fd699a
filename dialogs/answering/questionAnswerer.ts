/**
 * Composes the answer to a free question from what the understanding found, the previous question's
 * context and the user's profile: the right entry of the knowledge base with a direct answer first, or
 * the one missing piece to ask for (the country, the status), or an honest "I can't answer that".
 * It decides; the dialogs send. Nothing here invents a fact: every answer is an entry with its sources.
 */
import { assessWork, byRegionFirst, inRegion } from '../../knowledge/pathway';
import type {
  CountryCode,
  Entry,
  EmployerRuleEntry,
  OrganisationEntry,
  ProcedureEntry,
  StatusId,
} from '../../knowledge/schema';
import type { QueryCoverage } from '../../knowledge/queryCoverage';
import type { KnowledgeRepository, KnowledgeSearch } from '../../knowledge/types';
import { isFormOf, tokens } from '../../knowledge/normalize';
import { HOME_COUNTRIES } from '../../locales/languages';
import type { ChoiceLabels } from '../choices';
import { detailText, renderEntry, TextPicker } from '../knowledgeText';
import type { TurnLanguage } from '../localizer';
import { workLine } from '../planRenderer';
import type { UserProfile } from '../profile';
import type { NeutralReply } from '../reply';
import type { Topic, TextUnderstanding, Understanding } from '../understanding/textUnderstanding';
import { trustedTerms } from '../understanding/slotRecognizer';

/** What the previous question was about, so that "And in Spain?" can be answered. */
export interface QuestionContext {
  topic?: Topic;
  country?: CountryCode;
  region?: string;
  status?: StatusId;
  profession?: string;
  ruleType?: EmployerRuleEntry['ruleType'];
}

/** Entities the user gave in answer to a question the bot asked (the country, the status). */
export interface Given {
  country?: CountryCode;
  region?: string;
  status?: StatusId;
}

export type AnswerPlan =
  | { kind: 'answer'; replies: NeutralReply[]; context: QuestionContext; offerPerson: boolean }
  | { kind: 'needCountry' }
  | { kind: 'needStatus' }
  | { kind: 'profile'; understanding: Understanding }
  | { kind: 'noted'; understanding: Understanding; replies: NeutralReply[]; context: QuestionContext }
  | { kind: 'compare' }
  | { kind: 'delete' };

/** Search hits must score at least this (relative) to be answers. */
export const MIN_ANSWER_SCORE = 0.35;
/** An answer found by search must contain more than this share of the question's content words. */
export const MIN_ANSWER_COVERAGE = 0.5;
/** Without a topic, a "did you mean" choice must share at least this many content words with the question. */
const MIN_MATCHED_WITHOUT_TOPIC = 2;
/** A "did you mean" choice must contain at least this share of the question's content words. */
const DID_YOU_MEAN_COVERAGE = 0.3;
/** Good matches needed, all from one country, to take that country from the question's words alone. */
const MIN_HITS_FOR_ONE_COUNTRY = 2;
/** Search hits checked for coverage, best first. */
const HITS_CHECKED = 3;
/** Services listed in one answer. */
const MAX_SERVICES = 3;
/** Stories listed in one answer. */
const MAX_STORIES = 2;
/** Employer rules of the asked type shown in one answer. */
const MAX_RULES = 2;
/** A message with a country, a status and this many words, naming a profession, level or goal, is a profile. */
const MIN_PROFILE_WORDS = 8;

/** The directory topic an organisation should help with, for a question's other topic. */
const HELPS_WITH: Partial<Record<Topic, NonNullable<OrganisationEntry['helpsWith']>[number]>> = {
  recognition: 'recognition',
  regulated: 'recognition',
  validation: 'validation',
  legal: 'legal',
  employer: 'hiring',
  work: 'work',
};

/** The kinds of entry that may answer a topic's question more specifically than the topic's default. */
const SPECIFIC_KINDS: Partial<Record<Topic, Entry['kind'][]>> = {
  work: ['faq', 'workRight', 'organisation'],
  employer: ['employerRule', 'faq', 'story', 'guidance'],
  services: ['organisation', 'faq', 'procedure', 'story'],
  recognition: ['procedure', 'profession', 'faq', 'organisation'],
  regulated: ['profession', 'procedure', 'faq', 'organisation'],
  nodocs: ['procedure', 'faq'],
  validation: ['procedure', 'faq', 'organisation'],
  stories: ['story'],
};

/** Organisation types that are not public bodies: what "an NGO", "a charity" means. */
const NGO_TYPES: ReadonlySet<OrganisationEntry['orgType']> = new Set([
  'ngo',
  'legal_aid',
  'mentoring',
  'job_matching',
  'good_practice',
]);

/** Topics that are answered from one country's rules. */
const COUNTRY_TOPICS: ReadonlySet<Topic> = new Set([
  'work',
  'employer',
  'nodocs',
  'validation',
  'regulated',
  'recognition',
  'services',
]);

/** What an answered entry says about the question, so a follow-up ("Can I be self-employed with it?") keeps it. */
function factsOf(entry: Entry | undefined): QuestionContext {
  if (!entry) {
    return {};
  }
  const country = entry.country === 'EU' ? undefined : entry.country;
  switch (entry.kind) {
    case 'workRight':
      return { country, status: entry.status };
    case 'profession':
      return { country, profession: entry.profession };
    default:
      return { country };
  }
}

export class QuestionAnswerer {
  constructor(
    private readonly repo: KnowledgeRepository,
    private readonly search: KnowledgeSearch,
    private readonly coverage: QueryCoverage,
    private readonly understanding: TextUnderstanding,
    private readonly labels: ChoiceLabels,
  ) {}

  /** Decides how to answer a question. */
  compose(
    text: string,
    language: TurnLanguage,
    today: Date,
    previous: QuestionContext | undefined,
    profile: UserProfile,
    given: Given = {},
  ): AnswerPlan {
    const u = this.understanding.understand(text, language);
    const { t } = language;
    const has = (topic: Topic): boolean => u.topics.includes(topic);
    const profileStatus = profile.status === 'unsure' ? undefined : profile.status;

    if (has('delete')) {
      return { kind: 'delete' };
    }
    // A "did you mean" choice: the entry itself.
    const chosen = text.startsWith('entry:') ? this.repo.get(text.slice('entry:'.length)) : undefined;
    if (chosen) {
      return this.answer([renderEntry(chosen, language, { today, detail: 'full' })], factsOf(chosen), false);
    }
    const country =
      given.country ?? u.country ?? (u.uncoveredCountry ? undefined : (previous?.country ?? profile.country));
    const region = given.region ?? u.region ?? (u.country ? undefined : (previous?.region ?? profile.region));
    if (has('safety')) {
      return this.answer(this.safety(country, language, today), { country }, true);
    }
    if (u.uncoveredCountry && !u.country && !given.country) {
      const name = this.labels.termName('countries', u.uncoveredCountry, language);
      return this.answer(
        [{ text: `${t('flow:country.notCovered', { country: name })}\n${t('answer:outOfScope')}` }],
        {},
        true,
      );
    }
    // A personal case ("my claim was rejected, how do I appeal?"), not a question about the rules during an appeal.
    if (u.topics[0] === 'legal') {
      return this.answer(this.legal(country, region, language, today), { country, region, topic: 'legal' }, true);
    }
    if (has('compare')) {
      return { kind: 'compare' };
    }
    // The status carries over within a conversation: "Can they be self-employed?" is about the same people.
    const status = given.status ?? u.status ?? previous?.status ?? profileStatus;
    // "I'm a refugee in Italy with a nursing degree and want to work as a nurse": a description, not a question.
    if (
      country &&
      status &&
      u.wordCount >= MIN_PROFILE_WORDS &&
      (u.profession || u.level) &&
      !u.isQuestion &&
      !has('employer')
    ) {
      return { kind: 'profile', understanding: { ...u, country, status, region } };
    }
    if (has('about')) {
      return this.answer([{ text: t('answer:about') }], previous ?? {}, false);
    }
    // "And in Spain?", "Actually I moved to the UK, what's the rule there?": no topic of its own, but new details.
    const continues = u.followUp || u.detail !== undefined || u.country || u.status || u.profession;
    // Employers' words are specific ("my company", "hire", "penalty"): an employer's question is about hiring.
    const firstTopic: Topic | undefined =
      (has('employer') ? 'employer' : undefined) ??
      u.topics.find((candidate) => candidate !== 'plan') ??
      (u.selfEmployment ? 'work' : undefined) ??
      (continues ? previous?.topic : undefined) ??
      (u.date && status === 'asylum_seeker' ? 'work' : undefined) ??
      // "Until when is temporary protection valid in Spain?": a status named in a question, nothing else.
      (u.status && u.country && u.isQuestion && u.detail === 'duration' ? 'work' : undefined);
    // "How do I work as a doctor?", "What do I need to work in a pharmacy?": a profession makes it about practising it.
    const topic = firstTopic === 'work' && u.profession && !u.selfEmployment && !u.date ? 'regulated' : firstTopic;
    const ignored = this.ignoredWords(text, language, []);
    const saysMore = tokens(text).some((word) => !ignored.has(word));
    if (!topic && (u.country || u.status) && !u.isQuestion && !saysMore) {
      return this.noted(u, country, region, status, language);
    }
    if (!topic) {
      return this.fromSearch(text, language, today, country);
    }
    const context: QuestionContext = {
      topic,
      country,
      region,
      status,
      profession: u.profession ?? (u.followUp || u.detail ? previous?.profession : undefined),
      ruleType: u.ruleType ?? (u.followUp || u.detail ? previous?.ruleType : undefined),
    };
    if (topic === 'stories') {
      return this.answer(this.stories(country, context.profession, language, today), context, false);
    }
    if (COUNTRY_TOPICS.has(topic) && !country) {
      // A European tool, or a country's own scheme ("the Home Office", "UK ENIC"), named in the question is
      // answered as such; otherwise the country decides.
      const named =
        this.specificEntry(text, language, undefined, undefined, u.topics) ?? this.oneCountrysEntry(text, language);
      if (named) {
        const namedCountry = named.country === 'EU' ? undefined : named.country;
        return this.answer(
          [renderEntry(named, language, { today, detail: 'full', focus: this.focusWords(text) })],
          { ...context, country: namedCountry },
          false,
        );
      }
      // Asked in the language of one country only (Spanish, Italian, Hungarian …): answer for that country,
      // say so, and let the user name another one.
      const home = HOME_COUNTRIES[language.lang] as CountryCode | undefined;
      const used: Entry[] = [];
      const replies = home ? this.byTopic(text, topic, u, { ...context, country: home }, language, today, used) : [];
      if (home && Array.isArray(replies) && replies.length > 0) {
        const assumed = t('answer:assumedCountry', { country: this.labels.termName('countries', home, language) });
        return this.answer([{ text: assumed }, ...replies], { ...context, country: home, ...factsOf(used[0]) }, false);
      }
      return { kind: 'needCountry' };
    }
    if (!country) {
      return this.fromSearch(text, language, today, undefined);
    }
    const used: Entry[] = [];
    const replies = this.byTopic(text, topic, u, { ...context, country }, language, today, used);
    if (replies === 'needStatus') {
      return { kind: 'needStatus' };
    }
    if (replies.length === 0) {
      return this.fromSearch(text, language, today, country, u.topics);
    }
    return this.answer(replies, { ...context, ...factsOf(used[0]) }, false);
  }

  /** "I'm a refugee in Italy.": remember it and ask what they want to know. */
  private noted(
    u: Understanding,
    country: CountryCode | undefined,
    region: string | undefined,
    status: StatusId | undefined,
    language: TurnLanguage,
  ): AnswerPlan {
    const facts = [
      status ? language.t(`flow:status.labels.${status}`) : undefined,
      country ? this.labels.termName('countries', country, language) : undefined,
      region ? this.labels.termName('regions', region, language) : undefined,
      u.profession ? this.labels.termName('professions', u.profession, language) : undefined,
    ].filter((fact): fact is string => Boolean(fact));
    return {
      kind: 'noted',
      understanding: { ...u, country, region, status },
      replies: [{ text: language.t('answer:noted', { facts: facts.join(language.t('common:listSeparator')) }) }],
      context: { country, region, status, profession: u.profession },
    };
  }

  private answer(replies: NeutralReply[], context: QuestionContext, offerPerson: boolean): AnswerPlan {
    return { kind: 'answer', replies, context, offerPerson };
  }

  /** The entry for a topic in a country, rendered with its direct answer first. */
  private byTopic(
    text: string,
    topic: Topic,
    u: Understanding,
    context: QuestionContext & { country: CountryCode },
    language: TurnLanguage,
    today: Date,
    used: Entry[],
  ): NeutralReply[] | 'needStatus' {
    const { country, region, status, profession } = context;
    const full = (entry: Entry, lead: (string | undefined)[] = [], heading?: string): NeutralReply => {
      used.push(entry);
      return renderEntry(entry, language, {
        today,
        detail: 'full',
        heading,
        lead: lead.filter((line): line is string => Boolean(line)),
        focus: this.focusWords(text),
      });
    };
    const withDetail = (entry: Entry | undefined): NeutralReply[] => {
      if (!entry) {
        return [];
      }
      const detail = u.detail ? detailText(entry, u.detail, new TextPicker(language.lang)) : undefined;
      return [full(entry, [detail])];
    };
    // "Recognition as a doctor", "a teaching qualification": the profession's own route comes first.
    const professionEntry =
      profession && (topic === 'recognition' || topic === 'regulated')
        ? this.repo.profession(country, profession)
        : undefined;
    if (professionEntry) {
      return withDetail(professionEntry);
    }
    // Words beyond the topic ("volunteer", "BSN", "microcredit", "English classes") may name a more specific entry.
    const kinds = SPECIFIC_KINDS[topic];
    const specific = kinds ? this.specificEntry(text, language, country, kinds, u.topics, region) : undefined;
    if (specific && topic !== 'work') {
      return withDetail(specific);
    }
    switch (topic) {
      case 'work': {
        const ownRule = status ? this.repo.workRight(country, status) : undefined;
        const entry =
          specific &&
          !(specific.kind === 'workRight' && ownRule && specific.status !== ownRule.status) &&
          (!ownRule ||
            specific.id === ownRule.id ||
            this.namesMoreThanRule(text, language, u.topics, specific, ownRule))
            ? specific
            : ownRule;
        if (!entry) {
          return status ? [] : 'needStatus';
        }
        if (entry.kind !== 'workRight') {
          return [full(entry)];
        }
        const date = entry.status === 'asylum_seeker' ? u.date : undefined;
        const lead = [
          date ? workLine(assessWork(entry, date, today), language) : undefined,
          u.selfEmployment
            ? language.t('answer:selfEmployment', {
                text: new TextPicker(language.lang).pick(entry.selfEmployment.text),
              })
            : undefined,
        ];
        return [full(entry, lead)];
      }
      case 'employer':
        return this.employer(context, language, today, full);
      case 'nodocs':
        return withDetail(byRegionFirst(this.repo.procedures(country, 'no_documents', region), region)[0]);
      case 'validation':
        return withDetail(byRegionFirst(this.repo.procedures(country, 'validation', region), region)[0]);
      case 'regulated': {
        const entry = profession
          ? this.repo.profession(country, profession)
          : byRegionFirst(this.repo.procedures(country, 'regulated', region), region)[0];
        return withDetail(entry);
      }
      case 'recognition': {
        // "Recognition as a doctor": a profession's own route comes before the general diploma route.
        const professionEntry = profession ? this.repo.profession(country, profession) : undefined;
        if (professionEntry) {
          return withDetail(professionEntry);
        }
        const type: ProcedureEntry['procedureType'] =
          u.level === 'vocational' || u.level === 'secondary' ? 'vocational' : 'academic';
        const entries = byRegionFirst(this.repo.procedures(country, type, region), region);
        // Belgium's diplomas depend on the community: without a region, show each community's body briefly.
        if (!region && entries.length > 1 && entries.every((entry) => entry.regions?.length)) {
          return entries.map((entry) => renderEntry(entry, language, { today, detail: 'brief' }));
        }
        return withDetail(entries[0]);
      }
      case 'services':
        return this.services(country, region, u, language, today);
      default:
        return [];
    }
  }

  /** Employers: the rule asked about, or whether the person can work and what to check. */
  private employer(
    context: QuestionContext & { country: CountryCode },
    language: TurnLanguage,
    today: Date,
    full: (entry: Entry, lead?: (string | undefined)[], heading?: string) => NeutralReply,
  ): NeutralReply[] {
    const { country, region, status, ruleType } = context;
    const rules = this.repo.employerRules(country, status).filter((rule) => inRegion(rule, region));
    if (ruleType) {
      return byRegionFirst(
        rules.filter((rule) => rule.ruleType === ruleType),
        region,
      )
        .slice(0, MAX_RULES)
        .map((rule) => full(rule));
    }
    const workRight = status ? this.repo.workRight(country, status) : undefined;
    const checks = rules.find((rule) => rule.ruleType === 'checks');
    return [
      workRight ? full(workRight, [], language.t('employer:workRight')) : undefined,
      checks ? full(checks) : undefined,
    ].filter((reply): reply is NeutralReply => reply !== undefined);
  }

  /** Services in the country (and region), the public employment service first unless another topic says otherwise. */
  private services(
    country: CountryCode,
    region: string | undefined,
    u: Understanding,
    language: TurnLanguage,
    today: Date,
  ): NeutralReply[] {
    const other = u.topics.find((topic) => topic !== 'services' && HELPS_WITH[topic]);
    const helpsWith = u.selfEmployment ? 'business' : other ? HELPS_WITH[other] : undefined;
    const ngoAsked = u.ngoAsked;
    const audience = u.topics.includes('employer') ? 'employer' : 'refugee';
    const candidates = this.repo.organisations(country, { region, audience }).filter((org) => !org.mayHaveEnded);
    const score = (org: OrganisationEntry): number =>
      (helpsWith && helpsWith !== 'work' && org.helpsWith?.includes(helpsWith) ? 4 : 0) +
      (!ngoAsked && org.orgType === 'public_employment_service' ? 3 : 0) +
      (ngoAsked && NGO_TYPES.has(org.orgType) ? 4 : 0) +
      (region && org.regions?.includes(region) ? 2 : 0) +
      (u.city && org.cities?.includes(u.city) ? 2 : 0);
    const orgs = [...candidates].sort((a, b) => score(b) - score(a) || a.id.localeCompare(b.id)).slice(0, MAX_SERVICES);
    if (orgs.length === 0) {
      return [];
    }
    const rendered = orgs.map((org) => renderEntry(org, language, { today, detail: 'brief' }));
    return [
      {
        text: [language.t('answer:services'), ...rendered.map((reply) => reply.text)].join('\n\n'),
        citations: rendered.flatMap((reply) => reply.citations ?? []),
      },
    ];
  }

  private stories(
    country: CountryCode | undefined,
    profession: string | undefined,
    language: TurnLanguage,
    today: Date,
  ): NeutralReply[] {
    const stories = this.repo.stories({ country, profession });
    const chosen = (stories.length > 0 ? stories : this.repo.stories({ country })).slice(0, MAX_STORIES);
    if (chosen.length === 0) {
      return [{ text: language.t('answer:outOfScope') }];
    }
    const rendered = chosen.map((story) => renderEntry(story, language, { today, detail: 'full' }));
    return [
      {
        text: [language.t('answer:stories'), ...rendered.map((reply) => reply.text)].join('\n\n'),
        citations: rendered.flatMap((reply) => reply.citations ?? []),
      },
    ];
  }

  /** Danger first: the emergency number (sourced), then the offer of a person. */
  private safety(country: CountryCode | undefined, language: TurnLanguage, today: Date): NeutralReply[] {
    const emergency = this.repo
      .list('info')
      // Unknown country: every number we know (112 in the EU, 999 in the UK), rather than a wrong one.
      .filter(
        (entry) =>
          entry.topic === 'emergency' &&
          (country === undefined || (country === 'UK' ? entry.country === 'UK' : entry.country === 'EU')),
      );
    const rendered = emergency.map((entry) => renderEntry(entry, language, { today, detail: 'brief' }));
    return [
      {
        text: [language.t('answer:safety'), ...rendered.map((reply) => reply.text)].join('\n\n'),
        citations: rendered.flatMap((reply) => reply.citations ?? []),
      },
    ];
  }

  /** No legal advice: legal aid organisations of the country, and a person. */
  private legal(
    country: CountryCode | undefined,
    region: string | undefined,
    language: TurnLanguage,
    today: Date,
  ): NeutralReply[] {
    const orgs = country
      ? this.repo
          .organisations(country, { region, helpsWith: 'legal' })
          .concat(this.repo.organisations(country, { region }).filter((org) => org.orgType === 'legal_aid'))
          .filter((org, index, all) => !org.mayHaveEnded && all.findIndex((other) => other.id === org.id) === index)
          // Those who decide on claims are not there to help with them.
          .filter((org) => org.orgType !== 'government' && org.orgType !== 'recognition_body')
          .sort((a, b) => Number(b.orgType === 'legal_aid') - Number(a.orgType === 'legal_aid'))
          .slice(0, MAX_SERVICES)
      : [];
    if (orgs.length === 0) {
      return [
        { text: `${language.t('answer:legal')}\n${country ? language.t('answer:legalNoOrganisation') : ''}`.trim() },
      ];
    }
    const rendered = orgs.map((org) => renderEntry(org, language, { today, detail: 'brief' }));
    return [
      {
        text: [language.t('answer:legal'), ...rendered.map((reply) => reply.text)].join('\n\n'),
        citations: rendered.flatMap((reply) => reply.citations ?? []),
      },
    ];
  }

  /**
   * The entry of a country whose own words cover what the question says beyond its topic and places
   * (a permit's name, a document, a scheme), or undefined.
   */
  private specificEntry(
    text: string,
    language: TurnLanguage,
    country: CountryCode | undefined,
    kinds: Entry['kind'][] | undefined,
    topics: Topic[],
    region?: string,
  ): Entry | undefined {
    const ignore = this.ignoredWords(text, language, topics);
    return this.search
      .search(text, { lang: language.lang, country, kinds, limit: HITS_CHECKED })
      .filter((hit) => inRegion(hit.entry, region))
      .find((hit) => {
        const coverage = this.coverage.coverage(text, hit.entry, ignore);
        return hit.score >= MIN_ANSWER_SCORE && coverage.total > 0 && coverage.share > MIN_ANSWER_COVERAGE;
      })?.entry;
  }

  /**
   * When every good match of a question belongs to one country ("the Titre de compétence test"), its best
   * entry; undefined when the matches come from several countries ("How do I get my diploma recognised?").
   */
  private oneCountrysEntry(text: string, language: TurnLanguage): Entry | undefined {
    const ignore = this.contextWords(text, language);
    const good = this.search
      .search(text, { lang: language.lang, limit: HITS_CHECKED })
      .filter(
        (hit) =>
          hit.score >= MIN_ANSWER_SCORE && this.coverage.coverage(text, hit.entry, ignore).share > MIN_ANSWER_COVERAGE,
      );
    const countries = new Set(good.map((hit) => hit.entry.country));
    return good.length >= MIN_HITS_FOR_ONE_COUNTRY && countries.size === 1 && !countries.has('EU')
      ? good[0]?.entry
      : undefined;
  }

  /**
   * Whether a more specific entry answers the question better than the work rule: it covers more of the
   * question's own words ("IPAS accommodation", "Stamp 4") — not just the question's verbs in another language —
   * or, on a tie, its title names what was asked ("volunteer work") and the rule's does not.
   */
  private namesMoreThanRule(
    text: string,
    language: TurnLanguage,
    topics: Topic[],
    specific: Entry,
    rule: Entry,
  ): boolean {
    const ignore = this.ignoredWords(text, language, topics);
    const [own, ruleCovers] = [specific, rule].map((entry) => this.coverage.coverage(text, entry, ignore).matched);
    if (own !== ruleCovers) {
      return (own ?? 0) > (ruleCovers ?? 0);
    }
    const asked = tokens(text).filter((word) => !ignore.has(word));
    const titleNames = (entry: Entry): boolean => {
      const title = new Set(tokens(new TextPicker(language.lang).pick(entry.title) ?? ''));
      return asked.some((word) => title.has(word));
    };
    return titleNames(specific) && !titleNames(rule);
  }

  /** Stopwords, places, and the words that only name the question's topics. */
  private ignoredWords(text: string, language: TurnLanguage, topics: Topic[]): Set<string> {
    const ignore = this.contextWords(text, language);
    for (const topic of topics) {
      language
        .list(`understanding:topics.${topic}`)
        .forEach((phrase) => tokens(phrase).forEach((word) => ignore.add(word)));
    }
    return ignore;
  }

  /** The best search hit that really answers the question, or an honest "I can't answer that". */
  private fromSearch(
    text: string,
    language: TurnLanguage,
    today: Date,
    country: CountryCode | 'EU' | undefined,
    topics: Topic[] = [],
  ): AnswerPlan {
    const hits = this.search
      .search(text, { lang: language.lang, country, limit: HITS_CHECKED })
      .filter((hit) => hit.score >= MIN_ANSWER_SCORE);
    // Words that only name the topic ("diploma", "recognised") do not make an entry the answer.
    const ignore = this.ignoredWords(text, language, topics);
    const covered = hits.map((hit) => ({ hit, coverage: this.coverage.coverage(text, hit.entry, ignore) }));
    const best = covered.find(({ coverage }) => coverage.share > MIN_ANSWER_COVERAGE)?.hit;
    if (best) {
      const replies = [renderEntry(best.entry, language, { today, detail: 'full', focus: this.focusWords(text) })];
      const entryCountry = best.entry.country === 'EU' ? undefined : best.entry.country;
      return this.answer(replies, { country: entryCountry }, false);
    }
    // A question on a known topic with a partly matching entry: ask which was meant, never guess.
    const candidates = covered.filter(
      ({ coverage }) =>
        coverage.share >= DID_YOU_MEAN_COVERAGE &&
        coverage.matched >= (topics.length > 0 ? 1 : MIN_MATCHED_WITHOUT_TOPIC),
    );
    if (candidates.length > 0) {
      const picker = new TextPicker(language.lang);
      const choices = candidates.map(({ hit }) => ({
        id: `entry:${hit.entry.id}`,
        label: picker.pick(hit.entry.title) ?? hit.entry.id,
      }));
      return this.answer([{ text: language.t('answer:didYouMean'), choices }], {}, true);
    }
    return this.answer([{ text: language.t('answer:outOfScope') }], {}, true);
  }

  /** The question's content words, to put the facts that speak of them first. */
  private focusWords(text: string): string[] {
    const stop = this.understanding.functionWords();
    return tokens(text).filter((word) => !stop.has(word));
  }

  /** Words that carry no content of their own: stopwords, and the places, statuses and professions named. */
  private contextWords(question: string, language: TurnLanguage): Set<string> {
    const places = (['countries', 'regions', 'cities', 'statuses', 'professions'] as const).flatMap((kind) =>
      trustedTerms(this.search, question, kind, language).flatMap((match) => tokens(match.matched)),
    );
    // The question's own forms of those names ("demandeurs" for "demandeur", "Írországban" for "Írország").
    const inflected = tokens(question).filter((word) => places.some((place) => isFormOf(word, place, language.lang)));
    return new Set([...this.understanding.functionWords(), ...places, ...inflected]);
  }
}
