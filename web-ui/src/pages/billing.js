import { useEffect, useState } from 'preact/hooks';
import { api, jobPath } from '../api.js';
import { duration, money, thisMonth, when } from '../format.js';
import { html, ActionButton, ErrorBox, Field, Loading, useLoad } from '../ui.js';

const MONTHS_CHARTED = 6;

/** A job's usage records and its itemised charge (final once accounted), with a dispute. */
export function JobCharge({ job, charged }) {
  const base = jobPath(job.id);
  const [charge, chargeError, reloadCharge] = useLoad(() => api.get(base + '/charges'), [job.id, job.state, charged]);
  const [usage] = useLoad(() => api.get(base + '/usage'), [job.id, job.state, charged]);
  const [reason, setReason] = useState('');
  const last = usage && usage.length ? usage[usage.length - 1] : null;
  return html`<section class="card" aria-labelledby="charge-title">
    <h2 id="charge-title">Usage and charge</h2>
    ${last && html`<p class="muted">${usage.length} usage record${usage.length === 1 ? '' : 's'};
      the last ${last.is_final ? 'is final' : 'is interim'}
      (${duration(last.metrics?.wall_clock_seconds ?? last.metrics?.wallClockSeconds)} wall clock).</p>`}
    <${ErrorBox} error=${chargeError} />
    ${charge === undefined ? !chargeError && html`<${Loading} />` : html`
      <p data-testid="charge-status">Status: <strong>${charge.status}</strong>, period ${charge.period}</p>
      <${InvoiceLines} invoice=${charge.invoice} />
      <p data-testid="charge-total">Amount due: <strong>${money(charge.amountDue, charge.invoice.currency)}</strong>
        ${charge.refunded ? html` (refunded ${money(charge.refunded, charge.invoice.currency)})` : ''}</p>
      ${(charge.disputes || []).map((d) => html`<p class="notice">Dispute ${d.status}: ${d.reason}
        ${d.resolutionNote ? ' — ' + d.resolutionNote : ''}</p>`)}
      ${charge.status === 'final' && !(charge.disputes || []).some((d) => d.status === 'open') && html`
        <form class="inline-form" onSubmit=${(e) => e.preventDefault()}>
          <${Field} id="dispute-reason" label="Dispute this charge: why?">
            <input id="dispute-reason" value=${reason} onInput=${(e) => setReason(e.currentTarget.value)} />
          <//>
          <${ActionButton} label="Flag dispute" disabled=${!reason.trim()}
            action=${() => api.post(base + '/charges/disputes', { reason: reason.trim() }).then(reloadCharge)} />
        </form>`}`}
  </section>`;
}

function InvoiceLines({ invoice }) {
  return html`<table class="list">
    <caption class="sr-only">Itemised charge</caption>
    <thead><tr><th scope="col">Resource</th><th scope="col">Quantity</th><th scope="col">Rate</th>
      <th scope="col" class="num">Amount</th></tr></thead>
    <tbody>
      ${invoice.lines.map((l) => html`<tr><td>${l.resource}</td><td>${l.quantity} ${l.unit}</td>
        <td>${money(l.rate, invoice.currency)}</td><td class="num">${money(l.amount, invoice.currency)}</td></tr>`)}
      ${(invoice.discounts || []).map((d) => html`<tr><td colspan="3">Discount: ${d.reason || d.type}</td>
        <td class="num">−${money(d.amount, invoice.currency)}</td></tr>`)}
      ${invoice.minimumChargeAdjustment ? html`<tr><td colspan="3">Minimum charge</td>
        <td class="num">${money(invoice.minimumChargeAdjustment, invoice.currency)}</td></tr>` : ''}
    </tbody>
    <tfoot><tr><th scope="row" colspan="3">Total</th><td class="num">${money(invoice.total, invoice.currency)}</td></tr></tfoot>
  </table>`;
}

function lastMonths(count) {
  const months = [];
  const now = new Date();
  for (let i = count - 1; i >= 0; i--) {
    const d = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - i, 1));
    months.push(d.toISOString().slice(0, 7));
  }
  return months;
}

