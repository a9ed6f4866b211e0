/**
 * A request for sensitive data, told apart from an instruction to use it in the product. "Could
 * you reply with your password", "send me the long number on the front of your card", "what's
 * your password?", "I'll need your card's security code" ask the customer to hand it over;
 * "enter your current password in Settings", "confirm with your password", "we'll send you a
 * password reset link", "we will never ask for your password", "please don't send your card
 * number" do not.
 */
import { breaksBefore, clauseStart, isNegationWord } from '../words/negation';
import { CLAUSE_BREAK, QUOTED, type TextAnalysis } from '../words/text';

/** Verbs that ask the customer to hand something over to us. */
const HAND_OVER: ReadonlySet<string> = new Set([
  'send',
  'resend',
  'reply',
  'respond',
  'share',
  'tell',
  'give',
  'provide',
  'email',
  'e-mail',
  'text',
  'confirm',
  'dm',
  'message',
  'paste',
  'include',
  'attach',
  'write',
  'forward',
  'post',
  'spell',
  'read',
]);
/** Verbs that use the secret in the product: "enter", "choose a new password", "sign in with it". */
const PRODUCT_VERBS: ReadonlySet<string> = new Set([
  'enter',
  'type',
  'choose',
  'pick',
  'set',
  'create',
  'use',
  'change',
  'reset',
  'update',
  'input',
  'save',
  'remember',
  'keep',
  'sign',
  'log',
  'store',
  'generate',
]);
/** Verbs where our own subject makes the request: "I need your password", "we have to ask for it". */
const WE_ASK: ReadonlySet<string> = new Set(['need', 'ask', 'require', 'want']);
const FIRST_PERSON: ReadonlySet<string> = new Set([
  'i',
  'we',
  "i'll",
  "we'll",
  "i've",
  "we've",
  "i'd",
  "we'd",
  "we're",
  "i'm",
]);
/** Words after "password" that make it a thing in the product, not the secret: "password reset link". */
const NOT_THE_SECRET: ReadonlySet<string> = new Set([
  'reset',
  'link',
  'manager',
  'page',
  'field',
  'screen',
  'settings',
  'rules',
  'requirements',
  'strength',
  'change',
  'form',
  'prompt',
  'email',
  'policy',
  'protected',
  'box',
  'recovery',
]);

/** How far back in the sentence a request verb may stand ("send me whatever emails and passwords"). */
const REACH = 14;

function word(reply: TextAnalysis, index: number): string {
  return index >= 0 && index < reply.count ? reply.word(index) : '';
}

/** Whether the sensitive data named at words [start, end) is asked for. */
export function isRequested(reply: TextAnalysis, start: number, end: number): boolean {
  if (((reply.flags[start] as number) & QUOTED) !== 0) return false;
  if (NOT_THE_SECRET.has(word(reply, end))) return false;
  for (let k = start - 1; k >= 0 && k >= start - REACH; k--) {
    if (asksAt(reply, k)) return !negatedBetween(reply, clauseStart(reply, k), start);
    // Another verb governs it: "enter your password", "confirm with your password", "we send you".
    if (PRODUCT_VERBS.has(word(reply, k)) || HAND_OVER.has(word(reply, k))) return false;
    // The sentence ends; a comma may still continue a request ("send me, if you can, …").
    if (((reply.flags[k] as number) & CLAUSE_BREAK) !== 0 && !sameSentence(reply, k)) return false;
  }
  return false;
}

/** Word `k` asks the customer for something: "what's", "send", "reply with", "I need", "let me know". */
function asksAt(reply: TextAnalysis, k: number): boolean {
  const w = word(reply, k);
  // "What's your password?", "what is the card number".
  if (w === "what's" || (w === 'what' && (word(reply, k + 1) === 'is' || word(reply, k + 1) === 'was')))
    return true;
  if (HAND_OVER.has(w)) return handsOver(reply, k);
  if (WE_ASK.has(w)) return FIRST_PERSON.has(word(reply, k - 1)) || FIRST_PERSON.has(word(reply, k - 2));
  return w === 'know' && (word(reply, k - 1) === 'me' || word(reply, k - 1) === 'us');
}

function negatedBetween(reply: TextAnalysis, from: number, to: number): boolean {
  for (let k = from; k < to; k++) if (isNegationWord(reply, k)) return true;
  return false;
}

function sameSentence(reply: TextAnalysis, index: number): boolean {
  if (!breaksBefore(reply, index)) return true;
  const gap = reply.text.slice(reply.ends[index - 1] ?? 0, reply.starts[index]);
  return !/[.!?…\n]/.test(gap);
}

/** A hand-over verb addressed to the customer, not something we do ("we'll send you a link"). */
function handsOver(reply: TextAnalysis, index: number): boolean {
  const before = word(reply, index - 1);
  // "the email", "a text", "sign in with your email": a noun, not a request.
  if (
    before === 'your' ||
    before === 'my' ||
    before === 'the' ||
    before === 'a' ||
    before === 'an' ||
    before === 'this' ||
    before === 'our' ||
    before === 'that'
  )
    return false;
  const twoBefore = word(reply, index - 2);
  if (FIRST_PERSON.has(before) || FIRST_PERSON.has(twoBefore)) return false;
  // "confirm with your password" and "confirm your new password" happen in the product.
  if (word(reply, index) === 'confirm') {
    const next = word(reply, index + 1);
    if (next === 'with' || next === 'using' || word(reply, index + 2) === 'new') return false;
  }
  return true;
}
