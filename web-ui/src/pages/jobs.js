import { useEffect, useState } from 'preact/hooks';
import { api } from '../api.js';
import { when } from '../format.js';
import { html, ErrorBox, Loading, StateBadge } from '../ui.js';

const STATES = ['', 'pending', 'queued', 'running', 'completed', 'failed', 'cancelled', 'timeout'];

export function JobsPage({ events }) {
  const [state, setState] = useState('');
  const [jobs, setJobs] = useState(null);
  const [error, setError] = useState(null);
  useEffect(() => {
    let current = true;
    const load = () => api.get('/api/v2/jobs?size=100' + (state ? '&state=' + state : ''))
      .then((page) => current && setJobs(page.items), (e) => current && setError(e));
    load();
    // States arrive pushed; a job this list does not show yet makes it load again.
    const stop = events.subscribe((event) => {
      if (event.type !== 'job.state') return;
      setJobs((list) => {
        if (!list) return list;
        if (!list.some((job) => job.id === event.jobId)) { load(); return list; }
        return list.map((job) => (job.id === event.jobId ? { ...job, state: event.data.to } : job))
          .filter((job) => !state || job.state === state);
      });
    });
    return () => { current = false; stop(); };
  }, [state]);

  return html`<section aria-labelledby="jobs-title">
    <div class="heading">
      <h1 id="jobs-title">Jobs</h1>
      <a class="button primary" href="#/new">New job</a>
    </div>
    <label for="state-filter">State </label>
    <select id="state-filter" value=${state} onChange=${(e) => setState(e.currentTarget.value)}>
      ${STATES.map((s) => html`<option value=${s}>${s || 'all'}</option>`)}
    </select>
    <${ErrorBox} error=${error} />
    ${jobs === null ? html`<${Loading} />` : jobs.length === 0 ? html`<p>No jobs yet. <a href="#/new">Create one</a>.</p>`
      : html`<table class="list">
        <caption class="sr-only">Your jobs, newest first</caption>
        <thead><tr><th scope="col">Name</th><th scope="col">State</th><th scope="col">Cluster</th>
          <th scope="col">Scheduler id</th><th scope="col">Created</th></tr></thead>
        <tbody>
          ${jobs.map((job) => html`<tr data-job=${job.id}>
            <td><a href=${'#/jobs/' + encodeURIComponent(job.id)}>${job.name || job.id}</a></td>
            <td><${StateBadge} state=${job.state} /></td>
            <td>${job.cluster}</td>
            <td>${job.schedulerJobId ?? '—'}</td>
            <td>${when(job.createdAt)}</td>
          </tr>`)}
        </tbody>
      </table>`}
  </section>`;
}
