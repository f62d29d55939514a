// SPDX-License-Identifier: ISC
// groups.mjs URL EMAIL PASSWORD SESSION LINK ROUND SHOTS: profile
// questions and results by group in Chromium.  Two phones (360x740 and
// 320x568) join from the link and are asked the session's profile
// question right after the join, one tap each, before any round; they
// tap "Resident" and answer the statements.  The facilitator's console
// (1280) shows the round's results by group side by side, one group
// against everyone, and the cross-group view; its button puts the view
// on the projector, which shows it at 1280x720 and 1920x1080 without
// overflow.  Prints "name: value" lines for join.t; screenshots in SHOTS.
import { axeSerious, launch } from "./lib.mjs";

// groups.mjs --projector LINK SHOTS: only the projector's table of a
// round with more than two options, at 1280x720.
const [url, email, password, sid, link, round, shots] = process.argv[2] === "--projector" ?
    [null, null, null, null, process.argv[3], null, process.argv[4]] : process.argv.slice(2);
const problems = [];
const out = (k, v) => console.log(k + ": " + v);

function watch(page, who) {
	page.on("console", (m) => {
		if (m.type() === "error" && !m.text().startsWith("Failed to load resource"))
			problems.push(who + " console: " + m.text());
	});
	page.on("pageerror", (e) => problems.push(who + " pageerror: " + e.message));
}

// Switches a projector's room language with its "l" key, or a phone's with
// its language button, to code; for the screenshots in each language.
async function toLang(page, code, name) {
	for (let i = 0; i < 3; i++) {
		if (await page.evaluate(() => document.documentElement.lang) === code)
			break;
		if (name)
			await page.getByRole("button", { name, exact: true }).first().click();
		else
			await page.keyboard.press("l");
		await page.waitForTimeout(400);
	}
}

async function shot(page, name, full) {
	if (shots)
		await page.screenshot({ path: shots + "/" + name + ".png", fullPage: !!full });
}

