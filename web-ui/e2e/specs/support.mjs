// What every browser spec shares: Debian's Chromium driven by playwright-core, axe-core checks,
// screenshots kept as test artefacts.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import assert from 'node:assert/strict';
import { createServer, connect } from 'node:net';
import { chromium } from 'playwright-core';
import AxeBuilder from '@axe-core/playwright';

export const gateway = process.env.GATEWAY_URL || 'http://127.0.0.1:8080';
const shots = process.env.SCREENSHOTS || 'target/screenshots';
mkdirSync(shots, { recursive: true });

export async function browser() {
  return chromium.launch({
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    args: ['--no-sandbox', '--disable-dev-shm-usage'],
  });
}

/** Fails on any serious or critical axe-core violation of the page as it is now. */
export async function accessible(page, name) {
  const results = await new AxeBuilder({ page }).analyze();
  const serious = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  assert.deepEqual(serious.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`), [],
    `accessibility violations on ${name}`);
}

export async function screenshot(page, name) {
  await page.screenshot({ path: join(shots, name + '.png'), fullPage: true });
}

/** Every page visited gets both: the check and the picture. */
export async function checkpoint(page, name) {
  await accessible(page, name);
  await screenshot(page, name);
}

/**
 * A TCP proxy to the gateway whose open connections a test can cut, as a network hiccup does
 * (Playwright's offline mode fails new requests only; a stream already open would stay up).
 */
export async function cuttingProxy(target) {
  const { hostname, port } = new URL(target);
  const sockets = new Set();
  const server = createServer((client) => {
    const upstream = connect(Number(port), hostname);
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
      socket.on('error', () => socket.destroy());
    }
    client.pipe(upstream);
    upstream.pipe(client);
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${server.address().port}`,
    cut: () => sockets.forEach((socket) => socket.destroy()),
    close: () => new Promise((resolve) => { sockets.forEach((s) => s.destroy()); server.close(resolve); }),
  };
}
