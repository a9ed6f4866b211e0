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
  range.selectNodeContents(editor);
  range.collapse(position === 'start');
  selection?.removeAllRanges();
  selection?.addRange(range);
}

/**
 * Inserts text at the caret (or at the end) the way the editor's framework notices. Returns
 * whether the editor's text now contains it, so callers can tell the agent when it did not take.
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
    // Deprecated but still the one call every rich editor listens to through beforeinput.
    const inserted = editor.ownerDocument.execCommand?.('insertText', false, text) ?? false;
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
