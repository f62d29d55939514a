// SPDX-License-Identifier: ISC
// presenter.mjs URL EMAIL PASSWORD SESSION CODE SHOTS: the presenter flow
// in Chromium.  The facilitator logs in and steers from the console's
// presenter mode by keyboard; the projector link opens with no cookie at
// 1280x720 and 1920x1080; phones at 360x740 and 320x568 follow, both
// named Piet (the console's "Who is in" tells them apart).  After
// each step: the phone's first control is in its viewport without
// scrolling; the projector neither overflows nor clips, and its type
// meets the sizes (question >= 6vh, labels >= 3vh).  A vote's way to the
// projector is timed; the timer is read on two phones whose clocks are
// minutes apart; a phone reloads and keeps its participant and answer;
// the link is refused after a renewal; after the stop the end screen
// (the catalogue's words).  The join screen shows the QR code.  axe-core on
// every new screen; screenshots in English, Dutch and German.  Prints
// "name: value" lines for presenter.t.
import { axeSerious, launch } from "./lib.mjs";

const [url, email, password, sid, code, shots] = process.argv.slice(2);
const problems = [];
const out = (k, v) => console.log(k + ": " + v);

function watch(page, who) {
	page.on("console", (m) => {
		if (m.type() === "error" && !m.text().startsWith("Failed to load resource"))
			problems.push(who + " console: " + m.text());
	});
	page.on("pageerror", (e) => problems.push(who + " pageerror: " + e.message));
	page.on("dialog", (d) => onDialog ? onDialog(d) : d.accept());
}
let onDialog = null;	// answers the next dialog instead, when set

async function axe(page, name) {
	const bad = await axeSerious(page);
	out("axe " + name, bad.length + (bad.length ? " " + JSON.stringify(bad) : ""));
}

async function shot(page, name) {
	if (shots)
		await page.screenshot({ path: shots + "/" + name + ".png" });
}

// The projector's screen: overflow, clipping, and the smallest sizes
// (in vh) of the question, of labels and options.
async function measure(page, name) {
	const m = await page.evaluate(() => {
		const vh = innerHeight / 100;
		const vis = (e) => e.offsetParent !== null || getComputedStyle(e).position === "fixed";
		const step = document.querySelector("#room > .step:not([hidden])");
		let clipped = 0;
		for (const e of step ? step.querySelectorAll("*") : []) {
			if (!vis(e) || e.classList.contains("sr-only"))
				continue;
			const r = e.getBoundingClientRect();
			if (r.width && (r.right > innerWidth + 1 || r.left < -1 || r.bottom > innerHeight + 1))
				clipped++;
		}
		const px = (sel) => Math.min(...[...document.querySelectorAll(sel)].filter(vis)
		    .filter((e) => e.textContent.trim()).map((e) => parseFloat(getComputedStyle(e).fontSize)));
		return {
			wide: document.documentElement.scrollWidth <= innerWidth,
			clipped,
			h1: px("#room > .step:not([hidden]) h1") / vh,
			small: px("#room > .step:not([hidden]) :is(li, .bar-label, .bar-value, .meta, .meta-big, .card, .legend span, .link)") / vh,
			step: document.body.dataset.step || "",
		};
	});
	const fine = m.wide && m.clipped === 0 && m.h1 >= 6 &&
	    (m.small === Infinity || m.small >= 3);
	out("projector " + name, (fine ? "fits" : "BAD") + " " + JSON.stringify(m));
}

// The step's first control on a phone, inside the viewport, unscrolled.
async function firstControl(page, name) {
	// The phone's next poll (every two seconds) brings the step.
	await page.waitForSelector(".round-card:not([hidden]) :is(input, button, textarea, select)",
	    { timeout: 4000 }).catch(() => {});
	const r = await page.evaluate(() => {
		const c = document.querySelector(".round-card:not([hidden]) :is(input, button, textarea, select)");
		if (!c)
			return "none";
		const b = c.getBoundingClientRect();
		return scrollY === 0 && b.top >= 0 && b.bottom <= innerHeight ? "in view" :
		    "OUT " + Math.round(b.top) + "/" + innerHeight + " scrollY " + scrollY;
	});
	out("phone first control " + name, r);
}

