/** Where a step's snippet goes in the draft, and with which line breaks. Pure. */
import type { InsertPosition } from '../adapters/editing';

/** Greetings and openings go first, sign-offs last, anything else where the agent's caret is. */
export function snippetPosition(check: { kind: string; where?: string }): InsertPosition {
  if (check.kind === 'greeting' || (check.kind === 'phrase' && check.where === 'opening')) return 'start';
  if (check.kind === 'closing' || (check.kind === 'phrase' && check.where === 'closing')) return 'end';
  return 'caret';
}

/** The text to insert: the snippet on a line of its own when the draft already has text. */
export function snippetText(snippet: string, position: InsertPosition, draftHasText: boolean): string {
  if (!draftHasText) return snippet;
  return position === 'start' ? `${snippet}\n` : position === 'end' ? `\n${snippet}` : snippet;
}
