export function when(instant) {
  if (!instant) return '—';
  const date = new Date(instant);
  return date.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'medium' });
}

export function bytes(n) {
  if (n === null || n === undefined) return '—';
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let i = 0;
  let value = n;
  while (value >= 1024 && i < units.length - 1) {
    value /= 1024;
    i++;
  }
  return (i === 0 ? value : value.toFixed(1)) + ' ' + units[i];
}

/** Amounts are integers in the currency's smallest unit (seed 002: uvirt). */
export function money(amount, currency) {
  if (amount === null || amount === undefined) return '—';
  return `${Number(amount).toLocaleString()} ${currency || ''}`.trim();
}

export function duration(seconds) {
  if (seconds === null || seconds === undefined) return '—';
  const s = Math.round(seconds);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  return h ? `${h} h ${m} min` : m ? `${m} min ${s % 60} s` : `${s} s`;
}

export function thisMonth() {
  return new Date().toISOString().slice(0, 7);
}

export const FINAL_STATES = new Set(['completed', 'failed', 'cancelled', 'timeout']);
