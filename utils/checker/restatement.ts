/**
 * Acknowledgement in the agent's own words: the reply's opening restates what the customer wrote
 * ("sorry the blender stopped working after a week"). Counted as two or more of the customer's
 * content words (stemmed: "stopped" ~ "stop", "parcels" ~ "parcel") in the reply's first
 * sentences. Stock openers are the phrase list's job; this catches restatement.
 */

import { stem } from '../words/stem';
import { analyseText } from '../words/text';
import type { CheckContext } from './checks/context';
import type { Span } from './types';

/** Words of the reply's start that count as its opening. */
const OPENING_WORDS = 60;
/** Distinct customer words the opening must restate. */
const NEEDED = 2;

/** Function words and words every support exchange shares, which restate nothing. */
const COMMON = new Set(
  `about above after again also always another anything back been before being below between both
  cannot could does doing done down during each else even ever every from further have having here
  hers herself himself into itself just know like make many maybe more most much must myself need
  never none only other ought ours over please quite rather really same should since some still such
  than that their theirs them then there these they thing things this those though through today
  very want wanted wants week well were what when where which while will with within without would
  your yours yourself hello dear thanks thank help support team order ordered email message reply
  conversation contact customer regards best kind time sure good great sorry apologies hope okay able there's
  it's i'm i've you're you've we're we've can't don't won't didn't doesn't isn't haven't hasn't`
    .split(/\s+/)
    .filter(Boolean),
);

/** A number the customer quoted ("240 dollars", "$14.99"): restating it shows it was read. */
function isAmount(word: string): boolean {
  return /^\d{2,}(?:[.,]\d+)?$/.test(word);
}

function contentStems(text: string, exclude: ReadonlySet<string>): Set<string> {
  const analysis = analyseText(text);
  const stems = new Set<string>();
  for (let i = 0; i < analysis.count; i++) {
    const word = analysis.word(i);
    if (isAmount(word)) stems.add(word);
    else if (word.length < 4 || COMMON.has(word) || exclude.has(word) || /\d/.test(word)) continue;
    else stems.add(stem(word));
  }
  return stems;
}

let cached: { key: string; stems: Set<string> } | undefined;

/** The customer's content stems, cached for the ticket being typed against. */
function customerStems(context: CheckContext): Set<string> {
  const { ticket } = context;
  const key = `${ticket.subject}\n${ticket.customerMessage}\n${ticket.requester.name ?? ''}`;
  if (cached?.key === key) return cached.stems;
  const names = new Set((ticket.requester.name ?? '').toLowerCase().split(/\s+/).filter(Boolean));
  const stems = contentStems(`${ticket.subject}\n${ticket.customerMessage}`, names);
  cached = { key, stems };
  return stems;
}

/** The span of the opening that restates the customer's words, or undefined. */
export function restatement(context: CheckContext): Span | undefined {
  const stems = customerStems(context);
  if (stems.size < NEEDED) return undefined;
  const { reply } = context;
  const found = new Set<string>();
  let first = -1;
  const end = Math.min(reply.count, OPENING_WORDS);
  for (let i = 0; i < end; i++) {
    const word = reply.word(i);
    const amount = isAmount(word);
    if (!amount && (word.length < 4 || COMMON.has(word))) continue;
    const s = amount ? word : stem(word);
    if (!stems.has(s) || found.has(s)) continue;
    found.add(s);
    if (first === -1) first = i;
    if (found.size >= NEEDED) {
      return { start: reply.starts[first] as number, end: reply.ends[i] as number };
    }
  }
  return undefined;
}