const browser = await launch();
if (!url) {
	try {
		const pctx = await browser.newContext({ ignoreHTTPSErrors: true,
		    locale: "en-GB", viewport: { width: 1280, height: 720 } });
		const pj = await pctx.newPage();
		watch(pj, "projector table");
		await pj.goto(link);
		await pj.waitForSelector(".groups-table tbody tr", { timeout: 8000 });
		const m = await pj.evaluate(() => ({
			head: [...document.querySelectorAll(".groups-table thead th")].map((x) => x.textContent).join("|"),
			rows: [...document.querySelectorAll(".groups-table tbody tr")].map((tr) =>
			    [...tr.children].map((c) => c.textContent).join("|")),
			fits: [...document.querySelectorAll(".groups-box *")].every((e) => {
				const r = e.getBoundingClientRect();
				return !r.width || (r.right <= innerWidth + 1 && r.bottom <= innerHeight + 1);
			}),
		}));
		out("table head", m.head);
		m.rows.forEach((x, i) => out("table row " + (i + 1), x));
		out("table fits", m.fits);
		await shot(pj, "projector-groups-table-1280x720");
	} finally {
		out("problems", problems.length + (problems.length ? " " + problems.join(" ; ") : ""));
		await browser.close();
	}
	process.exit(0);
}
try {
	// --- two phones: the profile question right after the join ---------
	for (const [w, h, a, b] of [[360, 740, 5, 4], [320, 568, 5, 4]]) {
		const ctx = await browser.newContext({ ignoreHTTPSErrors: true,
		    locale: "en-GB", viewport: { width: w, height: h } });
		const page = await ctx.newPage();
		watch(page, "phone " + w);
		await page.goto(link);
		await page.click("#join button[type=submit]");
		await page.waitForSelector("#profile-view:not([hidden])", { timeout: 5000 });
		const seen = await page.evaluate(() => {
			const bs = [...document.querySelectorAll("#pq-answers button")];
			return {
				q: document.getElementById("pq-h").textContent,
				answers: bs.map((x) => x.textContent).join("|"),
				small: bs.filter((x) => x.getBoundingClientRect().height < 44).length,
				out: bs.filter((x) => { const r = x.getBoundingClientRect();
				    return r.right > innerWidth || r.bottom > innerHeight; }).length,
				wide: document.documentElement.scrollWidth <= innerWidth,
				rounds: document.getElementById("in-view").hidden,
			};
		});
		out("phone " + w + "x" + h + " asked", seen.q + " [" + seen.answers + "]");
		out("phone " + w + "x" + h + " targets", "small " + seen.small + " out " +
		    seen.out + " wide " + seen.wide + " rounds hidden " + seen.rounds);
		const bad = await axeSerious(page);
		out("axe phone " + w, bad.length + (bad.length ? " " + JSON.stringify(bad) : ""));
		await shot(page, "profile-" + w + "x" + h);
		if (shots) {
			await toLang(page, "nl", "Nederlands");
			await shot(page, "profile-nl-" + w + "x" + h);
			await toLang(page, "en", "English");
		}
		await page.click("#pq-answers button:has-text('Resident')");
		await page.waitForSelector("#in-view:not([hidden])", { timeout: 5000 });
		const mine = await page.evaluate(async () => {
			const r = await (await fetch("/api/participant/profile")).json();
			const q = r.questions[0];
			return q.answers.find((x) => x.id === q.answer)?.text || "none";
		});
		out("phone " + w + " kept", mine);
		// The statements (the opened round): 5 and 4.
		const st = await page.evaluate(async ([rid, a, b]) => {
			const rs = await (await fetch("/api/participant/state")).json();
			const r = rs.rounds.find((x) => x.id === rid);
			const res = await fetch("/api/participant/rounds/" + rid + "/answer", {
				method: "POST", headers: { "Content-Type": "application/json" },
				body: JSON.stringify({ answers: [
				    { option: r.options[0].id, value: a },
				    { option: r.options[1].id, value: b }] }) });
			return res.status;
		}, [Number(round), a, b]);
		out("phone " + w + " answer", st);
		await ctx.close();
	}

	// --- the console: results by group ------------------------------------
	const fctx = await browser.newContext({ ignoreHTTPSErrors: true, locale: "en-GB",
	    viewport: { width: 1280, height: 860 } });
	const fac = await fctx.newPage();
	watch(fac, "facilitator");
	await fac.goto(url + "/");
	out("login", await fac.evaluate(async ([e, p]) => (await fetch("/api/login", { method: "POST",
	    headers: { "Content-Type": "application/json" },
	    body: JSON.stringify({ email: e, password: p }) })).status, [email, password]));
	await fac.goto(url + "/console.html?session=" + sid);
	await fac.waitForSelector("#round-" + round);
	// The settings: the profile question, locked now that people joined.
	await fac.click("#tab-settings");
	await fac.waitForSelector("#pf-q0");
	out("console profile", await fac.evaluate(() => document.getElementById("pf-q0").value +
	    " [" + document.getElementById("pf-a0").value.split("\n").join("|") + "] disabled " +
	    document.getElementById("pf-q0").disabled + " :: " + document.getElementById("pf-note").textContent));
	await fac.$eval("#profile", (e) => e.scrollIntoView());
	await shot(fac, "console-profile-1280");
	await fac.click("#tab-agenda").catch(() => {});
	await fac.click("#round-" + round + " button[aria-expanded]:has-text('Results')");
	await fac.waitForSelector("#round-" + round + " .groups-box .groups-item", { timeout: 8000 });
	const read = () => fac.evaluate((rid) => {
		const box = document.querySelector("#round-" + rid + " .groups-box");
		return {
			counts: box.querySelector(".groups-counts")?.textContent || "",
			merged: box.querySelector(".groups-merged")?.textContent || "",
			items: [...box.querySelectorAll(".groups-item")].map((i) =>
			    i.querySelector("h4").textContent + " = " +
			    [...i.querySelectorAll("li")].map((l) => l.querySelector(".bar-label").textContent +
			    " " + l.querySelector(".bar-value").textContent + " " +
			    l.querySelector(".bar").className.replace("bar ", "")).join(", ") +
			    " => " + i.querySelector(".groups-verdict").textContent),
			cross: [...document.querySelectorAll("#round-" + rid + " .groups-cross li")]
			    .map((l) => l.textContent),
		};
	}, round);
	let r = await read();
	out("console counts", r.counts);
	out("console merged", r.merged);
	r.items.forEach((x, i) => out("console side " + (i + 1), x));
	r.cross.forEach((x, i) => out("console cross " + (i + 1), x));
	await fac.$eval("#round-" + round + " .groups-panel", (e) => e.scrollIntoView());
	await shot(fac, "console-groups-side-1280");
	await fac.$eval("#round-" + round + " .groups-cross", (e) => e.scrollIntoView());
	await shot(fac, "console-groups-cross-1280");
	const bad = await axeSerious(fac);
	out("axe console", bad.length + (bad.length ? " " + JSON.stringify(bad) : ""));

	await fac.selectOption("#gm-" + round, "highlight");
	await fac.waitForSelector("#gh-" + round);
	const bkey = await fac.$eval("#gh-" + round, (s) =>
	    [...s.options].find((o) => o.textContent === "Business").value);
	await fac.selectOption("#gh-" + round, bkey);
	await fac.waitForFunction((rid) => document.querySelector("#round-" + rid +
	    " .groups-box .bar-label")?.textContent === "Business", round);
	r = await read();
	r.items.forEach((x, i) => out("console highlight " + (i + 1), x));
	await fac.$eval("#round-" + round + " .groups-panel", (e) => e.scrollIntoView());
	await shot(fac, "console-groups-highlight-1280");

	// Side by side on the projector, by the panel's button.
	await fac.selectOption("#gm-" + round, "side");
	await fac.waitForFunction((rid) => !document.querySelector("#gh-" + rid), round);
	await fac.click("#round-" + round + " .groups-controls button:has-text('Show by group')");
	await fac.waitForSelector("#round-" + round + " .groups-controls button:has-text('On the projector')");
	out("projector set", "yes");

	// --- the projector -------------------------------------------------------
	const plink = process.env.PF_PROJECTOR_LINK;
	for (const [w, h] of [[1280, 720], [1920, 1080]]) {
		const pctx = await browser.newContext({ ignoreHTTPSErrors: true,
		    locale: "en-GB", viewport: { width: w, height: h } });
		const pj = await pctx.newPage();
		watch(pj, "projector " + w);
		await pj.goto(plink);
		await pj.waitForSelector(".groups-box .groups-item", { timeout: 8000 });
		const m = await pj.evaluate(() => {
			let clipped = 0;
			for (const e of document.querySelectorAll(".groups-box *")) {
				const r = e.getBoundingClientRect();
				if (r.width && (r.right > innerWidth + 1 || r.bottom > innerHeight + 1))
					clipped++;
			}
			return { wide: document.documentElement.scrollWidth <= innerWidth, clipped,
			    groups: document.querySelector(".groups-counts").textContent,
			    verdicts: [...document.querySelectorAll(".groups-verdict")].map((v) => v.textContent).join(" | ") };
		});
		out("projector " + w + "x" + h, (m.wide && m.clipped === 0 ? "fits" : "BAD") + " " +
		    m.groups + " :: " + m.verdicts);
		await shot(pj, "projector-groups-" + w + "x" + h);
		if (shots) {
			await toLang(pj, "nl");
			await shot(pj, "projector-groups-nl-" + w + "x" + h);
		}
		await pctx.close();
	}
	// One group against everyone on the projector: the businesses.
	await fac.selectOption("#gm-" + round, "highlight");
	await fac.waitForSelector("#gh-" + round);
	await fac.selectOption("#gh-" + round, bkey);
	await fac.waitForFunction((rid) => document.querySelector("#round-" + rid +
	    " .groups-box .bar-label")?.textContent === "Business", round);
	await fac.click("#round-" + round + " .groups-controls button:has-text('Show by group')");
	await fac.waitForSelector("#round-" + round + " .groups-controls button[aria-pressed=true]");
	{
		const pctx = await browser.newContext({ ignoreHTTPSErrors: true,
		    locale: "en-GB", viewport: { width: 1280, height: 720 } });
		const pj = await pctx.newPage();
		watch(pj, "projector highlight");
		await pj.goto(plink);
		await pj.waitForSelector('.groups-box[data-mode="highlight"] .groups-item', { timeout: 8000 });
		out("projector highlight", await pj.evaluate(() =>
		    [...document.querySelectorAll(".groups-item")[0].querySelectorAll("li")]
		    .map((l) => l.querySelector(".bar-label").textContent + " " +
		    l.querySelector(".bar-value").textContent).join(", ")));
		await shot(pj, "projector-groups-highlight-1280x720");
		await pctx.close();
	}
	// Presenter mode says so, and turns it off: everyone together.
	out("presenter groups", await fac.$eval("#p-groups", (s) => s.options[s.selectedIndex].textContent));
	await fac.selectOption("#p-groups", "");
	await fac.waitForFunction(() => document.getElementById("p-groups").options[0].selected &&
	    !document.getElementById("p-groups").options[1].textContent.includes("·"));
	await fac.$eval("#presenter", (e) => e.scrollIntoView());
	await shot(fac, "console-presenter-groups-1280");
	out("done", "yes");
} finally {
	out("problems", problems.length + (problems.length ? " " + problems.join(" ; ") : ""));
	await browser.close();
}
