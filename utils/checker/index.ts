/**
 * The reply checker: `checkReply(text, ticket, playbook) → CheckResult`. Pure: no DOM, no
 * `browser`, no clock. A playbook's phrases are compiled once (and cached per playbook object), so
 * checking on every keystroke costs one pass over the reply.
 */
import type { Playbook, PlaybookStep } from '../playbook/schema';
import type { TicketContext } from '../ticket';
import { matchPhrases, type PhraseMatch, type PhraseSet, PhraseSetBuilder } from '../words/phrases';
import { fillTemplate } from '../words/template';
import { analyseText, createAnalysisBuffers, withoutWordsIn } from '../words/text';
import { checkClosing, DEFAULT_CLOSING_WORDS } from './checks/closing';
import type { CheckContext, CheckOutcome, CompiledStep } from './checks/context';
import { checkExpectation } from './checks/expectation';
import { checkForbid } from './checks/forbid';
import { checkGreeting, DEFAULT_GREETING_WORDS } from './checks/greeting';
import { checkLength } from './checks/length';
import { checkLink } from './checks/link';
import { checkMention } from './checks/mention';
import { checkPhrase } from './checks/phrase';
import { checkPlaceholders } from './checks/placeholders';
import { whyNotApplicable } from './checks/when';
import { maskRanges, nonReplyRanges } from './reply';
import { scoreSteps } from './score';
import type { CheckResult, StepResult } from './types';
import { ticketVariables } from './variables';

export { fillTemplate } from '../words/template';
export { nonReplyRanges } from './reply';
export { scoreSteps } from './score';
export { findOrderNumber, ticketVariables } from './variables';

export interface CompiledPlaybook {
  readonly compiled: true;
  playbook: Playbook;
  steps: CompiledStep[];
  /** Phrases looked for in the reply: step phrases, greeting and closing words. */
  replyPhrases: PhraseSet;
  /** `when.keywords`, looked for in the ticket's subject and customer message. */
  ticketPhrases: PhraseSet;
  /** Per-ticket work reused while the agent types: filled snippets and `when` keyword matches. */
  perTicket?: {
    variables: Readonly<Record<string, string>>;
    ticketText: string;
    snippets: (string | undefined)[];
    ticketMatches?: (PhraseMatch[] | undefined)[];
  };
}

/** Compiles a playbook's phrases into word tries. Call once per playbook; `checkReply` caches it. */
export function compilePlaybook(playbook: Playbook): CompiledPlaybook {
  const replyPhrases = new PhraseSetBuilder();
  const ticketPhrases = new PhraseSetBuilder();
  const steps = playbook.steps.map((step): CompiledStep => {
    const check = step.check;
    let words: string[] = [];
    if (check.kind === 'greeting') words = check.words ?? DEFAULT_GREETING_WORDS;
    else if (check.kind === 'closing') words = check.words ?? DEFAULT_CLOSING_WORDS;
    else if (check.kind === 'phrase' || check.kind === 'forbid') words = check.any;
    return {
      step,
      phraseIds: words.map((phrase) => replyPhrases.add(phrase)),
      whenKeywordIds: (step.when?.keywords ?? []).map((keyword) => ticketPhrases.add(keyword)),
    };
  });
  return {
    compiled: true,
    playbook,
    steps,
    replyPhrases: replyPhrases.build(),
    ticketPhrases: ticketPhrases.build(),
  };
}

const compiledCache = new WeakMap<Playbook, CompiledPlaybook>();

function compiledFor(playbook: Playbook | CompiledPlaybook): CompiledPlaybook {
  if ('compiled' in playbook) return playbook;
  let compiled = compiledCache.get(playbook);
  if (!compiled) {
    compiled = compilePlaybook(playbook);
    compiledCache.set(playbook, compiled);
  }
  return compiled;
}

const replyBuffers = createAnalysisBuffers();

/** Kinds whose pass means the agent did something (a forbid or length step passes by default). */
const DONE_ANYWAY_KINDS: ReadonlySet<string> = new Set(['phrase', 'greeting', 'closing', 'link']);

