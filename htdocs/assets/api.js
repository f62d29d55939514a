// SPDX-License-Identifier: ISC
// api.js: how pages talk to /api/.  JSON in and out, the CSRF token of
// the login sent on every request that changes something, and errors
// turned into one shape: { status, code, message, text }: code is the
// server's machine word, message its English sentence, text what to show
// a person: the catalogue's "error.<code>" in the page's language (with
// "{detail}" the server's sentence), or the message when the catalogue
// has no entry for the code.
import { has, t } from "./i18n.js";

let csrf = null;

// The text of an error { code, message } in the page's language.
export function errorText(code, message) {
	return has("error." + code) ? t("error." + code, { detail: message }) :
	    message;
}

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
		return { ok: false, status: 0, code: "network", message: String(e),
		    text: errorText("network", String(e)) };
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
	const code = err.code || "http_" + r.status;
	const message = err.message || r.statusText;
	return {
		ok: false,
		status: r.status,
		code,
		message,
		text: errorText(code, message),
		retryAfter: Number(r.headers.get("Retry-After")) || 0,
	};
}
