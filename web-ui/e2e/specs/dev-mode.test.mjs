// The embedded default (gateway.auth.mode=dev), against the real gateway and front end: the
// development login, a job composed from batch-standard, two files uploaded, the launch, the state
// pushed live to completed without a reload, the output downloaded and the charge shown.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { browser, checkpoint, gateway } from './support.mjs';

const FINISH = 120_000;
let chromium;
let page;

before(async () => {
  chromium = await browser();
  page = await (await chromium.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true })).newPage();
  page.on('pageerror', (e) => console.error('page error:', e.message));
});

after(async () => chromium?.close());

test('a job from batch-standard, composed, fed, launched, followed live, downloaded and charged', async () => {
  const user = 'ui' + Date.now().toString(36);
  await page.goto(gateway + '/');
  await page.getByRole('heading', { name: 'Development login' }).waitFor();
  await checkpoint(page, 'login-dev');
  await page.getByLabel('User name').fill(user);
  await page.getByRole('checkbox', { name: 'admin' }).check();
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.getByText('No jobs yet').waitFor();
  await page.locator('.live-live').waitFor();
  await checkpoint(page, 'jobs-empty');

  await page.getByRole('link', { name: 'New job' }).first().click();
  await page.locator('[data-template="batch-standard"]').click();
  await page.getByLabel('script (required)').fill('run.sh');
  await page.getByLabel('arguments').fill('data.txt');
  await page.getByRole('button', { name: 'Preview script and charge' }).click();
  await page.getByTestId('estimate').waitFor();
  assert.match(await page.getByTestId('rendered-script').textContent(), /PARAM_SCRIPT/);
  await checkpoint(page, 'composer');

  await page.getByRole('button', { name: 'Create', exact: true }).click();
  await page.getByRole('heading', { name: /batch-standard/ }).waitFor();
  const state = page.locator('#job-title .state');
  assert.equal(await state.getAttribute('data-state'), 'pending');
  await page.locator('#file-input').setInputFiles([
    { name: 'run.sh', mimeType: 'text/x-shellscript', buffer: Buffer.from('sleep 6\ntr a-z A-Z < "$1" > result.txt\necho converted\n') },
    { name: 'data.txt', mimeType: 'text/plain', buffer: Buffer.from('hello from the browser\n') },
  ]);
  await page.locator('[data-upload="run.sh"][data-status="done"]').waitFor();
  await page.locator('[data-upload="data.txt"][data-status="done"]').waitFor();
  await page.locator('[data-file="data.txt"]').waitFor();
  await page.locator('[data-file="run.sh"]').waitFor();
  await checkpoint(page, 'job-files');

  // From here the page is never reloaded: every state arrives over the event stream.
  await page.getByRole('button', { name: 'Launch' }).click();
  await page.locator('#job-title .state[data-state="running"]').waitFor({ timeout: FINISH });
  await checkpoint(page, 'job-running');
  await page.locator('#job-title .state[data-state="completed"]').waitFor({ timeout: FINISH });
  await page.locator('.timeline [data-state="completed"]').waitFor();
  assert.equal(await page.getByTestId('exit-code').textContent(), '0');
  await page.locator('[data-file="result.txt"]').waitFor();

  const [download] = await Promise.all([page.waitForEvent('download'),
    page.locator('[data-file="result.txt"]').getByRole('button', { name: 'Download' }).click()]);
  assert.equal(await readFile(await download.path(), 'utf8'), 'HELLO FROM THE BROWSER\n');
  await page.locator('[data-file="result.txt"]').getByRole('button', { name: 'Preview' }).click();
  assert.equal(await page.getByTestId('preview').textContent(), 'HELLO FROM THE BROWSER\n');

  await page.locator('[data-testid="charge-status"]', { hasText: 'final' }).waitFor({ timeout: FINISH });
  assert.match(await page.getByTestId('charge-total').textContent(), /Amount due: \d[\d,.]* \w+/);
  await checkpoint(page, 'job-completed');

  await page.getByRole('link', { name: 'Jobs' }).click();
  await page.locator('tr[data-job] [data-state="completed"]').waitFor();
  await checkpoint(page, 'jobs');
  await page.getByRole('link', { name: 'Usage & charges' }).click();
  await page.getByTestId('invoice-due').waitFor();
  await checkpoint(page, 'billing');
  for (const [link, heading, name] of [['Templates', 'Templates', 'templates'], ['Audit log', 'Audit log', 'audit'],
    ['Cluster health', 'Cluster health', 'health']]) {
    await page.getByRole('link', { name: link }).click();
    await page.getByRole('heading', { name: heading, level: 1 }).waitFor();
    await page.locator('main table, main dl, main .error').first().waitFor();
    await checkpoint(page, name);
  }
  await page.getByRole('button', { name: 'Log out' }).click();
  await page.getByRole('heading', { name: 'Development login' }).waitFor();
});
