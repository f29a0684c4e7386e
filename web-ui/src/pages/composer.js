import { useEffect, useState } from 'preact/hooks';
import { api, jobPath } from '../api.js';
import { money } from '../format.js';
import { html, ErrorBox, Field, Loading, useLoad } from '../ui.js';

/** The form's resource fields: the template's min, max and default for each, and the request's name. */
const RESOURCES = [
  { key: 'nodes', label: 'Nodes', template: 'nodes' },
  { key: 'cpusPerNode', label: 'CPUs per node', template: 'cpus_per_node' },
  { key: 'memoryMbPerNode', label: 'Memory per node (MiB)', template: 'memory_mb_per_node' },
  { key: 'gpusPerNode', label: 'GPUs per node', template: 'gpus_per_node' },
  { key: 'timeLimitMinutes', label: 'Time limit (minutes)', template: 'runtime_minutes' },
];

export function ComposerPage() {
  const [mode, setMode] = useState('template');
  const [type, setType] = useState('');
  const [tag, setTag] = useState('');
  const [types] = useLoad(() => api.get('/api/v2/template-types'), []);
  const [templates, templatesError] = useLoad(() => api.get('/api/v2/templates?status=approved'
    + (type ? '&type=' + encodeURIComponent(type) : '') + (tag ? '&tag=' + encodeURIComponent(tag) : '')), [type, tag]);
  const [clusters] = useLoad(() => api.get('/api/v2/clusters'), []);
  const [chosen, setChosen] = useState(null);
  const [chooseError, setChooseError] = useState(null);
  // The catalogue lists versions; the form needs the whole manifest (parameters, resource ranges).
  const choose = (t) => api.get('/api/v2/templates/' + encodeURIComponent(t.id)).then(setChosen, setChooseError);

  return html`<section aria-labelledby="composer-title">
    <h1 id="composer-title">New job</h1>
    <div role="radiogroup" aria-label="What the job runs" class="tabs">
      <label class="inline"><input type="radio" name="mode" checked=${mode === 'template'}
        onChange=${() => setMode('template')} /> From a template</label>
      <label class="inline"><input type="radio" name="mode" checked=${mode === 'script'}
        onChange=${() => setMode('script')} /> My own script</label>
    </div>
    ${mode === 'template' ? html`
      <div class="filters">
        <${Field} id="type-filter" label="Type">
          <select id="type-filter" value=${type} onChange=${(e) => setType(e.currentTarget.value)}>
            <option value="">any</option>
            ${(types || []).map((t) => html`<option value=${t.type || t}>${t.type || t}</option>`)}
          </select>
        <//>
        <${Field} id="tag-filter" label="Tag">
          <input id="tag-filter" value=${tag} onChange=${(e) => setTag(e.currentTarget.value.trim())} />
        <//>
      </div>
      <${ErrorBox} error=${templatesError} />
      ${templates === undefined ? html`<${Loading} what="Loading templates" />` : html`<ul class="catalogue" aria-label="Templates">
        ${templates.map((t) => html`<li>
          <button type="button" class=${chosen?.id === t.id ? 'chosen' : ''} aria-pressed=${chosen?.id === t.id}
            data-template=${t.templateId} onClick=${() => choose(t)}>
            <strong>${t.templateId}</strong> <span class="muted">${t.id}</span>
            <span class="tags">${(t.tags || []).map((x) => html`<span class="tag">${x}</span>`)}</span>
          </button></li>`)}
      </ul>`}
      <${ErrorBox} error=${chooseError} />
      ${chosen && html`<${JobForm} key=${chosen.id} template=${chosen} clusters=${clusters || []} />`}`
      : html`<${JobForm} clusters=${clusters || []} />`}
  </section>`;
}

function initialParameters(schema) {
  const values = {};
  for (const p of schema || []) values[p.name] = p.default === undefined || p.default === null ? '' : String(p.default);
  return values;
}

function initialResources(limits) {
  const values = {};
  for (const r of RESOURCES) {
    const d = limits?.['default_' + r.template];
    values[r.key] = d === undefined || d === null ? '' : String(d);
  }
  return values;
}

