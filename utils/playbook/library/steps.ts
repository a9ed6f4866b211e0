/**
 * The steps the built-in playbooks share (greet, acknowledge, apologise, …), each a function so a
 * playbook can give its own snippet or severity.
 */
import type { PlaybookInput } from '../schema';
import { SOMETHING_WENT_WRONG } from './vocab';

type StepInput = PlaybookInput['steps'][number];

export const greet = (): StepInput => ({
  id: 'greet',
  title: 'Greet the customer by name',
  guidance: 'Open with their first name: it shows a person read their message.',
  severity: 'required',
  check: { kind: 'greeting', useName: true },
  snippet: 'Hi {{customer.firstName|there}},',
});

export const acknowledge = (
  snippet: string,
  severity: 'required' | 'recommended' = 'required',
): StepInput => ({
  id: 'acknowledge',
  title: 'Acknowledge what they asked',
  guidance: 'Show you understood the request in your own words before answering it.',
  severity,
  check: {
    kind: 'phrase',
    restates: true,
    any: [
      'i understand',
      'i completely understand',
      'understandably',
      'i can see',
      'i see that',
      'i see you',
      'i can imagine',
      'i know how',
      'i realise',
      'i realize',
      'you mentioned',
      'you asked',
      "you've asked",
      "you're asking",
      "you'd like",
      'you would like',
      'you want to',
      "you're looking to",
      "you're having",
      "you've been",
      "i've looked into",
      'i have looked into',
      'i looked into',
      "i've checked",
      'i have checked',
      'i checked',
      'sounds like',
      'that must be',
      'must have been',
      'i hear you',
      'thanks for letting us know',
      'thank you for letting us know',
      'thanks for letting me know',
      'thank you for letting me know',
    ],
  },
  snippet,
});

export const apologise = (keywords: string[] = SOMETHING_WENT_WRONG): StepInput => ({
  id: 'apologise',
  title: 'Apologise for the trouble',
  guidance: 'Something went wrong for them: say sorry once, sincerely, without excuses.',
  severity: 'required',
  when: { keywords },
  check: { kind: 'phrase', any: ['sorry', 'apologi*', 'regret'] },
  snippet: "I'm sorry for the trouble this has caused.",
});

export const mentionOrder = (): StepInput => ({
  id: 'mention-order',
  title: 'Mention their order number',
  guidance: 'Name the order so they know you looked at the right one.',
  severity: 'recommended',
  check: { kind: 'mention', variable: 'order.number' },
  snippet: 'order #{{order.number}}',
});

export const setExpectation = (snippet: string, when?: StepInput['when']): StepInput => ({
  id: 'set-expectation',
  title: 'Set a concrete expectation',
  guidance: 'Say when: "within 2 business days", "by Friday". Never "soon".',
  severity: 'required',
  ...(when ? { when } : {}),
  check: { kind: 'expectation' },
  snippet,
});

export const noOverpromise = (extra: string[] = []): StepInput => ({
  id: 'no-overpromise',
  title: 'Promise only what we control',
  guidance: 'No guarantees about carriers, banks or releases. "We can\'t guarantee…" is fine.',
  severity: 'critical',
  check: {
    kind: 'forbid',
    // As promises only: "our money-back guarantee", "100% of the fee" and "we can't guarantee"
    // are fine, and "you have my word" or "it will definitely arrive" are caught in any words.
    meaning: 'promise',
    any: [
      'guarantee*',
      'i promise',
      'we promise',
      '100%',
      'never happen again',
      "won't happen again",
      'will not happen again',
      ...extra,
    ],
  },
});

export const nextSteps = (snippet: string): StepInput => ({
  id: 'next-steps',
  title: 'Explain the next steps',
  guidance: 'Say what happens next and who does it: you, the team, or the customer.',
  severity: 'required',
  check: {
    kind: 'phrase',
    any: [
      'next step*',
      'what happens next',
      "here's what",
      'here is what',
      "i'll",
      'i will',
      "we'll",
      'we will',
      "you'll",
      'you will',
      "i've",
      'i have',
      "we've",
      'we have',
      'will email',
      'will send',
      'will contact',
      'will call',
      'will reach out',
      'will be in touch',
      'will get back',
      'will follow up',
      'please reply',
      'please send',
      'please check',
      'please try',
      'in the meantime',
      'meanwhile',
      // What the customer does next, as an instruction: "please go to…", "you can book…".
      'please go to',
      'go to',
      'you can',
      'just reply',
      'reply with',
    ],
  },
  snippet,
});

export const thank = (snippet = 'Thank you for your patience.'): StepInput => ({
  id: 'thank',
  title: 'Thank the customer',
  severity: 'recommended',
  check: { kind: 'phrase', any: ['thank*', 'appreciate*', 'grateful'] },
  snippet,
});

export const inviteFeedback = (): StepInput => ({
  id: 'invite-feedback',
  title: 'Invite them to reply',
  guidance: 'End with an open door: they should know replying is welcome.',
  severity: 'recommended',
  check: {
    kind: 'phrase',
    where: 'closing',
    any: [
      'let me know',
      'let us know',
      'any other questions',
      'any questions',
      'anything else',
      'feel free',
      "don't hesitate",
      'do not hesitate',
      'reach out',
      'reply to this email',
      'just reply',
      'simply reply',
      'get back to me',
      'get back to us',
      'happy to help',
      'here to help',
      'here if you need',
      'your feedback',
      'how did we do',
      // Replying invited in other words: "reply here anytime", "just ping me", "shout if …".
      'please reply',
      'reply here',
      'reply anytime',
      'reply any time',
      'reply to this',
      'reply if',
      'reply and',
      'write back',
      'write to me',
      'ping me',
      'ping us',
      'give me a shout',
      'give us a shout',
      'shout if',
      'get in touch',
      'contact me',
      'contact us',
      'just tell me',
      'tell me if',
      'drop me a line',
      'drop us a line',
      'hit reply',
      'message me',
      'message us',
      'send me a message',
      'how you get on',
      'any trouble',
      'if anything',
      'any questions',
    ],
  },
  snippet: "If anything is unclear, just reply to this email — I'm happy to help.",
});

export const signOff = (): StepInput => ({
  id: 'sign-off',
  title: 'Sign off',
  severity: 'recommended',
  check: { kind: 'closing' },
  snippet: 'Best regards,\n{{agent.firstName|The Support Team}}',
});

export const noPlaceholders = (): StepInput => ({
  id: 'no-placeholders',
  title: 'Fill in every placeholder',
  guidance: 'A "[NAME]" or "{{order}}" left in a reply tells the customer it was a template.',
  severity: 'critical',
  check: { kind: 'placeholders' },
});

export const readableLength = (min = 25, max = 250): StepInput => ({
  id: 'length',
  title: 'Keep it readable',
  guidance: `Between ${min} and ${max} words: enough to be complete, short enough to be read.`,
  severity: 'recommended',
  check: { kind: 'length', min, max },
});