const browser = await launch();
try {
	// --- the facilitator, in the console's presenter mode --------------
	const fctx = await browser.newContext({ ignoreHTTPSErrors: true, locale: "en-GB",
	    viewport: { width: 1280, height: 860 } });
	const fac = await fctx.newPage();
	watch(fac, "facilitator");
	await fac.goto(url + "/");
	const st = await fac.evaluate(async ([e, p]) => (await fetch("/api/login", { method: "POST",
	    headers: { "Content-Type": "application/json" },
	    body: JSON.stringify({ email: e, password: p }) })).status, [email, password]);
	out("login", st);
	await fac.goto(url + "/console.html?session=" + sid);
	await fac.waitForSelector("#presenter:not([hidden])");
	await fac.waitForFunction(() => document.getElementById("p-now").textContent.length > 1);
	out("presenter now", await fac.textContent("#p-now"));
	await fac.click("#p-link-make");
	await fac.waitForFunction(() => /#./.test(document.getElementById("p-link").value));
	let link = await fac.inputValue("#p-link");
	out("projector link", link.replace(/#.*/, "#…"));
	await axe(fac, "console-presenter-en");
	await shot(fac, "console-presenter-en");

	// --- the projector, by the link, no cookie ----------------------------
	const pctx = await browser.newContext({ ignoreHTTPSErrors: true, locale: "en-GB",
	    viewport: { width: 1280, height: 720 } });
	const proj = await pctx.newPage();
	watch(proj, "projector");
	await proj.goto(link);
	await proj.waitForSelector("body[data-step=join]");
	out("projector cookies", (await pctx.cookies()).length);
	out("projector join code", await proj.textContent("#rj-code"));
	out("projector hidden shown", await proj.evaluate(() =>
	    /console|password|csrf/i.test(document.body.innerText) ? "yes" : "no"));
	await proj.waitForSelector("#rj-qr:not([hidden]) svg path", { timeout: 5000 }).catch(() => {});
	out("projector qr", await proj.evaluate(() => {
		const q = document.querySelector("#rj-qr:not([hidden]) svg");
		return q ? "svg " + Math.round(q.getBoundingClientRect().height / innerHeight * 100) + "vh" : "none";
	}));
	await measure(proj, "join-1280x720");
	await axe(proj, "projector-join");
	await shot(proj, "projector-join-en-1280x720");

	// --- phones --------------------------------------------------------------
	const phones = [];
	for (const [w, h, loc, skew] of [[360, 740, "en-GB", 0], [320, 568, "nl-NL", 7 * 60000]]) {
		const ctx = await browser.newContext({ ignoreHTTPSErrors: true, locale: loc,
		    viewport: { width: w, height: h }, isMobile: true, hasTouch: true });
		// This phone's clock is minutes off: the timer must not care.
		if (skew)
			await ctx.addInitScript((ms) => {
				const D = Date;
				const off = ms;
				// eslint-disable-next-line no-global-assign
				Date = class extends D {
					constructor(...a) { super(...(a.length ? a : [D.now() + off])); }
					static now() { return D.now() + off; }
				};
			}, skew);
		const p = await ctx.newPage();
		watch(p, "phone" + w);
		await p.goto(url + "/j/" + code.replace("-", ""));
		await p.click("#join button[type=submit]");
		// Both are Piet: one name twice, as after a rejoin.
		await p.waitForSelector("#f-name:not([hidden])");
		await p.fill("#name", "Piet");
		await p.click("#join button[type=submit]");
		await p.waitForSelector("#in-view:not([hidden])");
		phones.push({ p, name: w + "x" + h });
	}

	// The console's "Who is in" tells the two Piets apart (a number, the
	// joining time); removing one asks first, naming which (cancelled:
	// no DELETE goes out).
	await fac.waitForFunction(() => document.getElementById("count").textContent === "2");
	await fac.click("#running details summary");
	await fac.waitForFunction(() => document.querySelectorAll("#people li").length === 2);
	out("people", (await fac.$$eval("#people li span", (l) => l.map((x) => x.textContent))).join(" | "));
	let asked = "", removals = 0;
	const count = (r) => { if (r.method() === "DELETE" && /\/participants\//.test(r.url())) removals++; };
	fac.on("request", count);
	onDialog = (d) => { asked = d.message(); onDialog = null; return d.dismiss(); };
	await fac.locator("#people li").nth(1).getByRole("button", { name: /^Remove Piet #2/ }).click();
	await fac.waitForTimeout(200);
	fac.off("request", count);
	out("remove asks", asked);
	out("removals after cancel", removals);
	await shot(fac, "console-people-piet-en");
	await fac.click("#running details summary");
	out("phone clocks differ ms", await phones[1].p.evaluate(() => Date.now()) -
	    await phones[0].p.evaluate(() => Date.now()));

	// --- stepping through the agenda by keyboard ----------------------------
	// Each press waits for #p-now to leave the text before it: the
	// first press's baseline is the join screen's text (an empty one
	// would let the wait pass before the step's answer came, and every
	// later step would be read one behind).  The key goes to the page,
	// not to a control that kept the focus (the timer's field).
	const sizes = [[1280, 720], [1920, 1080]];
	const seen = [];
	let prev = await fac.textContent("#p-now");
	for (let i = 0; i < 6; i++) {
		await fac.evaluate(() => document.activeElement && document.activeElement.blur());
		await fac.keyboard.press("ArrowRight");
		await fac.waitForFunction((x) => document.getElementById("p-now").textContent !== x,
		    prev);
		const now = await fac.textContent("#p-now");
		seen.push(now);
		prev = now;
		await proj.waitForTimeout(1300);
		// Measured up to a 4K screen too (photographed at two sizes only).
		for (const [w, h] of [...sizes, [3840, 2160]]) {
			await proj.setViewportSize({ width: w, height: h });
			await proj.waitForTimeout(100);
			await measure(proj, "step" + (i + 1) + "-" + w + "x" + h);
		}
		for (const ph of phones)
			await firstControl(ph.p, "step" + (i + 1) + "-" + ph.name);
		if (i === 3) {
			// Round 2's question while round 1's timer runs: not on the
			// projector (it shows round 2); a phone shows it only over
			// round 1 (still open there, round 2 not yet).
			const seen = [await proj.locator("#rr-timer:not([hidden])").count()];
			for (const ph of phones) {
				const on = await ph.p.locator("#part-timer:not([hidden])").count();
				const h = await ph.p.locator(".round-card:not([hidden]) h2").allTextContents();
				seen.push(on === 0 || (h.length === 1 && h[0].startsWith("Which")) ? 0 : 1);
			}
			out("timer on another round", seen.join(" "));
			out("timer still runs on the console", await fac.textContent("#p-timer"));
		}
		if (i === 1) {
			// Answering: the timer, and a vote timed to the projector.
			await fac.fill("#p-seconds", "120");
			await fac.click("#p-start");
			await proj.waitForSelector("#rr-timer:not([hidden])");
			for (const ph of phones)
				await ph.p.waitForSelector("#part-timer:not([hidden])");
			const tms = [];
			for (const ph of phones)
				tms.push(await ph.p.textContent("#part-timer"));
			tms.push(await proj.textContent("#rr-timer"));
			out("timers", tms.join(" | "));
			const secs = tms.map((x) => { const m = /(\d+):(\d\d)/.exec(x); return m ? +m[1] * 60 + +m[2] : -1; });
			out("timer spread s", Math.max(...secs) - Math.min(...secs));
			const before = await proj.textContent("#rr-count");
			const ph = phones[0].p;
			await ph.locator(".round-card:not([hidden]) label.choice-opt").first().click();
			const t0 = Date.now();
			await ph.click(".round-card:not([hidden]) button[type=submit]");
			await proj.waitForFunction((b) => document.getElementById("rr-count").textContent !== b,
			    before, { timeout: 10000 });
			out("vote to projector ms", Date.now() - t0);
			// The phone reloads: same participant, the answer kept.
			await ph.reload();
			await ph.waitForSelector("#in-view:not([hidden])");
			out("reload join form", await ph.locator("#join-view:not([hidden])").count());
			out("reload answer kept", await ph.locator(".round-card:not([hidden]) input:checked").count());
			for (const l of ["en", "nl", "de"]) {
				for (const x of phones) {
					const b = x.p.locator("button.lang[data-lang=" + l + "]");
					if (await b.count())
						await b.first().click();
					await x.p.waitForTimeout(150);
					await axe(x.p, "phone-answer-" + l + "-" + x.name);
					await shot(x.p, "phone-answer-" + l + "-" + x.name);
				}
			}
		}
		for (const l of ["en", "nl", "de"]) {
			for (let k = 0; k < 3 && await proj.evaluate(() => document.documentElement.lang) !== l; k++) {
				await proj.keyboard.press("l");
				await proj.waitForTimeout(150);
			}
			for (const [w, h] of sizes) {
				await proj.setViewportSize({ width: w, height: h });
				await proj.waitForTimeout(100);
				if (w === 1920)
					await axe(proj, "projector-step" + (i + 1) + "-" + l);
				await shot(proj, "projector-step" + (i + 1) + "-" + l + "-" + w + "x" + h);
			}
		}
	}
	out("steps", seen.join(" > "));
	await fac.evaluate(() => document.activeElement && document.activeElement.blur());
	await fac.locator("body").press("ArrowLeft");
	await fac.waitForFunction((x) => document.getElementById("p-now").textContent === x, seen[4]);
	out("back", await fac.textContent("#p-now"));
	await fac.locator("body").press("b");
	await proj.waitForSelector("body[data-step=blank]", { timeout: 5000 });
	out("blank", "yes");
	await fac.locator("body").press("b");
	await proj.waitForSelector("body[data-step=round]", { timeout: 5000 });

	// --- renewal, then the stop ---------------------------------------------
	await fac.click("#p-link-make");
	await fac.waitForFunction((x) => document.getElementById("p-link").value !== x, link);
	await proj.waitForSelector("body[data-step=refused]", { timeout: 10000 });
	out("old link after renewal", "refused");
	await shot(proj, "projector-refused-en-1920x1080");
	link = await fac.inputValue("#p-link");
	await proj.goto(link);
	await proj.waitForSelector("body[data-step=round]");
	await fac.click("#stop");
	await fac.waitForSelector("#s-state.stopped");
	await proj.waitForSelector("body[data-step=ended], body[data-step=refused]", { timeout: 10000 });
	out("after the stop", await proj.evaluate(() => document.body.dataset.step));
	// The end screen's words are the catalogue's, in the page's language;
	// nothing of the session stays in the page.
	const end = await proj.evaluate(async () => {
		const l = document.documentElement.lang;
		const c = (await import("/v/1/assets/i18n/" + l + ".js")).default;
		const sec = document.getElementById("r-ended");
		return {
			lang: l,
			text: sec.innerText.replace(/\s+/g, " ").trim(),
			want: c["projector.endedTitle"] + " " + c["projector.endedThanks"],
			left: document.getElementById("room").textContent.includes("How useful"),
		};
	});
	out("end text", (end.text === end.want ? "catalogue" : "WRONG") + " " +
	    end.lang + " " + JSON.stringify(end.text));
	out("end round left in page", end.left ? "yes" : "no");
	await measure(proj, "end-1920x1080");
	await axe(proj, "projector-end");
	await shot(proj, "projector-end-en-1920x1080");
	out("problems", problems.length + " " + problems.join(" | "));
} finally {
	await browser.close();
}
