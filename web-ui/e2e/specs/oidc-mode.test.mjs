// gateway.auth.mode=oidc against the real Keycloak with the shipped realm: no development login,
// authorization code with PKCE through Keycloak's own login page, pages by role, and a logout
// that ends the session at Keycloak too.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { browser, checkpoint, gateway } from './support.mjs';

let chromium;

before(async () => { chromium = await browser(); });
after(async () => chromium?.close());

async function login(page, user, password) {
  await page.goto(gateway + '/');
  await page.getByRole('button', { name: 'Log in with your organisation' }).click();
  await page.locator('#username').fill(user);
  await page.locator('#password').fill(password);
  await page.locator('#kc-login').click();
  await page.waitForURL((url) => url.origin === new URL(gateway).origin);
  await page.getByTestId('user').waitFor();
}

test('the development login does not exist in oidc mode', async () => {
  const devLogin = await fetch(gateway + '/api/v2/dev/login', { method: 'POST',
    headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ user: 'mallory', roles: ['admin'] }) });
  const noRoute = await fetch(gateway + '/api/v2/no-such-route', { method: 'POST',
    headers: { 'Content-Type': 'application/json' }, body: '{}' });
  assert.equal(devLogin.status, 404);
  assert.deepEqual(await devLogin.json(), await noRoute.json());
  const context = await chromium.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await page.goto(gateway + '/');
  await page.getByRole('button', { name: 'Log in with your organisation' }).waitFor();
  assert.equal(await page.getByText('Development login').count(), 0);
  await checkpoint(page, 'login-oidc');
  await context.close();
});

test('an admin logs in with PKCE and sees the admin pages; logging out ends the Keycloak session', async () => {
  const context = await chromium.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await login(page, process.env.OIDC_ADMIN_USER, process.env.OIDC_ADMIN_PASSWORD);
  for (const link of ['Templates', 'Audit log', 'Cluster health']) {
    await page.getByRole('link', { name: link }).waitFor();
  }
  await page.getByRole('link', { name: 'Audit log' }).click();
  await page.locator('main table').waitFor();
  await checkpoint(page, 'audit-oidc-admin');
  await page.getByRole('button', { name: 'Log out' }).click();
  await page.getByRole('button', { name: 'Log in with your organisation' }).waitFor();
  // The provider's session is gone: logging in again asks for the password.
  await page.getByRole('button', { name: 'Log in with your organisation' }).click();
  await page.locator('#password').waitFor();
  await context.close();
});

test('a user logs in and the provider and admin pages are hidden from them', async () => {
  const context = await chromium.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await login(page, process.env.OIDC_USER, process.env.OIDC_USER_PASSWORD);
  await page.getByRole('link', { name: 'New job' }).first().waitFor();
  for (const link of ['Templates', 'Audit log', 'Cluster health']) {
    assert.equal(await page.getByRole('navigation').getByRole('link', { name: link }).count(), 0, link + ' shown');
  }
  await page.goto(gateway + '/#/audit');
  await page.getByText('This page is for admin roles.').waitFor();
  await checkpoint(page, 'jobs-oidc-user');
  await context.close();
});
