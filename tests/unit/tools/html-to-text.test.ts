import { describe, expect, it } from 'vitest';
import { htmlToText } from '../../corpus/html-to-text';
import { ownWords } from '../checker/helpers';

/** The corpus's rich-editor replies reach the checker through this converter (test code only). */
const run = (char: string, length = 200_000) => char.repeat(length);

describe("htmlToText, which turns the corpus's HTML replies into editor text", () => {
  it('turns blocks into lines, decodes entities and drops scripts and styles', () => {
    const html =
      '<div><p>Hi <b>María</b>,</p><p>Tom &amp; Jerry&nbsp;&mdash; it&#39;s &#x2714; done&hellip;</p><ul><li>One</li><li>Two</li></ul><script>alert(1)</script><style>p{}</style><p>Best,<br>Alex</p></div>';
    expect(htmlToText(html)).toBe("Hi María,\nTom & Jerry — it's ✔ done…\n- One\n- Two\nBest,\nAlex");
  });

  it('marks blockquotes and adapter-marked blocks as quoted, so the checker skips them', () => {
    const html =
      '<p>Thanks!</p><blockquote><p>I want a guarantee</p><p>now</p></blockquote><div data-keel-quoted="1">old</div>';
    const text = htmlToText(html);
    expect(text).toBe('Thanks!\n> I want a guarantee\n> now\n> old');
    expect(ownWords(text)).toBe('Thanks!');
  });

  it('keeps unknown entities and stray angle brackets harmless', () => {
    expect(htmlToText('a &bogus; b &lt;3 <br/> c')).toBe('a &bogus; b <3\nc');
  });

  it('collapses whitespace outside <pre> and keeps it inside', () => {
    expect(htmlToText('<p>a   \n  b</p><pre>x  y\n z</pre>')).toBe('a b\nx  y\n z');
  });

  it('converts a tag name of 30,000 dashes with an unterminated quote without backtracking through it', () => {
    expect(htmlToText(`<A${run('-', 30_000)}--">after`)).toBe('after');
  });

  it('converts HTML with long runs of spaces at once', () => {
    expect(htmlToText(`<p>Hi${run(' ', 100_000)}x</p><p>there   </p>`)).toBe('Hi x\nthere');
  });
});
