// SPDX-License-Identifier: ISC
// report.mjs URL EMAIL PASSWORD SESSION PDF SHOTS: logs in as the
// facilitator (from a page of the site, as the console would), opens the
// session's report on a laptop's screen, then as it prints (print media,
// as wide as A4's text), prints it to PDF on A4, and reports what each
// shows: the header, the rounds, how the bars of the distributions
// measure, and the PDF's pages and text.  Screenshots of both in SHOTS.
import { readFileSync } from "node:fs";
import { launch, newPage, readPdf } from "./lib.mjs";

const [url, email, password, session, pdf, shots] = process.argv.slice(2);

// The bars of the rounds of a type, measured: every bar of an answer
// (count > 0) must be seen and as long as its share of its track.
async function measure(page, type) {
	return page.evaluate((type) => {
		const out = { bars: 0, answered: 0, thinnest: Infinity, unfair: [] };
		for (const b of document.querySelectorAll('section[data-type="' + type +
		    '"] .bar[data-count]')) {
			const w = b.getBoundingClientRect().width;
			const track = b.parentElement.getBoundingClientRect().width;
			const share = Number(b.style.getPropertyValue("--share"));
			out.bars++;
			if (Number(b.dataset.count) === 0)
				continue;
			out.answered++;
			out.thinnest = Math.min(out.thinnest, Math.round(w));
			if (Math.abs(w - track * share / 100) > 2)
				out.unfair.push(b.closest("li").textContent + ": " +
				    Math.round(w) + " of " + Math.round(track) + "px");
		}
		return out;
	}, type);
}

async function report(page, what) {
	for (const type of ["rating", "statements", "choice"]) {
		const m = await measure(page, type);
		console.log(what + " " + type + " bars: " + m.bars + ", answered " +
		    m.answered + ", thinnest " + m.thinnest + "px, out of proportion: " +
		    (m.unfair.join("; ") || "none"));
	}
}

const browser = await launch();
try {
	const { ctx, page, problems } = await newPage(browser, "nl-NL");
	await page.setViewportSize({ width: 1280, height: 720 });
	await page.goto(url + "/");
	const status = await page.evaluate(async ([e, p]) => {
		const r = await fetch("/api/login", { method: "POST",
		    headers: { "Content-Type": "application/json" },
		    body: JSON.stringify({ email: e, password: p }) });
		return r.status;
	}, [email, password]);
	console.log("login: " + status);
	await page.goto(url + "/report.html?session=" + session);
	await page.waitForSelector("#report[data-ready=true]", { timeout: 10000 });
	console.log("h1: " + (await page.textContent("h1")));
	console.log("facts: " + (await page.textContent(".facts")));
	console.log("sections: " + (await page.locator("section.round").count()));
	console.log("titles: " + (await page.locator("section.round h2").allTextContents()).join(" | "));
	console.log("text: " + (await page.textContent("#report")).replace(/\s+/g, " "));
	await report(page, "screen");
	await page.screenshot({ path: shots + "/report-screen.png", fullPage: true });

	// As it prints: A4 less 15 mm margins each side is 180 mm, 680 px.
	await page.emulateMedia({ media: "print" });
	await page.setViewportSize({ width: 680, height: 962 });
	console.log("print tools: " + (await page.locator(".report-tools").isVisible() ?
	    "shown" : "hidden"));
	await report(page, "print");
	await page.screenshot({ path: shots + "/report-print.png", fullPage: true });
	await page.pdf({ path: pdf, format: "A4" });
	const pages = readPdf(readFileSync(pdf));
	console.log("pdf pages: " + pages.length + ", sizes: " + [...new Set(pages.map((p) =>
	    Math.floor(p.width) + "x" + Math.floor(p.height)))].join(" "));
	pages.forEach((p, i) => console.log("pdf page " + (i + 1) + ": " +
	    p.text.replace(/\s+/g, " ")));
	console.log("problems: " + problems.length + " " + problems.join(" | "));
	await ctx.close();
} finally {
	await browser.close();
}
