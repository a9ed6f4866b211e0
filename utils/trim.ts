/**
 * Trimming without regular expressions. `/[…]+$/` and `/[ \t]+\n/g` look harmless but backtrack
 * quadratically on a long run of those characters that is not at the end (issue 14: a customer
 * can send 50,000 spaces); these loops are linear.
 */

/** `text` without the trailing characters that are in `chars`. */
export function trimEndChars(text: string, chars: string): string {
  let end = text.length;
  while (end > 0 && chars.includes(text.charAt(end - 1))) end--;
  return end === text.length ? text : text.slice(0, end);
}

/** `text` without the leading and trailing characters that are in `chars`. */
export function trimChars(text: string, chars: string): string {
  let start = 0;
  while (start < text.length && chars.includes(text.charAt(start))) start++;
  return trimEndChars(start === 0 ? text : text.slice(start), chars);
}

/** Every line without its trailing spaces and tabs. */
export function trimLineEnds(text: string): string {
  return text
    .split('\n')
    .map((line) => trimEndChars(line, ' \t'))
    .join('\n');
}
