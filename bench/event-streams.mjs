// Event stream fan-out: K users each hold an open stream (GET /api/v2/events) while each creates
// jobs at once. Timed from sending the create: until its "pending" event arrives on the stream
// (push), and, the baseline in the same run, until a GET /api/v2/jobs/{id} sent right after the
// create's answer returns (the quickest any poller can learn of it, with no wait between polls).
//   node bench/event-streams.mjs <gateway url> [rounds=20]
const gateway = process.argv[2];
const rounds = Number(process.argv[3] || 20);

async function token(user) {
  const r = await fetch(`${gateway}/api/v2/dev/login`, { method: 'POST', headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ user }) });
  return (await r.json()).access_token;
}

/** Opens a stream; resolves once it is live; `waiters` maps job id -> resolve(time of arrival). */
async function stream(auth, waiters, early) {
  const controller = new AbortController();
  const response = await fetch(`${gateway}/api/v2/events`, { headers: { Authorization: `Bearer ${auth}`,
    Accept: 'text/event-stream' }, signal: controller.signal });
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  let live;
  const opened = new Promise((resolve) => { live = resolve; });
  (async () => {
    for (;;) {
      let chunk;
      try { chunk = await reader.read(); } catch { return; }
      if (chunk.done) return;
      buffer += chunk.value;
      let end;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        if (/^event: ?stream\.open$/m.test(block)) { live(); continue; }
        const data = block.split('\n').find((l) => l.startsWith('data:'));
        if (!data) continue;
        const event = JSON.parse(data.slice(5));
        const at = performance.now();
        if (waiters.has(event.jobId)) waiters.get(event.jobId)(at); else early.set(event.jobId, at);
      }
    }
  })();
  await opened;
  return () => controller.abort();
}

function percentile(values, p) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

async function run(users) {
  const clients = await Promise.all(Array.from({ length: users }, async (_, i) => {
    const auth = await token(`bench-events-${users}-${i}-${Date.now().toString(36)}`);
    const waiters = new Map();
    const early = new Map();
    const close = await stream(auth, waiters, early);
    return { auth, waiters, early, close };
  }));
  const pushed = [];
  const polled = [];
  for (let round = 0; round < rounds; round++) {
    await Promise.all(clients.map(async (c) => {
      const headers = { Authorization: `Bearer ${c.auth}`, 'Content-Type': 'application/json' };
      const sent = performance.now();
      const r = await fetch(`${gateway}/api/v2/jobs`, { method: 'POST', headers, body: JSON.stringify({ name: 'b', command: 'true' }) });
      const { id } = await r.json();
      const arrival = c.early.has(id) ? Promise.resolve(c.early.get(id)) : new Promise((resolve) => c.waiters.set(id, resolve));
      await (await fetch(`${gateway}/api/v2/jobs/${id}`, { headers })).json();
      polled.push(performance.now() - sent);
      pushed.push((await arrival) - sent);
    }));
  }
  clients.forEach((c) => c.close());
  return { pushed, polled };
}

console.log('streams  pushed p50  p99 (ms)  | create+GET p50  p99 (ms)  | push/poll p50');
for (const users of [1, 10, 100]) {
  const { pushed, polled } = await run(users);
  const p = (v, q) => percentile(v, q).toFixed(1).padStart(7);
  console.log(`${String(users).padStart(7)}  ${p(pushed, 50)} ${p(pushed, 99)}  | ${p(polled, 50)} ${p(polled, 99)}  | `
    + (percentile(pushed, 50) / percentile(polled, 50)).toFixed(2) + 'x');
}
