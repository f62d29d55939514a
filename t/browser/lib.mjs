// SPDX-License-Identifier: ISC
// lib.mjs: Playwright on Debian's Chromium for the browser tests.  The
// flags keep Chromium off the network it cannot reach here; localhost is
// pinned to 127.0.0.1, where the test's nginx listens; the certificate is
// the test stack's own, self-signed.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { chromium } from "playwright-core";

const AXE = readFileSync(createRequire(import.meta.url)
    .resolve("axe-core/axe.min.js"), "utf8");

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

// The serious and critical WCAG 2.1 A/AA violations on the page, by
// axe-core evaluated through the DevTools protocol (not a script tag:
// the CSP would refuse one, as it should).
export async function axeSerious(page) {
	if (!(await page.evaluate("typeof window.axe")).startsWith("object"))
		await page.evaluate(AXE);
	const r = await page.evaluate(async () => {
		const res = await window.axe.run(document, {
			runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] },
		});
		return res.violations.map((v) => ({ id: v.id, impact: v.impact,
		    nodes: v.nodes.slice(0, 3).map((n) => n.target.join(" ")) }));
	});
	return r.filter((v) => v.impact === "serious" || v.impact === "critical");
}
