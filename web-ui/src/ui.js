// Small shared pieces of the pages.
import { html } from 'htm/preact';
import { useEffect, useState } from 'preact/hooks';

export { html };

/** Loads with the API and re-loads when a dependency changes; gives [data, error, reload]. */
export function useLoad(load, deps) {
  const [state, setState] = useState({ data: undefined, error: null });
  const [tick, setTick] = useState(0);
  useEffect(() => {
    let current = true;
    load().then((data) => current && setState({ data, error: null }),
      (error) => current && setState({ data: undefined, error }));
    return () => { current = false; };
  }, [...deps, tick]);
  return [state.data, state.error, () => setTick((t) => t + 1)];
}

export function ErrorBox({ error }) {
  if (!error) return null;
  const details = error.details && Object.keys(error.details).length ? JSON.stringify(error.details, null, 2) : null;
  return html`<div class="error" role="alert">
    <strong>${error.error || 'error'}</strong>: ${error.message}
    ${details && html`<pre>${details}</pre>`}
  </div>`;
}

export function Loading({ what = 'Loading' }) {
  return html`<p class="muted" role="status">${what}…</p>`;
}

export function StateBadge({ state }) {
  return html`<span class=${'state state-' + state} data-state=${state}>${state}</span>`;
}

/** A button that runs an async action, shows it is busy, and reports a refusal. */
export function ActionButton({ label, action, kind = '', confirm: question, disabled }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState(null);
  async function run() {
    if (question && !window.confirm(question)) return;
    setBusy(true);
    setError(null);
    try {
      await action();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }
  return html`<span class="action">
    <button type="button" class=${kind} onClick=${run} disabled=${busy || disabled}>${busy ? label + '…' : label}</button>
    <${ErrorBox} error=${error} />
  </span>`;
}

export function Field({ id, label, hint, children }) {
  return html`<div class="field">
    <label for=${id}>${label}</label>
    ${children}
    ${hint && html`<small id=${id + '-hint'} class="muted">${hint}</small>`}
  </div>`;
}

/** Hands a blob to the browser as a download with this file name. */
export function saveBlob(blob, name) {
  const url = URL.createObjectURL(blob);
  const link = Object.assign(document.createElement('a'), { href: url, download: name });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
