import { useState } from 'preact/hooks';
import { api } from '../api.js';
import { when } from '../format.js';
import { html, ActionButton, ErrorBox, Field, Loading, saveBlob, useLoad } from '../ui.js';

const STATUSES = ['', 'pending', 'approved', 'rejected', 'deprecated', 'revoked'];

/** Providers submit signed manifests and deprecate theirs; admins decide, deprecate and revoke. */
export function TemplatesAdminPage({ roles }) {
  const admin = roles.has('admin');
  const [status, setStatus] = useState('');
  const [templates, error, reload] = useLoad(() => api.get('/api/v2/templates' + (status ? '?status=' + status : '')), [status]);
  const [submitted, setSubmitted] = useState(null);
  const [submitError, setSubmitError] = useState(null);

  async function submit(file, verifyOnly) {
    setSubmitted(null);
    setSubmitError(null);
    let manifest;
    try {
      manifest = JSON.parse(await file.text());
    } catch (e) {
      setSubmitError({ error: 'invalid_manifest', message: `${file.name} is not JSON: ${e.message}` });
      return;
    }
    try {
      const answer = await api.post(verifyOnly ? '/api/v2/templates/verify' : '/api/v2/templates', manifest);
      setSubmitted(verifyOnly ? { verified: answer } : answer);
      reload();
    } catch (e) {
      setSubmitError(e);
    }
  }

  return html`<section aria-labelledby="templates-title">
    <h1 id="templates-title">Templates</h1>
    <section class="card" aria-labelledby="submit-title">
      <h2 id="submit-title">Submit a signed manifest</h2>
      <p class="muted">Sign it with <code>hpcgw templates sign FILE --key KEY</code>; an admin approves it before use.</p>
      <${Field} id="manifest-file" label="Manifest (JSON)">
        <input id="manifest-file" type="file" accept="application/json,.json"
          onChange=${(e) => e.currentTarget.files[0] && submit(e.currentTarget.files[0], false)} />
      <//>
      <${ErrorBox} error=${submitError} />
      ${submitError?.details?.violations && html`<ul class="violations" aria-label="Validation errors">
        ${submitError.details.violations.map((v) => html`<li>${typeof v === 'string' ? v : JSON.stringify(v)}</li>`)}</ul>`}
      ${submitted && html`<p role="status">${submitted.verified ? 'Verified: ' + JSON.stringify(submitted.verified)
        : `Submitted ${submitted.id}: ${submitted.status}`}</p>`}
    </section>
    <label for="status-filter">Status </label>
    <select id="status-filter" value=${status} onChange=${(e) => setStatus(e.currentTarget.value)}>
      ${STATUSES.map((s) => html`<option value=${s}>${s || 'all'}</option>`)}
    </select>
    <${ErrorBox} error=${error} />
    ${templates === undefined ? html`<${Loading} />` : html`<table class="list">
      <caption class="sr-only">Template versions</caption>
      <thead><tr><th scope="col">Template</th><th scope="col">Type</th><th scope="col">Status</th>
        <th scope="col">Publisher</th><th scope="col">Decide</th></tr></thead>
      <tbody>${templates.map((t) => html`<${TemplateRow} key=${t.id} template=${t} admin=${admin} onDecided=${reload} />`)}</tbody>
    </table>`}
  </section>`;
}

function TemplateRow({ template: t, admin, onDecided }) {
  const [reason, setReason] = useState('');
  const decide = (action) => api.post(`/api/v2/templates/${encodeURIComponent(t.id)}/${action}`,
    { reason: reason.trim() || action + 'd in the web UI' }).then(onDecided);
  const id = 'reason-' + t.id.replace(/[^A-Za-z0-9_-]/g, '-');
  return html`<tr data-template=${t.id}>
    <td>${t.id}${t.builtIn ? html` <span class="tag">built in</span>` : ''}</td>
    <td>${t.type}</td><td>${t.status}</td><td>${t.publisher || '—'}</td>
    <td class="actions">
      ${!t.builtIn && html`<label class="sr-only" for=${id}>Reason for ${t.id}</label>
        <input id=${id} placeholder="reason" value=${reason} onInput=${(e) => setReason(e.currentTarget.value)} />
        ${admin && t.status === 'pending' && html`<${ActionButton} label="Approve" action=${() => decide('approve')} />
          <${ActionButton} label="Reject" action=${() => decide('reject')} />`}
        ${t.status === 'approved' && html`<${ActionButton} label="Deprecate" action=${() => decide('deprecate')} />`}
        ${admin && ['approved', 'deprecated'].includes(t.status) && html`<${ActionButton} label="Revoke" kind="danger"
          confirm=${'Revoke ' + t.id + '? Jobs running from it are cancelled.'} action=${() => decide('revoke')} />`}`}
    </td>
  </tr>`;
}

