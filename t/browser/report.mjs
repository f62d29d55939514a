// SPDX-License-Identifier: ISC
// report.mjs URL EMAIL PASSWORD SESSION PDF: logs in as the facilitator
// (from a page of the site, as the console would), opens the session's
// report, prints it to PDF, and reports what it shows.
import { launch, newPage } from "./lib.mjs";

const [url, email, password, session, pdf] = process.argv.slice(2);
const browser = await launch();
try {
	const { page, problems } = await newPage(browser, "nl-NL");
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
	console.log("sections: " + (await page.locator("section.round").count()));
	console.log("bars: " + (await page.locator(".bar").count()));
	console.log("text: " + (await page.textContent("#report")).replace(/\s+/g, " "));
	await page.emulateMedia({ media: "print" });
	await page.pdf({ path: pdf, format: "A4" });
	console.log("problems: " + problems.length + " " + problems.join(" | "));
} finally {
	await browser.close();
}
