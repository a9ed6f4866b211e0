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

/** Puts the caret at the end of a contenteditable when it has no selection inside it. */
function ensureCaretInside(editor: HTMLElement): void {
  const doc = editor.ownerDocument;
  const selection = doc.getSelection();
  if (selection && selection.rangeCount > 0 && editor.contains(selection.anchorNode)) return;
  const range = doc.createRange();
  range.selectNodeContents(editor);
  range.collapse(false);
  selection?.removeAllRanges();
  selection?.addRange(range);
}

/**
 * Inserts text at the caret (or at the end) the way the editor's framework notices. Returns
 * whether the editor's text now contains it, so callers can tell the agent when it did not take.
 */
export function insertIntoEditor(editor: HTMLElement, text: string): boolean {
  const before = editorText(editor);
  editor.focus();
  if (editor instanceof HTMLTextAreaElement || editor instanceof HTMLInputElement) {
    const start = editor.selectionStart ?? editor.value.length;
    const end = editor.selectionEnd ?? start;
    editor.setRangeText(text, start, end, 'end');
    editor.dispatchEvent(new InputEvent('input', { bubbles: true, inputType: 'insertText', data: text }));
  } else {
    ensureCaretInside(editor);
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
