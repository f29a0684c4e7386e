// The HPC Gateway's web UI: a single page over the gateway's own /api/v2.
import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { api, useToken } from './api.js';
import { createAuth } from './auth.js';
import { openStream } from './events.js';
import { html, ErrorBox } from './ui.js';
import { LoginPage } from './pages/login.js';
import { JobsPage } from './pages/jobs.js';
import { JobPage } from './pages/job.js';
import { ComposerPage } from './pages/composer.js';
import { BillingPage } from './pages/billing.js';
import { TemplatesAdminPage, AuditPage, HealthPage } from './pages/admin.js';
import './styles.css';

function route() {
  const parts = (window.location.hash.replace(/^#\/?/, '') || 'jobs').split('/').map(decodeURIComponent);
  return parts;
}

function useRoute() {
  const [parts, setParts] = useState(route());
  useEffect(() => {
    const changed = () => setParts(route());
    window.addEventListener('hashchange', changed);
    return () => window.removeEventListener('hashchange', changed);
  }, []);
  return parts;
}

/** One stream per tab for every job state; pages subscribe to it. */
function useEventStream(signedIn) {
  const [hub] = useState(() => ({ listeners: new Set(), status: 'connecting' }));
  const [status, setStatus] = useState('connecting');
  useEffect(() => {
    if (!signedIn) return undefined;
    return openStream('/api/v2/events', {
      onEvent: (event) => hub.listeners.forEach((listener) => listener(event)),
      onStatus: (s) => { hub.status = s; setStatus(s); },
    });
  }, [signedIn]);
  hub.subscribe = (listener) => {
    hub.listeners.add(listener);
    return () => hub.listeners.delete(listener);
  };
  return [hub, status];
}

const PAGES = [
  { path: 'jobs', label: 'Jobs' },
  { path: 'new', label: 'New job' },
  { path: 'billing', label: 'Usage & charges' },
  { path: 'templates', label: 'Templates', roles: ['provider', 'admin'] },
  { path: 'audit', label: 'Audit log', roles: ['admin'] },
  { path: 'health', label: 'Cluster health', roles: ['admin'] },
];

function App({ config, auth }) {
  const [signedIn, setSignedIn] = useState(auth.signedIn());
  const [me, setMe] = useState(null);
  const [error, setError] = useState(null);
  const parts = useRoute();
  const [events, streamStatus] = useEventStream(signedIn);
  useEffect(() => auth.onChange(() => setSignedIn(auth.signedIn())), []);
  useEffect(() => {
    if (!signedIn) { setMe(null); return; }
    api.get('/api/v2/me').then(setMe, setError);
  }, [signedIn]);

  if (!signedIn) return html`<${LoginPage} config=${config} auth=${auth} />`;
  if (error) return html`<main><${ErrorBox} error=${error} /></main>`;
  if (!me) return html`<main><p role="status">Signing in…</p></main>`;
  const roles = new Set(me.roles || []);
  const allowed = (page) => !page.roles || page.roles.some((r) => roles.has(r));
  const [page, id] = parts;
  const current = PAGES.find((p) => p.path === page);
  let content;
  if (current && !allowed(current)) content = html`<p>This page is for ${current.roles.join(' or ')} roles.</p>`;
  else if (page === 'jobs' && id) content = html`<${JobPage} id=${id} events=${events} />`;
  else if (page === 'new') content = html`<${ComposerPage} />`;
  else if (page === 'billing') content = html`<${BillingPage} />`;
  else if (page === 'templates') content = html`<${TemplatesAdminPage} roles=${roles} />`;
  else if (page === 'audit') content = html`<${AuditPage} />`;
  else if (page === 'health') content = html`<${HealthPage} />`;
  else content = html`<${JobsPage} events=${events} />`;

  return html`
    <a class="skip" href="#main">Skip to content</a>
    <header class="top">
      <span class="brand">${config.applicationName || 'HPC Gateway'}</span>
      ${config.authMode === 'dev' && html`<span class="devmode" title="gateway.auth.mode=dev">development login</span>`}
      <nav aria-label="Main">
        <ul>
          ${PAGES.filter(allowed).map((p) => html`<li>
            <a href=${'#/' + p.path} aria-current=${p.path === page ? 'page' : undefined}>${p.label}</a></li>`)}
        </ul>
      </nav>
      <span class="who">
        <span class=${'live live-' + streamStatus} title="Job states are pushed by the gateway">${streamStatus}</span>
        <span data-testid="user">${me.name || me.subject}</span>
        <button type="button" class="link" onClick=${() => auth.logout()}>Log out</button>
      </span>
    </header>
    <main id="main" tabindex="-1">${content}</main>`;
}

async function boot() {
  const root = document.getElementById('app');
  try {
    const config = await api.get('/api/v2/ui/config');
    const auth = await createAuth(config);
    useToken(() => auth.token());
    if (await auth.start()) return;
    root.textContent = '';
    render(html`<${App} config=${config} auth=${auth} />`, root);
  } catch (error) {
    root.textContent = '';
    render(html`<main><h1>HPC Gateway</h1><${ErrorBox} error=${error} /></main>`, root);
  }
}

boot();