export function AuditPage() {
  const [type, setType] = useState('');
  const [job, setJob] = useState('');
  const [since, setSince] = useState('');
  const [query, setQuery] = useState('');
  const [events, error] = useLoad(() => api.get('/api/v2/audit?limit=200' + query), [query]);
  function apply(e) {
    e.preventDefault();
    const q = new URLSearchParams();
    if (type.trim()) q.set('type', type.trim());
    if (job.trim()) q.set('job', job.trim());
    if (since) q.set('since', new Date(since).toISOString());
    setQuery(q.toString() ? '&' + q : '');
  }
  return html`<section aria-labelledby="audit-title">
    <h1 id="audit-title">Audit log</h1>
    <form class="filters" onSubmit=${apply}>
      <${Field} id="audit-type" label="Event type"><input id="audit-type" value=${type}
        placeholder="job_submitted" onInput=${(e) => setType(e.currentTarget.value)} /><//>
      <${Field} id="audit-job" label="Job id"><input id="audit-job" value=${job} onInput=${(e) => setJob(e.currentTarget.value)} /><//>
      <${Field} id="audit-since" label="Since"><input id="audit-since" type="datetime-local" value=${since}
        onInput=${(e) => setSince(e.currentTarget.value)} /><//>
      <button type="submit">Filter</button>
    </form>
    <${ErrorBox} error=${error} />
    ${events === undefined ? !error && html`<${Loading} />` : html`<table class="list">
      <caption class="sr-only">Audit events, newest first</caption>
      <thead><tr><th scope="col">Time</th><th scope="col">Type</th><th scope="col">Actor</th><th scope="col">Job</th>
        <th scope="col">Success</th><th scope="col">Details</th></tr></thead>
      <tbody>${events.map((e) => html`<tr><td>${when(e.timestamp)}</td><td>${e.event_type}</td><td>${e.actor || '—'}</td>
        <td>${e.job_id || '—'}</td><td>${e.success ? 'yes' : 'no'}</td>
        <td><code class="details-json">${JSON.stringify(e.details)}</code></td></tr>`)}</tbody>
    </table>`}
  </section>`;
}

/** Seed 001's health lines per cluster, and the usage records export. */
export function HealthPage() {
  const [report, error, reload] = useLoad(() => api.get('/api/v2/admin/health'), []);
  async function exportUsage() {
    const records = await api.get('/api/v2/usage?limit=1000');
    saveBlob(new Blob([records.map((r) => JSON.stringify(r)).join('\n') + '\n'], { type: 'application/x-ndjson' }),
      'usage-records.jsonl');
  }
  return html`<section aria-labelledby="health-title">
    <div class="heading"><h1 id="health-title">Cluster health</h1>
      <button type="button" onClick=${reload}>Check again</button></div>
    <${ErrorBox} error=${error} />
    ${report === undefined ? !error && html`<${Loading} />` : html`
      <p>Database: <strong>${report.database}</strong></p>
      ${report.clusters.map((c) => html`<section class="card" aria-label=${'Cluster ' + c.cluster}>
        <h2>${c.cluster} <small class="muted">system ${c.system}</small></h2>
        <dl class="details health">
          <dt>Scheduler Type</dt><dd>${c.scheduler_type}</dd>
          <dt>Connection</dt><dd>${c.connection}</dd>
          <dt>Authentication</dt><dd>${c.authentication}</dd>
          <dt>Queue Access</dt><dd>${c.queue_access}</dd>
          <dt>Last Job Poll</dt><dd>${c.last_job_poll || '—'}</dd>
          <dt>Active Jobs</dt><dd>${c.active_jobs}</dd>
          <dt>Pending Reports</dt><dd>${c.pending_reports}</dd>
          ${c.error && html`<dt>Error</dt><dd>${c.error}</dd>`}
        </dl>
      </section>`)}`}
    <section class="card" aria-labelledby="export-title">
      <h2 id="export-title">Usage export</h2>
      <p class="muted">Signed usage records (JSON lines), every customer's; the API pages with <code>since</code>.</p>
      <${ActionButton} label="Download usage records" action=${exportUsage} />
    </section>
  </section>`;
}
