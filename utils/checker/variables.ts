import type { TicketContext, TicketVariables } from '../ticket';

/** Order references: "order #A1234", "order number: 123456", "Order 55-1234". */
// Every whitespace run is bounded and no two unbounded runs touch, so the work per "order" in the
// customer's text is constant: "order" followed by thousands of spaces cannot backtrack (issue 14).
const ORDER_AFTER_WORD =
  /\border(?:\s{1,3}(?:number|no\.?|num|id|ref(?:erence)?))?\s{0,3}(?:[:#]\s{0,3})?(?:#\s{0,3})?([a-z]{0,4}-?\d[\w-]{2,24})\b/i;
/** A bare "#A1234" that is not a ticket or case number. */
const HASH_REFERENCE = /(?<!\b(?:ticket|case|request|issue)\s?)#([a-z]{0,4}-?\d[\w-]{2,24})\b/i;

function splitName(fullName: string): { first: string; last: string } {
  const name = fullName.trim().replace(/\s+/g, ' ');
  // "Garcia, Maria" is last name first.
  const comma = name.indexOf(',');
  if (comma > 0) {
    const first =
      name
        .slice(comma + 1)
        .trim()
        .split(' ')[0] ?? '';
    return { first, last: name.slice(0, comma).trim() };
  }
  const parts = name.split(' ').filter((part) => !/^(mr|mrs|ms|miss|dr|prof)\.?$/i.test(part));
  return { first: parts[0] ?? '', last: parts.length > 1 ? (parts[parts.length - 1] as string) : '' };
}

/** Words that end a message without being a name: "Thanks!", "Cheers", "Best regards". */
const NOT_A_SIGNATURE = new Set(
  'thanks thank thx cheers regards best kind warm many yours cordially sincerely love ty please pls asap help urgent hello hi bye sent get order'.split(
    ' ',
  ),
);
/** How much of the message's end is read for a signature: a name sits in its last line. */
const SIGNATURE_TAIL = 200;

/**
 * The first name the customer signs their message with ("Thanks! Liz", "Cheers,\nPriya"): the name
 * they use for themselves, which a greeting may use instead of the account's ("Elizabeth").
 */
export function signedFirstName(message: string): string {
  const tail = message.slice(-SIGNATURE_TAIL).trimEnd();
  const lines = tail.split('\n');
  const lastLine = (lines[lines.length - 1] ?? '').trim().replace(/^[-–—~]+\s*/, '');
  // The whole last line ("Priya", "— Liz Brown"), or the last word after the final sentence ("… please? Priya").
  const lineWords = lastLine.split(/\s+/).filter(Boolean);
  let candidate: string | undefined;
  if (lines.length > 1 && lineWords.length >= 1 && lineWords.length <= 3) {
    // Every word capitalised, as a name is: "Marco Rossi", not "Many thanks".
    if (lineWords.every((word) => /^\p{Lu}/u.test(word))) candidate = lineWords[0];
  } else {
    const words = tail.split(/\s+/);
    const last = words[words.length - 1] ?? '';
    const before = words[words.length - 2] ?? '';
    if (/[.!?,]$/.test(before)) candidate = last;
  }
  let name = candidate ?? '';
  // Trailing punctuation ("Liz."), trimmed without a pattern that rescans a run of dots.
  while (name.length > 0 && '.,!'.includes(name.charAt(name.length - 1))) name = name.slice(0, -1);
  if (!/^\p{Lu}[\p{Ll}'’-]{1,20}$/u.test(name)) return '';
  return NOT_A_SIGNATURE.has(name.toLowerCase()) ? '' : name;
}

/** An order number the customer gave in the subject or their message, without "#". */
export function findOrderNumber(ticket: Pick<TicketContext, 'subject' | 'customerMessage'>): string {
  for (const source of [ticket.subject, ticket.customerMessage]) {
    const match = ORDER_AFTER_WORD.exec(source) ?? HASH_REFERENCE.exec(source);
    if (match?.[1]) return match[1].toUpperCase();
  }
  return '';
}

/** Where `text` names an order ("order 55-91208", "#A1234"), as a span. */
export function findOrderReference(text: string): { start: number; end: number } | undefined {
  const match = ORDER_AFTER_WORD.exec(text) ?? HASH_REFERENCE.exec(text);
  return match ? { start: match.index, end: match.index + match[0].length } : undefined;
}

/**
 * The variables a playbook can use as `{{name}}`. Only variables the ticket actually has are set,
 * so an unknown name stays visible instead of turning into "Hi ,". The object is frozen and reused
 * while the ticket stays the same (the checker keys caches on it): copy it to change it.
 */
export function ticketVariables(ticket: TicketContext): Readonly<TicketVariables> {
  // Called on every keystroke with the same ticket: reuse the last answer while the fields agree.
  const key = [
    ticket.ticketId,
    ticket.subject,
    ticket.type,
    ticket.requester.name,
    ticket.requester.email,
    ticket.agentName,
    ticket.customerMessage,
  ];
  if (lastKey && key.every((part, index) => part === lastKey?.[index]) && lastVariables) return lastVariables;
  const variables = Object.freeze(computeVariables(ticket));
  lastKey = key;
  lastVariables = variables;
  return variables;
}

let lastKey: (string | undefined)[] | undefined;
let lastVariables: Readonly<TicketVariables> | undefined;

function computeVariables(ticket: TicketContext): TicketVariables {
  const variables: TicketVariables = {};
  const set = (key: string, value: string | undefined) => {
    const trimmed = value?.trim();
    if (trimmed) variables[key] = trimmed;
  };
  const customerName = ticket.requester.name?.trim() ?? '';
  if (customerName && !customerName.includes('@')) {
    const { first, last } = splitName(customerName);
    set('customer.name', customerName);
    set('customer.firstName', first);
    set('customer.lastName', last);
  }
  set('customer.signedName', signedFirstName(ticket.customerMessage));
  set('customer.email', ticket.requester.email);
  set('ticket.id', ticket.ticketId);
  set('ticket.subject', ticket.subject);
  set('ticket.type', ticket.type);
  const agentName = ticket.agentName?.trim() ?? '';
  if (agentName) {
    set('agent.name', agentName);
    set('agent.firstName', splitName(agentName).first);
  }
  set('order.number', findOrderNumber(ticket));
  return variables;
}
