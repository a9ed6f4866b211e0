/** Where and why `text` is not JSON, in the words a playbook author reads. */
export function describeJsonError(text: string): string {
  if (text.trim() === '') return 'the file is empty: expected a JSON playbook file';
  // Engines differ in whether they give a position; find it ourselves so every browser says where.
  const offset = jsonErrorOffset(text);
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  const column = offset - before.lastIndexOf('\n');
  const found =
    offset < text.length ? `unexpected ${JSON.stringify(text.charAt(offset))}` : 'unexpected end of file';
  return `not valid JSON at line ${line}, column ${column}: ${found}`;
}

/** Offset of the first character that makes `text` invalid JSON (a small recursive-descent scan). */
export function jsonErrorOffset(text: string): number {
  let at = 0;
  const fail = (): never => {
    throw at;
  };
  const space = () => {
    while (at < text.length && ' \t\n\r'.includes(text.charAt(at))) at++;
  };
  const literal = (word: string) => {
    for (const char of word)
      if (text.charAt(at) === char) at++;
      else fail();
  };
  const string = () => {
    at++; // opening quote
    while (at < text.length) {
      const char = text.charAt(at);
      if (char === '"') {
        at++;
        return;
      }
      if (char === '\\') {
        at++;
        const escaped = text.charAt(at);
        if (escaped === 'u') {
          for (let k = 1; k <= 4; k++) {
            if (!/[0-9a-fA-F]/.test(text.charAt(at + k))) {
              at += k;
              fail();
            }
          }
          at += 5;
        } else if ('"\\/bfnrt'.includes(escaped) && escaped !== '') at++;
        else fail();
      } else if (char < ' ') fail();
      else at++;
    }
    fail();
  };
  const number = () => {
    const match = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/.exec(text.slice(at, at + 400));
    if (!match) fail();
    at += (match as RegExpExecArray)[0].length;
  };
  const value = (depth: number): void => {
    if (depth > 512) fail();
    space();
    const char = text.charAt(at);
    if (char === '{') {
      at++;
      space();
      if (text.charAt(at) === '}') return void at++;
      while (true) {
        space();
        if (text.charAt(at) !== '"') fail();
        string();
        space();
        if (text.charAt(at) !== ':') fail();
        at++;
        value(depth + 1);
        space();
        if (text.charAt(at) === ',') at++;
        else if (text.charAt(at) === '}') return void at++;
        else fail();
      }
    }
    if (char === '[') {
      at++;
      space();
      if (text.charAt(at) === ']') return void at++;
      while (true) {
        value(depth + 1);
        space();
        if (text.charAt(at) === ',') at++;
        else if (text.charAt(at) === ']') return void at++;
        else fail();
      }
    }
    if (char === '"') {
      string();
      return;
    }
    if (char === 't') {
      literal('true');
      return;
    }
    if (char === 'f') {
      literal('false');
      return;
    }
    if (char === 'n') {
      literal('null');
      return;
    }
    if (char === '-' || (char >= '0' && char <= '9')) {
      number();
      return;
    }
    fail();
  };
  try {
    value(0);
    space();
    if (at < text.length) fail();
  } catch (offset) {
    if (typeof offset === 'number') return Math.min(offset, text.length);
    throw offset;
  }
  return text.length;
}
