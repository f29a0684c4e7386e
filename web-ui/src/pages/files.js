import { useEffect, useRef, useState } from 'preact/hooks';
import { api, authHeaders, filePath, jobPath } from '../api.js';
import { FINAL_STATES, bytes, when } from '../format.js';
import { html, ActionButton, ErrorBox, saveBlob } from '../ui.js';

/** tus parts: each is stored on the cluster before the next is sent, so a dropped connection costs one part. */
const PART_BYTES = 16 * 1024 * 1024;
const PREVIEW_BYTES = 64 * 1024;

export function FilesPanel({ job }) {
  const [files, setFiles] = useState(null);
  const [error, setError] = useState(null);
  const [uploads, setUploads] = useState([]);
  const [preview, setPreview] = useState(null);
  const [dragging, setDragging] = useState(false);
  const input = useRef(null);
  const editable = job.state === 'pending' || FINAL_STATES.has(job.state);
  const load = () => api.get(jobPath(job.id, '/files'))
    .then((list) => setFiles(list.filter((f) => f.type !== 'directory' && !f.path.startsWith('.hpcgw-upload-'))), setError);
  useEffect(() => { load(); }, [job.id, job.state]);

  function update(name, change) {
    setUploads((list) => list.map((u) => (u.name === name ? { ...u, ...change } : u)));
  }

  async function send(fileList) {
    const chosen = [...fileList];
    setUploads((list) => [...list.filter((u) => !chosen.some((f) => f.name === u.name)),
      ...chosen.map((f) => ({ name: f.name, size: f.size, sent: 0, status: 'uploading' }))]);
    // The tus client loads with the first upload, not with the page.
    const { Upload } = await import('tus-js-client');
    await Promise.all(chosen.map((file) => new Promise((resolve) => {
      const upload = new Upload(file, {
        endpoint: jobPath(job.id, '/uploads'),
        chunkSize: PART_BYTES,
        // A network hiccup: tus asks the gateway how far it got (HEAD) and goes on from there.
        retryDelays: [0, 1000, 3000, 5000, 10000, 20000],
        metadata: { path: file.name, filename: file.name },
        removeFingerprintOnSuccess: true,
        onBeforeRequest: async (req) => {
          const headers = await authHeaders();
          Object.entries(headers).forEach(([k, v]) => req.setHeader(k, v));
        },
        onProgress: (sent) => update(file.name, { sent, status: 'uploading' }),
        // Shown while the connection is away; a refusal (4xx but 409 and 423) is final, not retried.
        onShouldRetry: (e) => {
          const status = e.originalResponse?.getStatus() || 0;
          const retry = !(status >= 400 && status < 500 && status !== 409 && status !== 423);
          if (retry) update(file.name, { status: 'retrying', message: 'connection lost; resuming' });
          return retry;
        },
        onSuccess: () => { update(file.name, { sent: file.size, status: 'done' }); resolve(); },
        onError: (e) => {
          let message = e.message;
          try { message = JSON.parse(e.originalResponse?.getBody() || '{}').message || message; } catch { /* not JSON */ }
          update(file.name, { status: 'failed', message });
          resolve();
        },
      });
      upload.start();
    })));
    load();
  }

  async function download(file) {
    const response = await api.get(filePath(job.id, file.path), { raw: true });
    saveBlob(await response.blob(), file.path.split('/').pop());
  }

  async function show(file) {
    const response = await api.get(filePath(job.id, file.path), { raw: true, headers: { Range: `bytes=0-${PREVIEW_BYTES - 1}` } });
    const buffer = await response.arrayBuffer();
    let text;
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(buffer);
    } catch {
      text = null;
    }
    setPreview({ path: file.path, text, truncated: file.size > PREVIEW_BYTES });
  }

  return html`<section class="card" aria-labelledby="files-title">
    <h2 id="files-title">Files</h2>
    <${ErrorBox} error=${error} />
    ${editable ? html`<div class=${'drop' + (dragging ? ' dragging' : '')}
        onDragOver=${(e) => { e.preventDefault(); setDragging(true); }}
        onDragLeave=${() => setDragging(false)}
        onDrop=${(e) => { e.preventDefault(); setDragging(false); send(e.dataTransfer.files); }}>
        <p>Drop files here, or</p>
        <label class="button" for="file-input">Choose files</label>
        <input id="file-input" ref=${input} type="file" multiple class="sr-only"
          onChange=${(e) => { send(e.currentTarget.files); e.currentTarget.value = ''; }} />
        <p class="muted">Large files go in ${bytes(PART_BYTES)} parts and resume after a dropped connection.</p>
      </div>` : html`<p class="muted">Files can change before launch and after the job ends.</p>`}
    ${uploads.length > 0 && html`<ul class="uploads" aria-label="Uploads">
      ${uploads.map((u) => html`<li data-upload=${u.name} data-status=${u.status}>
        <span>${u.name}</span>
        <progress max=${u.size || 1} value=${u.sent} aria-label=${'Upload of ' + u.name}></progress>
        <span class="muted">${u.status === 'failed' || u.status === 'retrying' ? u.message
          : `${bytes(u.sent)} of ${bytes(u.size)}`}</span>
      </li>`)}
    </ul>`}
    ${files && (files.length === 0 ? html`<p class="muted">No files yet.</p>` : html`<table class="list">
      <caption class="sr-only">Files in the job folder</caption>
      <thead><tr><th scope="col">Path</th><th scope="col">Size</th><th scope="col">Modified</th><th scope="col">Actions</th></tr></thead>
      <tbody>${files.map((file) => html`<tr data-file=${file.path}>
        <td><code>${file.path}</code></td><td>${bytes(file.size)}</td><td>${when(file.lastModified)}</td>
        <td class="actions">
          <${ActionButton} label="Preview" action=${() => show(file)} />
          <${ActionButton} label="Download" action=${() => download(file)} />
          ${editable && html`<${ActionButton} label="Delete" kind="danger" confirm=${'Delete ' + file.path + '?'}
            action=${() => api.del(filePath(job.id, file.path)).then(load)} />`}
        </td></tr>`)}</tbody>
    </table>`)}
    ${preview && html`<div class="preview" role="region" aria-label=${'Preview of ' + preview.path}>
      <h3>${preview.path} ${preview.truncated && html`<small class="muted">(first ${bytes(PREVIEW_BYTES)})</small>`}</h3>
      <pre tabindex="0" data-testid="preview">${preview.text ?? 'Not text: download it instead.'}</pre>
      <button type="button" onClick=${() => setPreview(null)}>Close preview</button>
    </div>`}
  </section>`;
}
