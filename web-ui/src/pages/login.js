import { useState } from 'preact/hooks';
import { html, ErrorBox, Field } from '../ui.js';

export function LoginPage({ config, auth }) {
  const [error, setError] = useState(null);
  const [user, setUser] = useState('');
  const [roles, setRoles] = useState(new Set(['user']));
  async function submit(event) {
    event.preventDefault();
    setError(null);
    try {
      await auth.login({ user: user.trim(), roles: [...roles] });
    } catch (e) {
      setError({ error: 'login_failed', message: e.message });
    }
  }
  function toggle(role) {
    const next = new Set(roles);
    if (next.has(role)) next.delete(role); else next.add(role);
    setRoles(next);
  }
  return html`<main id="main" class="login">
    <h1>${config.applicationName || 'HPC Gateway'}</h1>
    <p>Run jobs on the cluster, move their files and follow their state and cost.</p>
    ${config.authMode === 'oidc'
      ? html`<button type="button" class="primary" onClick=${() => auth.login().catch((e) => setError(e))}>
          Log in with your organisation</button>
          <p class="muted">You are sent to ${new URL(config.oidc.authority).host} to log in.</p>`
      : !config.devLogin ? html`<p class="warning" role="note">This gateway runs in development mode without the
          development login (several accounts share its machine): ask its operator for a token
          (deploy/local/dev-token.sh), and use it with hpcgw or curl.</p>`
      : html`<form onSubmit=${submit} class="card devlogin" aria-labelledby="dev-title">
          <h2 id="dev-title">Development login</h2>
          <p class="warning" role="note">This gateway runs in development mode (gateway.auth.mode=dev): anyone who
            reaches it may act as any user. Production gateways log in through their identity provider.</p>
          <${Field} id="dev-user" label="User name">
            <input id="dev-user" required pattern="[A-Za-z0-9_][A-Za-z0-9._\\-]*" autocomplete="username"
              value=${user} onInput=${(e) => setUser(e.currentTarget.value)} />
          <//>
          <fieldset>
            <legend>Roles</legend>
            ${['user', 'provider', 'admin'].map((role) => html`<label class="inline">
              <input type="checkbox" checked=${roles.has(role)} onChange=${() => toggle(role)} /> ${role}</label>`)}
          </fieldset>
          <button type="submit" class="primary">Log in</button>
        </form>`}
    <${ErrorBox} error=${error} />
  </main>`;
}
