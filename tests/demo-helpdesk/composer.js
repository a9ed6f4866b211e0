(() => {
  const form = document.querySelector('.hd-composer');
  if (!form) return;
  const editor = form.querySelector('.hd-editor');
  const error = form.querySelector('.hd-error');
  const sendButton = form.querySelector('.hd-send');
  const bodyField = form.querySelector('input[name=body]');
  const sink = document.querySelector('iframe[name=hd-sink]');
  const conversation = document.querySelector('.hd-conversation');
  const agentName = document.querySelector('.hd-agent').dataset.agentName;
  let pendingText = null;

  const channelField = form.querySelector('input[name=channel]');
  const requesterName = editor.dataset.placeholder;
  for (const tab of form.querySelectorAll('[role=tab][data-channel]')) {
    tab.addEventListener('click', () => {
      for (const other of form.querySelectorAll('[role=tab]'))
        other.setAttribute('aria-selected', String(other === tab));
      channelField.value = tab.dataset.channel;
      form.classList.toggle('hd-composer--note', tab.dataset.channel === 'note');
      editor.dataset.placeholder =
        tab.dataset.channel === 'note' ? 'Write a note only your team sees…' : requesterName;
      editor.focus();
    });
  }

  // innerText, not textContent: it keeps the line breaks of the editor's blocks, as a real helpdesk sends them.
  // biome-ignore lint/performance/useDomNodeTextContent: the rendered text with its line breaks is the reply
  const replyText = () => editor.innerText.replace(/\u00a0/g, ' ').replace(/\n+$/, '');

  editor.addEventListener('keydown', (event) => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      form.requestSubmit();
    }
  });
  editor.addEventListener('input', () => {
    error.hidden = true;
  });

  form.addEventListener('submit', (event) => {
    const text = replyText();
    if (text.trim() === '' || pendingText !== null) {
      event.preventDefault();
      if (pendingText === null) {
        error.textContent = 'Write a reply before sending';
        error.hidden = false;
      }
      return;
    }
    error.hidden = true;
    bodyField.value = text;
    pendingText = text;
    sendButton.disabled = true;
    sendButton.textContent = 'Sending…';
    // Not cancelled: the browser posts the form into the hidden iframe.
  });

  sink.addEventListener('load', () => {
    if (pendingText === null) return;
    const text = pendingText;
    pendingText = null;
    const isNote = channelField.value === 'note';
    const item = document.createElement('li');
    item.className = 'hd-message';
    item.dataset.author = isNote ? 'note' : 'agent';
    const avatar = document.createElement('div');
    avatar.className = 'hd-avatar';
    avatar.textContent = agentName
      .split(/\s+/)
      .map((p) => p[0])
      .join('')
      .slice(0, 2)
      .toUpperCase();
    const main = document.createElement('div');
    main.className = 'hd-message-main';
    const meta = document.createElement('div');
    meta.className = 'hd-message-meta';
    const who = document.createElement('strong');
    who.textContent = isNote ? `${agentName} · internal note` : agentName;
    const when = document.createElement('time');
    when.textContent = 'Just now';
    meta.append(who, when);
    const body = document.createElement('div');
    body.className = 'hd-message-body';
    for (const part of text.split(/\n{2,}/)) {
      const p = document.createElement('p');
      p.textContent = part;
      body.append(p);
    }
    main.append(meta, body);
    item.append(avatar, main);
    conversation.append(item);
    editor.replaceChildren();
    sendButton.disabled = false;
    sendButton.textContent = 'Send';
    form.dispatchEvent(
      new CustomEvent(isNote ? 'hd-note-added' : 'hd-reply-sent', { bubbles: true, detail: { text } }),
    );
  });
})();
