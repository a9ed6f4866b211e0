import type { StepCheck } from '../../playbook/schema';
import type { CheckContext, CheckOutcome } from './context';
import { MAX_EVIDENCE } from './context';

// Fixed patterns of ours: {{anything}}, [NAME] / [Customer Name] / [insert …], <NAME>, XXX, TBD.
const PLACEHOLDER =
  /\{\{[^{}\n]{0,80}\}\}|\[(?:[A-Z][A-Z0-9 _.-]{1,40}|(?:insert|add|enter|your|customer|agent|name|date|order)\b[^\]\n]{0,40})\]|<(?:[A-Z][A-Z0-9 _-]{1,40})>|\bX{3,}\b|\bTBD\b|\bTODO\b/gi;
// `gi` above accepts [Customer Name]; these keep ordinary bracketed words and links out.
const UPPER_OR_KNOWN =
  /^\[(?:[A-Z][A-Z0-9 _.-]*|(?:insert|add|enter|your|customer|agent|name|date|order)\b.*)\]$/i;

/** Every placeholder needs one of these; most replies have none, so the pattern never runs. */
const PLACEHOLDER_MARKERS = ['{{', '[', '<', 'XXX', 'TBD', 'TODO'];

export function findPlaceholders(text: string): { start: number; end: number; text: string }[] {
  const found: { start: number; end: number; text: string }[] = [];
  if (!PLACEHOLDER_MARKERS.some((marker) => text.includes(marker))) return found;
  PLACEHOLDER.lastIndex = 0;
  for (let match = PLACEHOLDER.exec(text); match !== null; match = PLACEHOLDER.exec(text)) {
    const value = match[0];
    if (value.startsWith('[') && !isPlaceholderBracket(value)) continue;
    if (value.startsWith('<') && value.slice(1, -1) !== value.slice(1, -1).toUpperCase()) continue;
    if (/^x+$/i.test(value) && value !== value.toUpperCase()) continue;
    if (/^(?:tbd|todo)$/i.test(value) && value !== value.toUpperCase()) continue;
    found.push({ start: match.index, end: match.index + value.length, text: value });
  }
  return found;
}

function isPlaceholderBracket(value: string): boolean {
  const inner = value.slice(1, -1);
  // [NAME], [ORDER NUMBER]: all capitals. [Customer name], [insert date]: a placeholder word first.
  if (inner === inner.toUpperCase() && /[A-Z]/.test(inner)) return true;
  return (
    UPPER_OR_KNOWN.test(value) && /^(?:insert|add|enter|your|customer|agent|name|date|order)\b/i.test(inner)
  );
}

export function checkPlaceholders(
  context: CheckContext,
  _check: Extract<StepCheck, { kind: 'placeholders' }>,
): CheckOutcome {
  const found = findPlaceholders(context.reply.text);
  if (found.length === 0) return { status: 'pass', evidence: [] };
  const names = [...new Set(found.map((placeholder) => placeholder.text))].slice(0, 3).join(', ');
  return {
    status: 'fail',
    reason: `Unfilled placeholder${found.length === 1 ? '' : 's'} left: ${names}`,
    evidence: found.slice(0, MAX_EVIDENCE).map(({ start, end }) => ({ start, end })),
  };
}
