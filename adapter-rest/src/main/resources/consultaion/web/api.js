// The HTTP API from the page: the cookie session (HttpOnly access and refresh cookies), the CSRF header on every
// unsafe request (double submit: the csrf_token cookie's value), and one refresh when the access token has expired.

export class ApiError extends Error {
  constructor(status, body) {
    const e = body?.error ?? {};
    super(e.message ?? `The service answered ${status}.`);
    this.status = status;
    this.code = e.code ?? "http." + status;
    this.fields = e.details?.fields ?? [];
    this.retryAfter = e.retry_after_seconds ?? null;
  }
}

function csrf() {
  const m = document.cookie.match(/(?:^|;\s*)csrf_token=([^;]+)/);
  return m ? decodeURIComponent(m[1]) : null;
}

/** Whether this browser holds a session the service may still accept (the refresh cookie is not readable). */
export function maybeSignedIn() {
  return csrf() !== null;
}

async function send(method, path, body) {
  const headers = {Accept: "application/json"};
  if (body !== undefined) headers["Content-Type"] = "application/json";
  if (method !== "GET" && method !== "HEAD") {
    const token = csrf();
    if (token) headers["X-CSRF-Token"] = token;
  }
  return fetch(path, {
    method, headers, credentials: "same-origin",
    body: body === undefined ? undefined : JSON.stringify(body),
  });
}

let refreshing = null;

/** Trades the refresh cookie for new cookies; one at a time however many requests found the token expired. */
export function refresh() {
  if (!refreshing) {
    refreshing = send("POST", "/auth/refresh").then(r => r.ok).catch(() => false)
      .finally(() => { refreshing = null; });
  }
  return refreshing;
}

/** A call of the API: the parsed JSON (null for 204), or an ApiError. */
export async function api(method, path, body, {raw = false} = {}) {
  let response = await send(method, path, body);
  if (response.status === 401 && !path.startsWith("/auth/") && maybeSignedIn() && await refresh()) {
    response = await send(method, path, body);
  }
  if (!response.ok) {
    let parsed = null;
    try { parsed = await response.json(); } catch { /* not JSON */ }
    throw new ApiError(response.status, parsed);
  }
  if (raw) return response;
  if (response.status === 204) return null;
  const type = response.headers.get("Content-Type") ?? "";
  return type.includes("json") ? response.json() : response.text();
}

export const get = (path) => api("GET", path);
export const post = (path, body) => api("POST", path, body);
export const del = (path) => api("DELETE", path);
