/**
 * Text in and out of reply editors. Rich editors (CKEditor, ProseMirror, Froala) keep their own
 * model and ignore direct DOM changes, so insertion goes through the browser's editing pipeline
 * (`execCommand('insertText')` fires the `beforeinput`/`input` events those editors handle).
 */

/** Plain text of an editor: textarea value, or the rendered text of a contenteditable. */
export function editorText(editor: HTMLElement): string {
  if (editor instanceof HTMLTextAreaElement || editor instanceof HTMLInputElement) return editor.value;
  // innerText keeps line breaks between blocks; happy-dom and detached nodes lack it.
  // biome-ignore lint/performance/useDomNodeTextContent: block line breaks matter to the checker
  const text = typeof editor.innerText === 'string' ? editor.innerText : (editor.textContent ?? '');
  return text.replace(/\u00a0/g, ' ');
}

/** Where a snippet goes: greetings at the start, sign-offs at the end, the rest at the caret. */
export type InsertPosition = 'caret' | 'start' | 'end';

/** Places the caret for an insertion; `caret` keeps the agent's caret when it is inside the editor. */
export function placeCaret(editor: HTMLElement, position: InsertPosition): void {
  const doc = editor.ownerDocument;
  const selection = doc.getSelection();
  const inside = selection && selection.rangeCount > 0 && editor.contains(selection.anchorNode);
  if (position === 'caret' && inside) return;
  const range = doc.createRange();
  // Inside the first or last text of the editor, not on the editable itself: editors that map the
  // DOM selection onto their model (Slate, Lexical) resolve only points in their text nodes.
  const text = edgeText(editor, position === 'start');
  if (text) range.setStart(text, position === 'start' ? 0 : (text.textContent ?? '').length);
  else range.selectNodeContents(editor);
  range.collapse(true);
  selection?.removeAllRanges();
  selection?.addRange(range);
}

/** The first (or last) text node of an editor, outside parts it marks as not editable. */
function edgeText(editor: HTMLElement, first: boolean): Text | null {
  const walker = editor.ownerDocument.createTreeWalker(editor, NodeFilter.SHOW_TEXT, {
    acceptNode: (node) =>
      node.parentElement?.closest('[contenteditable="false"]')
        ? NodeFilter.FILTER_REJECT
        : NodeFilter.FILTER_ACCEPT,
  });
  if (first) return walker.nextNode() as Text | null;
  let last: Text | null = null;
  for (let node = walker.nextNode(); node; node = walker.nextNode()) last = node as Text;
  return last;
}

/**
 * Inserts text at the caret (or at the end) the way the editor's framework notices. Returns
 * whether the editor's text now contains it, or its framework took the insertion into its own
 * model (it cancelled the browser's beforeinput and renders the text itself), so callers can tell
 * the agent when it did not take.
 */
export function insertIntoEditor(
  editor: HTMLElement,
  text: string,
  position: InsertPosition = 'caret',
): boolean {
  const before = editorText(editor);
  editor.focus();
  if (editor instanceof HTMLTextAreaElement || editor instanceof HTMLInputElement) {
    const length = editor.value.length;
    const start = position === 'start' ? 0 : position === 'end' ? length : (editor.selectionStart ?? length);
    const end = position === 'caret' ? (editor.selectionEnd ?? start) : start;
    editor.setRangeText(text, start, end, 'end');
    editor.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertText', data: text }));
  } else {
    placeCaret(editor, position);
    // The beforeinput the command fires: an editor framework that cancels it inserts the text
    // into its own model and renders it when it renders (React-based ones, after this returns).
    let beforeInput: Event | null = null;
    const seeBeforeInput = (event: Event) => {
      beforeInput = event;
    };
    editor.addEventListener('beforeinput', seeBeforeInput, { capture: true, once: true });
    // Deprecated but still the one call every rich editor listens to through beforeinput.
    const inserted = editor.ownerDocument.execCommand?.('insertText', false, text) ?? false;
    editor.removeEventListener('beforeinput', seeBeforeInput, { capture: true });
    if ((beforeInput as Event | null)?.defaultPrevented) return true;
    if (!inserted) {
      const selection = editor.ownerDocument.getSelection();
      const range = selection?.rangeCount ? selection.getRangeAt(0) : null;
      if (range) {
        range.deleteContents();
        range.insertNode(editor.ownerDocument.createTextNode(text));
        range.collapse(false);
      } else {
        editor.append(text);
      }
      editor.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertText', data: text }));
    }
  }
  const after = editorText(editor);
  return after !== before && after.replace(/\s+/g, ' ').includes(text.replace(/\s+/g, ' ').trim());
}
