// The gateway's /api/v2, with the caller's bearer token. Refusals become ApiError with the
// gateway's {error, message, details}, which the pages show as they are.
let tokenSource = () => null;

export function useToken(source) {
  tokenSource = source;
}

export class ApiError extends Error {
  constructor(status, body) {
    super(body?.message || `The gateway answered ${status}`);
    this.status = status;
    this.error = body?.error || 'http_' + status;
    this.details = body?.details || {};
  }
}

export async function authHeaders(extra = {}) {
  const token = await tokenSource();
  return token ? { ...extra, Authorization: `Bearer ${token}` } : extra;
}

export async function request(method, path, { body, headers = {}, raw = false } = {}) {
  const init = { method, headers: await authHeaders(headers) };
  if (body !== undefined) {
    init.headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  let response;
  try {
    response = await fetch(path, init);
  } catch (e) {
    throw new ApiError(0, { error: 'unreachable', message: 'The gateway cannot be reached: ' + e.message });
  }
  if (!response.ok) {
    let error = null;
    try { error = await response.json(); } catch { /* not JSON */ }
    throw new ApiError(response.status, error);
  }
  if (raw) return response;
  if (response.status === 204) return null;
  const type = response.headers.get('Content-Type') || '';
  return type.includes('json') ? response.json() : response.text();
}

export const api = {
  get: (path, options) => request('GET', path, options),
  post: (path, body, options) => request('POST', path, { ...options, body }),
  del: (path, options) => request('DELETE', path, options),
};

/** A job's route, with the rest of the path after it (`/launch`, `/files`...). */
export function jobPath(jobId, rest = '') {
  return `/api/v2/jobs/${encodeURIComponent(jobId)}${rest}`;
}

/** Path segments of a file in a job folder, each encoded (the path keeps its slashes). */
export function filePath(jobId, path) {
  return jobPath(jobId, '/files/' + path.split('/').map(encodeURIComponent).join('/'));
}
