// SPDX-License-Identifier: ISC
// lib.mjs: Playwright on Debian's Chromium for the browser tests.  The
// flags keep Chromium off the network it cannot reach here; localhost is
// pinned to 127.0.0.1, where the test's nginx listens; the certificate is
// the test stack's own, self-signed.
import { chromium } from "playwright-core";

export async function launch() {
	return chromium.launch({
		executablePath: process.env.PF_CHROMIUM || "/usr/bin/chromium",
		args: [
			"--no-sandbox", "--disable-gpu", "--disable-quic",
			"--no-first-run", "--disable-background-networking",
			"--disable-component-update", "--disable-sync",
			"--host-resolver-rules=MAP localhost 127.0.0.1",
		],
	});
}

export async function newPage(browser, locale) {
	const ctx = await browser.newContext({
		ignoreHTTPSErrors: true,
		locale,
		viewport: { width: 360, height: 740 },
	});
	const page = await ctx.newPage();
	const problems = [];
	// Script errors and CSP refusals count; Chromium's note on every
	// HTTP error status ("Failed to load resource") is not one: the
	// pages expect 401 and 404 answers and handle them.
	page.on("console", (m) => {
		if (m.type() === "error" &&
		    !m.text().startsWith("Failed to load resource"))
			problems.push("console: " + m.text());
	});
	page.on("pageerror", (e) => problems.push("pageerror: " + e.message));
	return { ctx, page, problems };
}
