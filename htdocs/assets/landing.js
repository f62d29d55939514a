// SPDX-License-Identifier: ISC
// landing.js: the landing page: join with a code, or log in as a
// facilitator.  It also asks /api/health and says whether the service
// and its database are up, proving the static path (this file) and the
// API path (the fetch) end to end.
import { t } from "./i18n.js";
import { languages } from "./ui.js";

let state = "checking";

function render() {
	const el = document.getElementById("status");
	el.dataset.state = state;
	el.textContent = t("landing." + state);
}

async function check() {
	try {
		const r = await fetch("/api/health", {
			headers: { Accept: "application/json" },
			cache: "no-store",
		});
		const body = await r.json();
		state = r.ok && body.status === "ok" ? "ok" :
		    r.status === 503 ? "down" : "error";
	} catch (e) {
		state = "error";
	}
	render();
}

await languages(render);
// The code goes to the participant's page as its own link: /j/CODE.
document.getElementById("join").addEventListener("submit", (ev) => {
	ev.preventDefault();
	const code = document.getElementById("code").value.replace(/[^0-9A-Za-z]/g, "");
	if (code)
		location.href = "/j/" + encodeURIComponent(code.toUpperCase());
});
render();
check();
