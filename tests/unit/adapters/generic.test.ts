import { describe, expect, it } from 'vitest';
import { detectEditor, insertThroughEditorEvents, textAsHtml } from '@/utils/adapters/generic';
import { fieldsOf, idInPath } from '@/utils/adapters/site-fields';

/** The editable each framework renders (attributes as the framework sets them), inside a page. */
const FRAMEWORKS: [string, string][] = [
  [
    'Slate',
    '<div data-slate-editor="true" data-slate-node="value" contenteditable="true" role="textbox"><p data-slate-node="element"><span data-slate-node="text"><span data-slate-leaf="true">Hi</span></span></p></div>',
  ],
  [
    'Lexical',
    '<div contenteditable="true" role="textbox" data-lexical-editor="true"><p dir="ltr"><span data-lexical-text="true">Hi</span></p></div>',
  ],
  ['ProseMirror', '<div class="ProseMirror" contenteditable="true"><p>Hi</p></div>'],
  ['CKEditor 5', '<div class="ck ck-content ck-editor__editable" contenteditable="true"><p>Hi</p></div>'],
  ['Quill', '<div class="ql-editor" contenteditable="true"><p>Hi</p></div>'],
  [
    'Draft.js',
    '<div class="public-DraftEditor-content" contenteditable="true"><div data-contents="true"><div data-block="true">Hi</div></div></div>',
  ],
  ['Froala', '<div class="fr-element fr-view" contenteditable="true"><p>Hi</p></div>'],
];

describe('generic editor detection', () => {
  it.each(FRAMEWORKS)('finds a %s editor on a page it does not know, beside a search box', (name, html) => {
    document.body.innerHTML = `<input type="search"><textarea aria-label="Notes"></textarea><main>${html}</main>`;
    const found = detectEditor(document);
    expect(found?.variant).toMatch(name.split(' ')[0] as string);
    expect(found?.element.getAttribute('contenteditable')).toBe('true');
  });

  it('leaves a read-only Slate or Lexical view alone (contenteditable="false")', () => {
    document.body.innerHTML =
      '<div data-slate-editor="true" contenteditable="false"></div><div data-lexical-editor="true" contenteditable="false"></div>';
    expect(detectEditor(document)).toBeNull();
  });
});

describe('text as clipboard HTML', () => {
  it.each([
    ['Hi Ana,', 'Hi Ana,'],
    ['Tom & Jerry <ok>', 'Tom &amp; Jerry &lt;ok&gt;'],
    ['Hi Ana,\n\nThanks', '<p>Hi Ana,</p><p><br></p><p>Thanks</p>'],
  ])('%j pastes as %j', (text, html) => {
    expect(textAsHtml(text)).toBe(html);
  });
});

describe('insertion into an editor that renders after the event (Slate on React)', () => {
  /** Cancels beforeinput and paste, as Slate does, and renders its model a moment later. */
  function laterRenderingEditor(): { editor: HTMLElement; inserts: string[] } {
    document.body.innerHTML =
      '<div data-slate-editor="true" contenteditable="true"><p><span>x</span></p></div>';
    const editor = document.querySelector('[data-slate-editor]') as HTMLElement;
    const inserts: string[] = [];
    const take = (text: string) => {
      inserts.push(text);
      setTimeout(() => {
        (editor.querySelector('span') as HTMLElement).textContent = `${text}x`;
      }, 0);
    };
    editor.addEventListener('beforeinput', (event) => {
      event.preventDefault();
      take((event as InputEvent).data ?? '');
    });
    editor.addEventListener('paste', (event) => {
      event.preventDefault();
      take(event.clipboardData?.getData('text/plain') ?? '');
    });
    return { editor, inserts };
  }

  it('counts a cancelled beforeinput as taken and inserts once (regression: the text went in twice, or behind Slate)', async () => {
    const { editor, inserts } = laterRenderingEditor();
    expect(insertThroughEditorEvents(editor, 'Hi Tomás,', 'start')).toBe(true);
    expect(inserts).toEqual(['Hi Tomás,']);
    await new Promise((done) => setTimeout(done, 5));
    expect(editor.textContent).toBe('Hi Tomás,x');
  });
});

describe('fieldsOf', () => {
  const list = (css: string) => [{ css, variant: css, assumed: true as const }];

  it('takes each field by its own name, the composer as where detection looks, and nothing else', () => {
    const registry = {
      subject: list('h1'),
      ticketNumber: list('.number'),
      composer: list('.composer'),
      send: list('.send'),
    };
    expect(fieldsOf(registry)).toEqual({
      subject: registry.subject,
      detectIn: registry.composer,
      send: registry.send,
    });
  });
});

describe('idInPath', () => {
  it.each([
    ['https://x.test/conversation/42/thread', '42'],
    ['https://x.test/conversations', null],
  ])('reads %s as ticket %s', (url, id) => {
    expect(idInPath(/\/conversation\/(\d+)/)(new URL(url))).toBe(id);
  });
});