export function BillingPage() {
  const [period, setPeriod] = useState(thisMonth());
  const [invoice, invoiceError] = useLoad(() => api.get('/api/v2/billing/invoices/' + period), [period]);
  const [history, setHistory] = useState(null);
  const [disputes] = useLoad(() => api.get('/api/v2/billing/disputes'), []);
  const [code, setCode] = useState('');
  const [redeemed, setRedeemed] = useState(null);
  useEffect(() => {
    const months = lastMonths(MONTHS_CHARTED);
    Promise.all(months.map((m) => api.get('/api/v2/billing/invoices/' + m).then((i) => ({ month: m, total: i.amountDue,
      currency: i.currency }), () => ({ month: m, total: 0 })))).then(setHistory);
  }, []);
  return html`<section aria-labelledby="billing-title">
    <h1 id="billing-title">Usage and charges</h1>
    <div class="columns">
      <section class="card" aria-labelledby="invoice-title">
        <h2 id="invoice-title">Invoice</h2>
        <${Field} id="invoice-period" label="Month">
          <input id="invoice-period" type="month" value=${period} onChange=${(e) => setPeriod(e.currentTarget.value)} />
        <//>
        <${ErrorBox} error=${invoiceError} />
        ${invoice && html`<table class="list">
          <caption class="sr-only">Jobs charged in ${period}</caption>
          <thead><tr><th scope="col">Job</th><th scope="col">Cluster</th><th scope="col">Finished</th>
            <th scope="col" class="num">Due</th></tr></thead>
          <tbody>${invoice.jobs.map((j) => html`<tr><td><a href=${'#/jobs/' + encodeURIComponent(j.jobId)}>${j.jobId}</a></td>
            <td>${j.cluster}</td><td>${when(j.finishedAt)}</td><td class="num">${money(j.amountDue, invoice.currency)}</td></tr>`)}
          </tbody>
          <tfoot><tr><th scope="row" colspan="3">Amount due</th>
            <td class="num" data-testid="invoice-due">${money(invoice.amountDue, invoice.currency)}</td></tr></tfoot>
        </table>`}
      </section>
      <section class="card" aria-labelledby="spend-title">
        <h2 id="spend-title">Spend over time</h2>
        ${history ? html`<${SpendChart} months=${history} />` : html`<${Loading} />`}
      </section>
    </div>
    <section class="card" aria-labelledby="disputes-title">
      <h2 id="disputes-title">Disputes</h2>
      ${disputes && (disputes.length === 0 ? html`<p class="muted">None.</p>` : html`<ul>
        ${disputes.map((d) => html`<li><a href=${'#/jobs/' + encodeURIComponent(d.jobId)}>${d.jobId}</a>: ${d.status} —
          ${d.reason}</li>`)}</ul>`)}
    </section>
    <section class="card" aria-labelledby="promo-title">
      <h2 id="promo-title">Promotional code</h2>
      <form class="inline-form" onSubmit=${(e) => e.preventDefault()}>
        <${Field} id="promo-code" label="Code"><input id="promo-code" value=${code}
          onInput=${(e) => setCode(e.currentTarget.value)} /><//>
        <${ActionButton} label="Redeem" disabled=${!code.trim()}
          action=${() => api.post('/api/v2/billing/promo-code', { code: code.trim() }).then(setRedeemed)} />
      </form>
      ${redeemed && html`<p role="status">Redeemed: ${redeemed.discountBps / 100}% off jobs that end from now on.</p>`}
    </section>
  </section>`;
}

/** Bars of the amount due per month, drawn as SVG (no chart library: the first load stays small). */
function SpendChart({ months }) {
  const width = 360;
  const height = 160;
  const max = Math.max(1, ...months.map((m) => m.total));
  const bar = width / months.length;
  const currency = months.find((m) => m.currency)?.currency || '';
  return html`<figure>
    <svg viewBox=${`0 0 ${width} ${height + 24}`} role="img" aria-labelledby="spend-desc" class="chart">
      <desc id="spend-desc">Amount due per month: ${months.map((m) => `${m.month} ${m.total}`).join(', ')} ${currency}</desc>
      ${months.map((m, i) => {
        const h = Math.round((m.total / max) * height);
        return html`<g>
          <rect x=${i * bar + 6} y=${height - h} width=${bar - 12} height=${Math.max(h, 1)} class="bar"></rect>
          <text x=${i * bar + bar / 2} y=${height + 16} text-anchor="middle">${m.month.slice(2)}</text>
        </g>`;
      })}
    </svg>
    <figcaption class="muted">Amount due per month, in ${currency}; the highest is ${money(max, currency)}.</figcaption>
  </figure>`;
}
