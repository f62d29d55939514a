// api.js: how pages talk to /api/.  JSON in and out, the CSRF token of
// the login sent on every request that changes something, and errors
// turned into one shape: { status, code, message }.
let csrf = null;

export function setCsrf(token) {
	csrf = token || null;
}

export async function api(method, path, body) {
	const headers = { Accept: "application/json" };
	const init = { method, headers, credentials: "same-origin", cache: "no-store" };
	if (body !== undefined) {
		headers["Content-Type"] = "application/json";
		init.body = JSON.stringify(body);
	}
	if (csrf && method !== "GET")
		headers["X-CSRF-Token"] = csrf;
	let r;
	try {
		r = await fetch("/api" + path, init);
	} catch (e) {
		return { ok: false, status: 0, code: "network", message: String(e) };
	}
	let data = null;
	if (r.status !== 204) {
		try {
			data = await r.json();
		} catch (e) {
			data = null;
		}
	}
	if (data && data.csrf_token)
		setCsrf(data.csrf_token);
	if (r.ok)
		return { ok: true, status: r.status, data };
	const err = (data && data.error) || {};
	return {
		ok: false,
		status: r.status,
		code: err.code || "http_" + r.status,
		message: err.message || r.statusText,
		retryAfter: Number(r.headers.get("Retry-After")) || 0,
	};
}
