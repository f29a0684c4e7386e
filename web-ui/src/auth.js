// Login. In oidc mode: authorization code with PKCE against the gateway's identity provider
// (oidc-client-ts), tokens in memory only, refreshed silently with the refresh token, and a real
// logout at the provider. In dev mode (the embedded default): the gateway's development login.

/** Only a marker survives a reload (never a token): it says a login round trip may be silent. */
const RETURNING = 'hpcgw.returning';

export async function createAuth(config) {
  if (config.authMode !== 'oidc') return devAuth();
  // Loaded only where it is used: a dev-mode page never downloads it.
  return oidcAuth(config.oidc, await import('oidc-client-ts'));
}

function devAuth() {
  let session = null;
  let listener = () => {};
  async function issue(user, roles) {
    const response = await fetch('/api/v2/dev/login', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ user, roles }),
    });
    const body = await response.json();
    if (!response.ok) throw new Error(body.message || 'The development login failed');
    session = { user, roles, token: body.access_token, expiresAt: Date.now() + body.expires_in * 1000 };
  }
  return {
    mode: 'dev',
    async start() {
      return false;
    },
    async login({ user, roles }) {
      await issue(user, roles);
      listener();
    },
    async token() {
      if (!session) return null;
      // A dev session is renewed by asking again a minute before it ends.
      if (session.expiresAt - Date.now() < 60_000) await issue(session.user, session.roles);
      return session.token;
    },
    async logout() {
      session = null;
      listener();
    },
    signedIn: () => session !== null,
    onChange(callback) {
      listener = callback;
    },
  };
}

function oidcAuth(oidc, { InMemoryWebStorage, UserManager, WebStorageStateStore }) {
  const redirect = window.location.origin + '/';
  const manager = new UserManager({
    authority: oidc.authority,
    client_id: oidc.clientId,
    scope: oidc.scope,
    redirect_uri: redirect,
    post_logout_redirect_uri: redirect,
    response_type: 'code',
    automaticSilentRenew: true,
    userStore: new WebStorageStateStore({ store: new InMemoryWebStorage() }),
  });
  let user = null;
  let listener = () => {};
  manager.events.addUserLoaded((loaded) => {
    user = loaded;
    listener();
  });
  manager.events.addUserSignedOut(() => {
    user = null;
    listener();
  });
  manager.events.addSilentRenewError(() => {
    user = null;
    listener();
  });
  return {
    mode: 'oidc',
    authority: oidc.authority,
    /** Completes a login redirect if this load is one; true when a login redirect is under way. */
    async start() {
      const params = new URLSearchParams(window.location.search);
      if (params.has('code') && params.has('state')) {
        user = await manager.signinRedirectCallback();
        sessionStorage.setItem(RETURNING, '1');
        window.history.replaceState({}, '', '/' + window.location.hash);
        return false;
      }
      if (sessionStorage.getItem(RETURNING)) {
        // A reload lost the in-memory tokens; the provider's session logs in again without a prompt.
        await manager.signinRedirect({ state: window.location.hash });
        return true;
      }
      return false;
    },
    async login() {
      await manager.signinRedirect({ state: window.location.hash });
    },
    async token() {
      if (user && user.expired) {
        try {
          user = await manager.signinSilent();
        } catch {
          user = null;
        }
      }
      return user?.access_token || null;
    },
    async logout() {
      sessionStorage.removeItem(RETURNING);
      const idToken = user?.id_token;
      user = null;
      await manager.removeUser();
      await manager.signoutRedirect({ id_token_hint: idToken });
    },
    signedIn: () => user !== null,
    onChange(callback) {
      listener = callback;
    },
  };
}