function JobForm({ template, clusters }) {
  const manifest = template?.manifest;
  const limits = manifest?.resources || {};
  const [name, setName] = useState(manifest ? manifest.template_id : 'my-job');
  const [script, setScript] = useState('#!/bin/bash\necho "Hello from $(hostname)"\n');
  const [cluster, setCluster] = useState('');
  const [params, setParams] = useState(() => initialParameters(manifest?.parameter_schema));
  const [resources, setResources] = useState(() => initialResources(limits));
  const [estimate, setEstimate] = useState(null);
  const [error, setError] = useState(null);
  const [busy, setBusy] = useState(false);
  const gpuCluster = clusters.find((c) => (cluster ? c.name === cluster : c.isDefault));

  function request() {
    const body = { name: name.trim() };
    if (cluster) body.cluster = cluster;
    if (template) {
      body.template = template.id;
      body.parameters = {};
      for (const p of manifest.parameter_schema || []) {
        const raw = params[p.name];
        if (raw === '' || raw === undefined) continue;
        body.parameters[p.name] = p.type === 'integer' ? Number.parseInt(raw, 10)
          : p.type === 'number' || p.type === 'float' ? Number(raw) : p.type === 'boolean' ? raw === 'true' : raw;
      }
    } else {
      body.script = script;
    }
    const res = {};
    for (const r of RESOURCES) if (resources[r.key] !== '') res[r.key] = Number.parseInt(resources[r.key], 10);
    if (Object.keys(res).length) body.resources = res;
    return body;
  }

  async function run(what) {
    setBusy(true);
    setError(null);
    try {
      if (what === 'preview') {
        setEstimate(await api.post('/api/v2/billing/estimate', request()));
      } else {
        const job = await api.post('/api/v2/jobs', request());
        if (what === 'launch') await api.post(jobPath(job.id, '/launch'));
        window.location.hash = '#/jobs/' + encodeURIComponent(job.id);
      }
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }

  return html`<form class="card composer" onSubmit=${(e) => { e.preventDefault(); run('create'); }}
      aria-label=${template ? 'Job from ' + template.id : 'Job from my script'}>
    ${template && html`<p>${manifest.description}</p>`}
    <${Field} id="job-name" label="Job name">
      <input id="job-name" required value=${name} onInput=${(e) => setName(e.currentTarget.value)} />
    <//>
    ${template ? html`<fieldset><legend>Parameters</legend>
      ${(manifest.parameter_schema || []).map((p) => html`<${ParameterField} parameter=${p} value=${params[p.name]}
        onChange=${(v) => setParams({ ...params, [p.name]: v })} />`)}
    </fieldset>` : html`<${Field} id="job-script" label="Batch script" hint="Runs in the job's folder on the cluster">
      <textarea id="job-script" rows="10" spellcheck="false" aria-describedby="job-script-hint" value=${script}
        onInput=${(e) => setScript(e.currentTarget.value)}></textarea>
    <//>`}
    <fieldset><legend>Resources</legend>
      <div class="grid">
        ${RESOURCES.filter((r) => r.key !== 'gpusPerNode' || (limits.max_gpus_per_node ?? gpuCluster?.gpusPerNode ?? 0) > 0)
          .map((r) => {
            const min = limits['min_' + r.template];
            const max = r.key === 'gpusPerNode' && gpuCluster ? Math.min(limits.max_gpus_per_node ?? Infinity, gpuCluster.gpusPerNode)
              : limits['max_' + r.template];
            const hint = min !== undefined || max !== undefined ? `${min ?? 0} to ${max ?? 'any'}` : 'the cluster default when empty';
            return html`<${Field} id=${'res-' + r.key} label=${r.label} hint=${hint}>
              <input id=${'res-' + r.key} type="number" min=${min} max=${Number.isFinite(max) ? max : undefined}
                aria-describedby=${'res-' + r.key + '-hint'} value=${resources[r.key]}
                onInput=${(e) => setResources({ ...resources, [r.key]: e.currentTarget.value })} />
            <//>`;
          })}
      </div>
    </fieldset>
    <${Field} id="job-cluster" label="Cluster">
      <select id="job-cluster" value=${cluster} onChange=${(e) => setCluster(e.currentTarget.value)}>
        <option value="">chosen by the gateway</option>
        ${clusters.map((c) => html`<option value=${c.name}>${c.name}${c.region ? ' · ' + c.region : ''} (${c.status})</option>`)}
      </select>
    <//>
    <${ErrorBox} error=${error} />
    <div class="actions">
      <button type="button" onClick=${() => run('preview')} disabled=${busy}>Preview script and charge</button>
      <button type="submit" disabled=${busy}>Create</button>
      <button type="button" class="primary" onClick=${() => run('launch')} disabled=${busy}>Create and launch</button>
    </div>
    ${estimate && html`<section class="preview" aria-labelledby="estimate-title">
      <h2 id="estimate-title">Preview</h2>
      <p data-testid="estimate">Estimated charge: <strong>${money(estimate.invoice.total, estimate.invoice.currency)}</strong>
        <span class="muted"> (${estimate.basis})</span></p>
      <pre tabindex="0" data-testid="rendered-script">${estimate.plan.script}</pre>
    </section>`}
  </form>`;
}

function ParameterField({ parameter: p, value, onChange }) {
  const id = 'param-' + p.name;
  const label = p.name + (p.required ? ' (required)' : '');
  const hint = [p.description, p.minimum !== undefined && p.minimum !== null ? `min ${p.minimum}` : null,
    p.maximum !== undefined && p.maximum !== null ? `max ${p.maximum}` : null].filter(Boolean).join('; ');
  let control;
  if (p.enum_values && p.enum_values.length) {
    control = html`<select id=${id} required=${p.required} value=${value} aria-describedby=${id + '-hint'}
      onChange=${(e) => onChange(e.currentTarget.value)}>
      ${!p.required && html`<option value="">—</option>`}
      ${p.enum_values.map((v) => html`<option value=${String(v)}>${String(v)}</option>`)}
    </select>`;
  } else if (p.type === 'boolean') {
    control = html`<select id=${id} value=${value} onChange=${(e) => onChange(e.currentTarget.value)}
      aria-describedby=${id + '-hint'}>
      <option value="">—</option><option value="true">true</option><option value="false">false</option></select>`;
  } else {
    const numeric = ['integer', 'number', 'float'].includes(p.type);
    control = html`<input id=${id} type=${numeric ? 'number' : 'text'} required=${p.required} value=${value}
      step=${p.type === 'integer' ? 1 : 'any'} min=${p.minimum ?? undefined} max=${p.maximum ?? undefined}
      aria-describedby=${id + '-hint'} onInput=${(e) => onChange(e.currentTarget.value)} />`;
  }
  return html`<${Field} id=${id} label=${label} hint=${hint || p.type}>${control}<//>`;
}
