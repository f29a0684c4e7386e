// The embedded default (gateway.auth.mode=dev), against the real gateway and front end: the
// development login, a job composed from batch-standard, two files uploaded, the launch, the state
// pushed live to completed without a reload, the output downloaded and the charge shown.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createHash, randomBytes } from 'node:crypto';
import { browser, checkpoint, cuttingProxy, gateway } from './support.mjs';

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
  await page.getByLabel('Dispute this charge: why?').fill('the job ran twice as long as it should');
  await page.getByRole('button', { name: 'Flag dispute' }).click();
  await page.getByText('Dispute open: the job ran twice as long as it should').waitFor();

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
  // The usage export: signed records as JSON lines, this user's job among them.
  const [usage] = await Promise.all([page.waitForEvent('download'),
    page.getByRole('button', { name: 'Download usage records' }).click()]);
  const records = (await readFile(await usage.path(), 'utf8')).trim().split('\n').map((line) => JSON.parse(line));
  assert.ok(records.some((r) => r.customer_id === user && r.signature), 'a signed usage record of ' + user);
  // Narrow screens get the same pages, reflowed; the keyboard reaches the skip link first.
  await page.setViewportSize({ width: 390, height: 844 });
  await page.getByRole('link', { name: 'Jobs' }).click();
  await page.locator('tr[data-job]').first().waitFor();
  await checkpoint(page, 'jobs-narrow');
  await page.setViewportSize({ width: 1280, height: 900 });
  // The skip link comes first in the page's tab order, shows when focused, and takes the keyboard to the content.
  await page.getByRole('link', { name: 'Skip to content' }).focus();
  assert.ok(await page.getByRole('link', { name: 'Skip to content' }).isVisible());
  await page.keyboard.press('Enter');
  assert.equal(await page.evaluate(() => document.activeElement.id), 'main');
  await page.getByRole('button', { name: 'Log out' }).click();
  await page.getByRole('heading', { name: 'Development login' }).waitFor();
});

test('an upload and the job stream both survive a dropped network', async () => {
  const proxy = await cuttingProxy(gateway);
  const context = await chromium.newContext({ viewport: { width: 1280, height: 900 } });
  const tab = await context.newPage();
  const user = 'net' + Date.now().toString(36);
  try {
    await tab.goto(proxy.url + '/');
    await tab.getByLabel('User name').fill(user);
    await tab.getByRole('button', { name: 'Log in' }).click();
    await tab.locator('.live-live').waitFor();
    await tab.getByRole('link', { name: 'New job' }).first().click();
    await tab.getByLabel('My own script').check();
    await tab.getByLabel('Job name').fill('hiccup');
    await tab.getByLabel('Batch script').fill('#!/bin/bash\nsleep 6\nsha256sum big.bin > big.sha256\n');
    await tab.getByRole('button', { name: 'Create', exact: true }).click();
    await tab.getByRole('heading', { name: /hiccup/ }).waitFor();
    const jobId = decodeURIComponent(new URL(tab.url()).hash.split('/').pop());

    const big = join(await mkdtemp(join(tmpdir(), 'hpcgw-ui-')), 'big.bin');
    const content = randomBytes(40 * 1024 * 1024);
    await writeFile(big, content);
    await tab.locator('#file-input').setInputFiles(big);
    // Once the first 16 MiB part is stored, the connection is cut mid-part and the network stays away
    // until the page says it is retrying.
    await tab.waitForFunction(() => Number(document.querySelector('[data-upload="big.bin"] progress')?.value)
      >= 16 * 1024 * 1024);
    await context.setOffline(true);
    proxy.cut();
    await tab.locator('[data-upload="big.bin"][data-status="retrying"]').waitFor({ timeout: 30_000 });
    await context.setOffline(false);
    await tab.locator('[data-upload="big.bin"][data-status="done"]').waitFor({ timeout: FINISH });
    assert.equal(Number(await tab.locator('[data-upload="big.bin"] progress').getAttribute('value')), content.length);
    await tab.locator('[data-file="big.bin"]').waitFor();

    // Dropped onto the drop zone, as a file dragged from the desktop is; then deleted.
    const transfer = await tab.evaluateHandle(() => {
      const data = new DataTransfer();
      data.items.add(new File(['dropped\n'], 'dropped.txt', { type: 'text/plain' }));
      return data;
    });
    await tab.dispatchEvent('.drop', 'drop', { dataTransfer: transfer });
    await tab.locator('[data-file="dropped.txt"]').waitFor();
    tab.once('dialog', (dialog) => dialog.accept());
    await tab.locator('[data-file="dropped.txt"]').getByRole('button', { name: 'Delete' }).click();
    await tab.locator('[data-file="dropped.txt"]').waitFor({ state: 'detached' });

    await tab.getByRole('button', { name: 'Launch' }).click();
    await tab.locator('#job-title .state[data-state="running"]').waitFor({ timeout: FINISH });
    // The streams are cut and the network stays away until the job has ended: its completion
    // reaches the page only through the replay after Last-Event-ID.
    await context.setOffline(true);
    proxy.cut();
    await tab.locator('.live-reconnecting').waitFor({ timeout: 30_000 });
    const token = (await (await fetch(gateway + '/api/v2/dev/login', { method: 'POST',
      headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ user }) })).json()).access_token;
    for (const deadline = Date.now() + FINISH; ;) {
      const job = await (await fetch(`${gateway}/api/v2/jobs/${jobId}`, { headers: { Authorization: `Bearer ${token}` } })).json();
      if (job.state === 'completed') break;
      assert.ok(Date.now() < deadline && !['failed', 'cancelled', 'timeout'].includes(job.state), 'job state ' + job.state);
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
    assert.equal(await tab.locator('#job-title .state').getAttribute('data-state'), 'running');
    await context.setOffline(false);
    await tab.locator('#job-title .state[data-state="completed"]').waitFor({ timeout: 30_000 });
    await tab.locator('.live-live').waitFor({ timeout: 30_000 });
    await tab.locator('[data-file="big.sha256"]').getByRole('button', { name: 'Preview' }).click();
    assert.match(await tab.getByTestId('preview').textContent(),
      new RegExp('^' + createHash('sha256').update(content).digest('hex') + ' '));
    tab.once('dialog', (dialog) => dialog.accept());
    await tab.getByRole('button', { name: 'Delete' }).first().click();
    await tab.getByRole('heading', { name: 'Jobs', level: 1 }).waitFor();
    assert.equal(await tab.locator(`tr[data-job="${jobId}"]`).count(), 0);
  } finally {
    await context.close();
    await proxy.close();
  }
});
