import { useEffect, useState } from 'preact/hooks';
import { api, filePath, jobPath } from '../api.js';
import { openStream } from '../events.js';
import { FINAL_STATES, when } from '../format.js';
import { html, ActionButton, ErrorBox, Loading, StateBadge } from '../ui.js';
import { FilesPanel } from './files.js';
import { JobCharge } from './billing.js';

/** How often the tail of a running job's output is read again (its file, not its state). */
const TAIL_MILLIS = 3000;
const TAIL_BYTES = 8192;

export function JobPage({ id }) {
  const [job, setJob] = useState(null);
  const [error, setError] = useState(null);
  const [timeline, setTimeline] = useState([]);
  const [charged, setCharged] = useState(0);
  const reload = () => api.get(jobPath(id)).then(setJob, setError);

  useEffect(() => {
    setJob(null);
    setTimeline([]);
    reload();
    // The job's own stream from its first event: the whole timeline, then every change live.
    return openStream(jobPath(id, '/events'), {
      lastEventId: 0,
      onEvent: (event) => {
        if (event.type === 'job.charge') {
          setCharged((n) => n + 1);
          return;
        }
        setTimeline((list) => (list.some((e) => e.id === event.id) ? list : [...list, event]));
        reload();
      },
    });
  }, [id]);

  if (error) return html`<${ErrorBox} error=${error} />`;
  if (!job) return html`<${Loading} />`;
  const final = FINAL_STATES.has(job.state);
  const launchable = job.state === 'pending' && !job.launching;
  return html`<article aria-labelledby="job-title">
    <div class="heading">
      <h1 id="job-title">${job.name || job.id} <${StateBadge} state=${job.state} /></h1>
      <div class="actions">
        ${launchable && html`<${ActionButton} label="Launch" kind="primary"
          action=${() => api.post(jobPath(id, '/launch')).then(setJob)} />`}
        ${!final && html`<${ActionButton} label="Cancel" confirm="Cancel this job?"
          action=${() => api.post(jobPath(id, '/cancel')).then(setJob)} />`}
        <${ActionButton} label="Delete" kind="danger" confirm="Delete this job and its folder?"
          action=${() => api.del(jobPath(id)).then(() => { window.location.hash = '#/jobs'; })} />
      </div>
    </div>
    <div class="columns">
      <section class="card" aria-labelledby="details-title">
        <h2 id="details-title">Scheduler details</h2>
        <dl class="details">
          <dt>Job id</dt><dd><code>${job.id}</code></dd>
          <dt>Cluster</dt><dd>${job.cluster}</dd>
          <dt>Partition</dt><dd>${job.partition || 'default'}</dd>
          <dt>Scheduler job id</dt><dd>${job.schedulerJobId ?? '—'}</dd>
          <dt>Scheduler state</dt><dd>${job.schedulerState || '—'}</dd>
          <dt>Reason</dt><dd>${job.stateReason || '—'}</dd>
          <dt>Exit code</dt><dd data-testid="exit-code">${job.exitCode ?? '—'}</dd>
          <dt>Created</dt><dd>${when(job.createdAt)}</dd>
          <dt>Started</dt><dd>${when(job.startedAt)}</dd>
          <dt>Finished</dt><dd>${when(job.finishedAt)}</dd>
        </dl>
      </section>
      <section class="card" aria-labelledby="timeline-title">
        <h2 id="timeline-title">Timeline</h2>
        <ol class="timeline" aria-live="polite">
          ${timeline.map((event) => html`<li>
            <time datetime=${event.at}>${when(event.at)}</time>
            <${StateBadge} state=${event.data.to} /> <span class="muted">${event.data.reason || ''}</span>
          </li>`)}
        </ol>
      </section>
    </div>
    ${job.schedulerJobId && html`<${OutputTail} job=${job} />`}
    <${FilesPanel} job=${job} />
    ${job.schedulerJobId && html`<${JobCharge} job=${job} charged=${charged} />`}
  </article>`;
}

/** The end of the job's output file (SLURM's slurm-<id>.out holds stdout and stderr), read again while it runs. */
function OutputTail({ job }) {
  const file = `slurm-${job.schedulerJobId}.out`;
  const [text, setText] = useState(null);
  const running = !FINAL_STATES.has(job.state);
  useEffect(() => {
    let current = true;
    async function read() {
      try {
        const response = await api.get(filePath(job.id, file), { headers: { Range: `bytes=-${TAIL_BYTES}` }, raw: true });
        const body = await response.text();
        if (current) setText(body);
      } catch (e) {
        if (current) setText(e.status === 404 || e.status === 416 ? '' : null);
      }
    }
    read();
    const timer = running ? setInterval(read, TAIL_MILLIS) : null;
    return () => { current = false; if (timer) clearInterval(timer); };
  }, [job.id, job.state]);
  return html`<section class="card" aria-labelledby="output-title">
    <h2 id="output-title">Output <small class="muted">${file}, stdout and stderr${running ? ', following' : ''}</small></h2>
    <pre class="output" tabindex="0" data-testid="output">${text === null ? 'Not readable yet.' : text || '(empty so far)'}</pre>
  </section>`;
}