function runCheck(context: CheckContext, compiled: CompiledStep): CheckOutcome {
  const check = compiled.step.check;
  switch (check.kind) {
    case 'greeting':
      return checkGreeting(context, compiled, check);
    case 'closing':
      return checkClosing(context, compiled, check);
    case 'phrase':
      return checkPhrase(context, compiled, check);
    case 'forbid':
      return checkForbid(context, compiled, check);
    case 'mention':
      return checkMention(context, check);
    case 'expectation':
      return checkExpectation(context, check);
    case 'link':
      return checkLink(context, check);
    case 'length':
      return checkLength(context, check);
    case 'placeholders':
      return checkPlaceholders(context, check);
  }
}

function snippetFor(step: PlaybookStep, variables: Record<string, string>): string | undefined {
  return step.snippet === undefined ? undefined : fillTemplate(step.snippet, variables);
}

function perTicketFor(
  compiled: CompiledPlaybook,
  ticket: TicketContext,
): NonNullable<CompiledPlaybook['perTicket']> {
  const variables = ticketVariables(ticket);
  const ticketText = `${ticket.subject}\n${ticket.customerMessage}`;
  const known = compiled.perTicket;
  if (known && known.variables === variables && known.ticketText === ticketText) return known;
  const fresh = {
    variables,
    ticketText,
    snippets: compiled.steps.map((step) => snippetFor(step.step, variables)),
  };
  compiled.perTicket = fresh;
  return fresh;
}

/**
 * Checks a draft reply against a playbook. `text` is the editor's plain text as the adapter reads
 * it (rich editors included); quoted history and the signature are ignored, and every span refers to
 * offsets in `text` itself.
 */
export function checkReply(
  text: string,
  ticket: TicketContext,
  playbook: Playbook | CompiledPlaybook,
): CheckResult {
  const compiled = compiledFor(playbook);
  const perTicket = perTicketFor(compiled, ticket);
  const { variables } = perTicket;
  // The reply's analysis never leaves this call, so it can borrow the shared buffers.
  let reply = analyseText(text, replyBuffers);
  // Quoted history and the signature become spaces: offsets into the masked text are offsets into
  // `text`. Their words are dropped from the one analysis rather than the masked text analysed
  // again (that second scan was a third of a signed reply's check).
  if (reply.mayHaveNonReply || text.includes('\n')) {
    const ranges = nonReplyRanges(text);
    if (ranges.length > 0)
      reply = withoutWordsIn(reply, ranges, maskRanges(reply.text, ranges), replyBuffers);
  }
  // Cached per ticket, so computing it up front costs nothing while the agent types.
  perTicket.ticketMatches ??= matchPhrases(
    analyseText(perTicket.ticketText),
    compiled.ticketPhrases,
    variables,
  );
  const ticketMatches = perTicket.ticketMatches;
  const context: CheckContext = {
    source: text,
    reply,
    phrases: compiled.replyPhrases,
    matches: matchPhrases(reply, compiled.replyPhrases, variables),
    variables,
    ticket,
  };
  const steps = compiled.steps.map((compiledStep, index): StepResult => {
    const { step } = compiledStep;
    const snippet = perTicket.snippets[index];
    const notApplicable = whyNotApplicable(step.when, ticket, compiledStep.whenKeywordIds, ticketMatches);
    let outcome: CheckOutcome;
    if (!notApplicable) outcome = runCheck(context, compiledStep);
    else {
      // A `when` says when a step is due. A step the agent did anyway (an apology the keywords
      // did not foresee) is done, not "not applicable": the agent judged it was due.
      const done = DONE_ANYWAY_KINDS.has(step.check.kind) ? runCheck(context, compiledStep) : undefined;
      outcome = done?.status === 'pass' ? done : { status: 'na', reason: notApplicable, evidence: [] };
    }
    // A plain literal: object spread here cost more than all the checks together in V8.
    const result: StepResult = {
      stepId: step.id,
      title: step.title,
      severity: step.severity,
      weight: step.weight,
      status: outcome.status,
      evidence: outcome.evidence,
    };
    if (outcome.reason !== undefined) result.reason = outcome.reason;
    if (snippet !== undefined) result.snippet = snippet;
    return result;
  });
  const { score, fullAdherence, criticalMiss } = scoreSteps(steps);
  return { score, fullAdherence, criticalMiss, steps, wordCount: reply.count };
}
