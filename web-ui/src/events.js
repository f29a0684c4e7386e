// Server-sent events read with fetch, not EventSource: EventSource cannot send the bearer token.
// Reconnects after a pause with Last-Event-ID, so no event is missed; the gateway pushes every
// job state (one stream per tab, no polling).
import { authHeaders } from './api.js';

export function openStream(path, { onEvent, onOpen, onStatus, lastEventId = null }) {
  let lastId = lastEventId;
  let stopped = false;
  let controller = null;
  let retryMillis = 3000;

  async function connect() {
    while (!stopped) {
      controller = new AbortController();
      try {
        const headers = await authHeaders({ Accept: 'text/event-stream' });
        if (lastId !== null) headers['Last-Event-ID'] = String(lastId);
        const response = await fetch(path, { headers, signal: controller.signal });
        if (!response.ok) throw new Error('stream answered ' + response.status);
        await read(response.body);
      } catch (e) {
        // dropped, refused or aborted: reconnect below unless stopped
      }
      if (stopped) return;
      onStatus?.('reconnecting');
      if (!stopped) await new Promise((resolve) => setTimeout(resolve, retryMillis));
    }
  }

  async function read(body) {
    const reader = body.pipeThrough(new TextDecoderStream()).getReader();
    let buffer = '';
    let event = { data: [] };
    for (;;) {
      const { value, done } = await reader.read();
      if (done) return;
      buffer += value;
      let end;
      while ((end = buffer.indexOf('\n')) >= 0) {
        const line = buffer.slice(0, end).replace(/\r$/, '');
        buffer = buffer.slice(end + 1);
        if (line === '') {
          dispatch(event);
          event = { data: [] };
        } else if (!line.startsWith(':')) {
          const colon = line.indexOf(':');
          const field = colon < 0 ? line : line.slice(0, colon);
          const text = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
          if (field === 'data') event.data.push(text);
          else if (field === 'id') event.id = text;
          else if (field === 'event') event.name = text;
          else if (field === 'retry' && /^\d+$/.test(text)) retryMillis = Number(text);
        }
      }
    }
  }

  function dispatch(event) {
    if (event.id !== undefined) lastId = event.id;
    if (event.name === 'stream.open') {
      onStatus?.('live');
      onOpen?.();
    } else if (event.data.length) {
      onEvent(JSON.parse(event.data.join('\n')));
    }
  }

  connect();
  return () => {
    stopped = true;
    controller?.abort();
  };
}
