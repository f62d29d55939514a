// SPDX-License-Identifier: ISC
// lib.mjs: Playwright on Debian's Chromium for the browser tests.  The
// flags keep Chromium off the network it cannot reach here; localhost is
// pinned to 127.0.0.1, where the test's nginx listens; the certificate is
// the test stack's own, self-signed.
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { inflateSync } from "node:zlib";
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

// Collects page p's script errors into problems (a console error that
// is a failed load, a 4xx the test asked for, is no problem).
export function watch(p, problems) {
	p.on("pageerror", (e) => problems.push(e.message));
	p.on("console", (m) => {
		if (m.type() === "error" && !m.text().startsWith("Failed to load resource"))
			problems.push(m.text());
	});
}

// The facilitator (email, password) logged in, in English, on the
// console of session sid, 1280 wide; script errors into problems.
export async function consoleOf(browser, url, email, password, sid, problems) {
	const ctx = await browser.newContext({ ignoreHTTPSErrors: true, locale: "en-GB",
	    viewport: { width: 1280, height: 860 } });
	const fac = await ctx.newPage();
	watch(fac, problems);
	await fac.goto(url + "/login.html");
	await fac.click("button.lang[data-lang=en]");
	await fac.fill("#email", email);
	await fac.fill("#password", password);
	await fac.click("#login button[type=submit]");
	await fac.waitForURL(/console\.html/);
	await fac.goto(url + "/console.html?session=" + sid);
	return fac;
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

// What a PDF that Chromium printed holds: each page's size in points
// (its MediaBox) and text, for a test to check the print and not only
// the page.  Enough of PDF (ISO 32000-1) for Chromium's own output:
// plain objects, Flate streams with a direct /Length, text shown with
// Tj/TJ in Type0 fonts (Identity-H, two bytes a glyph) mapped back to
// Unicode by each font's ToUnicode CMap (bfchar, bfrange); a line break
// after each text object.  Not a general reader.
export function readPdf(buf) {
	const src = buf.toString("latin1");
	const objs = new Map();
	for (const m of src.matchAll(/(\d+) 0 obj\b([\s\S]*?)\bendobj/g))
		objs.set(m[1], m[2]);
	const ref = (dict, key) => (new RegExp("/" + key + " (\\d+) 0 R").exec(dict) || [])[1];
	const stream = (id) => {
		const body = objs.get(id) || "";
		const m = /^([\s\S]*?)stream\r?\n/.exec(body);
		if (!m)
			return "";
		const len = Number((/\/Length (\d+)/.exec(m[1]) || [])[1]);
		let data = Buffer.from(body.slice(m[0].length, m[0].length + len), "latin1");
		if (/\/FlateDecode/.test(m[1]))
			data = inflateSync(data);
		return data.toString("latin1");
	};
	const cmaps = new Map();	// font object -> Map(glyph hex -> text)
	const cmap = (font) => {
		if (!cmaps.has(font)) {
			const map = new Map(), text = stream(ref(objs.get(font) || "", "ToUnicode"));
			const uni = (hex) => String.fromCharCode(...hex.match(/..../g)
			    .map((h) => parseInt(h, 16)));
			for (const b of text.matchAll(/beginbfchar([\s\S]*?)endbfchar/g))
				for (const x of b[1].matchAll(/<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>/g))
					map.set(x[1].toUpperCase(), uni(x[2]));
			for (const b of text.matchAll(/beginbfrange([\s\S]*?)endbfrange/g))
				for (const x of b[1].matchAll(/<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>/g))
					for (let g = parseInt(x[1], 16), u = parseInt(x[3], 16);
					    g <= parseInt(x[2], 16); g++, u++)
						map.set(g.toString(16).toUpperCase().padStart(4, "0"),
						    String.fromCharCode(u));
			cmaps.set(font, map);
		}
		return cmaps.get(font);
	};
	const pages = [];
	for (const [, body] of objs) {
		if (!/\/Type \/Page\b/.test(body))
			continue;
		const box = /\/MediaBox \[([^\]]*)\]/.exec(body)[1].trim().split(/\s+/).map(Number);
		const fonts = new Map();
		const fd = /\/Font <<([^>]*)>>/.exec(body);
		for (const f of (fd ? fd[1] : "").matchAll(/\/(\w+) (\d+) 0 R/g))
			fonts.set(f[1], f[2]);
		let font = null, text = "";
		for (const tok of stream(ref(body, "Contents")).matchAll(/\/(\w+) [\d.]+ Tf|<([0-9A-Fa-f]*)>|\bET\b/g)) {
			if (tok[1])
				font = fonts.get(tok[1]);
			else if (tok[2] !== undefined && font)
				text += tok[2].toUpperCase().match(/..../g)?.map((g) =>
				    cmap(font).get(g) ?? "").join("") ?? "";
			else
				text += "\n";
		}
		// NFKC: the fonts' ligatures ("ﬀ") back to their letters.
		pages.push({ width: box[2] - box[0], height: box[3] - box[1],
		    text: text.normalize("NFKC") });
	}
	return pages;
}
