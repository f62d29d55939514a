// SPDX-License-Identifier: ISC
// catalogues.mjs SRC CHECK: one check of the pages' text catalogues, for
// t/integration/catalogues.t.  Prints each problem on a line of its own
// and exits 1 when there is one.  CHECK is one of:
//   list       i18n.js's LANGUAGES and the files in assets/i18n/ agree
//   keys       every catalogue has every key some catalogue has
//   values     every text is a non-empty string with the same {placeholders}
//              as the English one
//   used       every key a page uses (data-i18n in the HTML; in the
//              scripts t("...") and every literal shaped like a key of a
//              catalogue namespace, "prefix." + ... as a prefix) is in the
//              catalogues
//   rounds     every round type (a module in assets/rounds/: a file
//              <type>.js, not index.js, the loader, and not a helper,
//              whose name starts with "_") has its name and label
//   errors     every error code the C code answers with (the literals of
//              resp_error() and why_set() calls, and the default codes
//              of the outcomes[] table in fcgi/response.c) has an
//              error.<code> entry, unless it is one no person meets
//              (MACHINE below)
//   templates  every language has built-in templates in sql/
//   register   the informal register, as people in a workshop are
//              spoken to: no Dutch text (nl.js, and text_nl of
//              fcgi/text.c: the mails) says u, uw or uzelf, and no
//              German one (de.js, text_de) says Sie, Ihnen or Ihr...
//              in the middle of a sentence (at its start "Sie" may be
//              "they")
// The pages' modules are imported from a copy of htdocs/assets marked as
// ES modules (node reads a bare .js as CommonJS).
import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync }
    from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";

const [src, check] = process.argv.slice(2);
const htdocs = join(src, "htdocs");
const problems = [];

// Error codes that only programs meet (webhooks, a malformed request no
// page sends): the server's English message is enough for them.
const MACHINE = new Set(["bad_signature", "unknown_customer", "unknown_product",
    "invalid_event", "not_configured", "bad_length", "short_body",
    "unsupported_media_type", "method_not_allowed", "bad_path", "bad_query",
    "bad_cookie", "invalid_format"]);

function files(dir, ext) {
	const out = [];
	for (const e of readdirSync(dir, { withFileTypes: true })) {
		const p = join(dir, e.name);
		if (e.isDirectory())
			out.push(...files(p, ext));
		else if (e.name.endsWith(ext))
			out.push(p);
	}
	return out;
}

const tmp = mkdtempSync(join(tmpdir(), "pf-cat-"));
try {
	cpSync(join(htdocs, "assets"), join(tmp, "assets"), { recursive: true });
	writeFileSync(join(tmp, "package.json"), '{"type":"module"}\n');
	const imp = (p) => import(pathToFileURL(join(tmp, "assets", p)).href);
	const { LANGUAGES } = await imp("i18n.js");
	const onDisk = readdirSync(join(htdocs, "assets", "i18n"))
	    .filter((f) => f.endsWith(".js")).map((f) => f.slice(0, -3)).sort();
	const cats = {};
	for (const c of onDisk)
		cats[c] = (await imp("i18n/" + c + ".js")).default;
	const all = new Set(Object.values(cats).flatMap((c) => Object.keys(c)));
	const NAMESPACES = new Set([...all].map((k) => k.split(".")[0]));

	if (check === "list") {
		const listed = LANGUAGES.map((l) => l.code);
		for (const c of listed)
			if (!onDisk.includes(c))
				problems.push("listed in i18n.js, no assets/i18n/" + c + ".js");
		for (const c of onDisk)
			if (!listed.includes(c))
				problems.push("assets/i18n/" + c + ".js is not in i18n.js's LANGUAGES");
		if (new Set(listed).size !== listed.length)
			problems.push("a language is listed twice");
		for (const l of LANGUAGES)
			if (!/^[a-z]{2}$/.test(l.code) || !l.name)
				problems.push("list entry " + JSON.stringify(l) + ": a two-letter code and a name");
	} else if (check === "keys") {
		for (const [c, cat] of Object.entries(cats))
			for (const k of all)
				if (!(k in cat))
					problems.push(c + ".js lacks " + k);
	} else if (check === "values") {
		const ph = (s) => [...String(s).matchAll(/\{([a-z_]+)\}/g)].map((m) => m[1]).sort().join(",");
		for (const [c, cat] of Object.entries(cats))
			for (const [k, v] of Object.entries(cat)) {
				if (typeof v !== "string" || v === "")
					problems.push(c + ".js " + k + ": not a non-empty text");
				else if (cats.en && k in cats.en && ph(v) !== ph(cats.en[k]))
					problems.push(c + ".js " + k + ": placeholders {" + ph(v) +
					    "}, English has {" + ph(cats.en[k]) + "}");
			}
	} else if (check === "used") {
		for (const f of files(htdocs, ".html"))
			for (const m of readFileSync(f, "utf8").matchAll(/data-i18n="([^"]*)"/g))
				if (!all.has(m[1]))
					problems.push(f.slice(src.length + 1) + ": data-i18n=\"" + m[1] + "\" is in no catalogue");
		for (const f of files(join(htdocs, "assets"), ".js")) {
			if (f.includes("/i18n/"))
				continue;
			const text = readFileSync(f, "utf8");
			const name = f.slice(src.length + 1);
			// t("key") and any other literal shaped like a key of a
			// known namespace (keys handed to helpers, submitKey: ...);
			// one ending in "." is a prefix (t("console.state." + s)).
			for (const m of text.matchAll(/"((?:[a-z]+)\.[A-Za-z0-9_.]*)"/g)) {
				const k = m[1];
				if (!NAMESPACES.has(k.split(".")[0]))
					continue;
				if (k.endsWith(".")) {
					if (![...all].some((x) => x.startsWith(k)))
						problems.push(name + ": no key starts with \"" + k + "\"");
				} else if (!all.has(k))
					problems.push(name + ": \"" + k + "\" is in no catalogue");
			}
			for (const m of text.matchAll(/\bt\(\s*"([^"]*)"/g))
				if (!NAMESPACES.has(m[1].split(".")[0]))
					problems.push(name + ": t(\"" + m[1] + "\") is in no namespace of the catalogues");
		}
	} else if (check === "rounds") {
		// The types are the modules present: the loader (index.js)
		// imports rounds/<type>.js by the name the server lists.
		const types = readdirSync(join(htdocs, "assets", "rounds"))
		    .filter((f) => /^[a-z_]+\.js$/.test(f) && !f.startsWith("_") &&
		    f !== "index.js").map((f) => f.slice(0, -3)).sort();
		if (types.length === 0)
			problems.push("no round type modules in htdocs/assets/rounds/");
		for (const f of readdirSync(join(htdocs, "assets", "rounds")))
			if (f.endsWith(".js") && !/^[a-z_]+\.js$/.test(f))
				problems.push("rounds/" + f + ": a module's name is lower case and \"_\" (the loader imports no other)");
		for (const type of types) {
			for (const k of ["name", "label"])
				if (!all.has("round." + type + "." + k))
					problems.push("round type " + type + ": no round." + type + "." + k);
			const mod = (await imp("rounds/" + type + ".js")).default;
			for (const m of ["settings", "read", "answerForm", "resultsView", "reportView"])
				if (!mod || typeof mod[m] !== "function")
					problems.push("rounds/" + type + ".js: its default export has no " + m + "()");
		}
	} else if (check === "errors") {
		const codes = new Set();
		// In each call, the codes are the literals of one bare word
		// before the first that is not (the message's format).
		// resp_error(r, status, "code", ...) in handlers and
		// why_set(why, "code", ...) in domain modules; not their
		// definitions or declarations ("struct ...", "const char ...").
		let calls = 0, table = 0;
		for (const f of files(join(src, "fcgi"), ".c")) {
			const text = readFileSync(f, "utf8");
			for (const call of text.matchAll(/\b(?:resp_error|why_set)\((?!\s*(?:struct|const|enum)\b)([^;]*)/g)) {
				calls++;
				for (const lit of call[1].matchAll(/"([^"]*)"/g)) {
					if (!/^[a-z_]+$/.test(lit[1]))
						break;
					codes.add(lit[1]);
				}
			}
			// Other helpers that fill a why (round.c's refuse(why,
			// "code", ...)): the literal after the why.
			for (const m of text.matchAll(/\b(?!why_set\b)\w+\(\s*&?why\s*,\s*"([a-z_]+)"/g))
				codes.add(m[1]);
			// The outcomes' default codes: [OUT_X] = { status, "code", ...
			const t = /\boutcomes\s*\[[^\]]*\]\s*=\s*\{([\s\S]*?)\n\};/.exec(text);
			if (t)
				for (const m of t[1].matchAll(/\[\s*OUT_\w+\s*\]\s*=\s*\{\s*\d+\s*,\s*"([a-z_]+)"/g)) {
					table++;
					codes.add(m[1]);
				}
		}
		if (codes.size < 10 || calls < 50)
			problems.push("found only " + codes.size + " error codes in " + calls +
			    " calls in fcgi/*.c: have resp_error() and why_set() changed?");
		if (table < 5)
			problems.push("found " + table + " default codes in an outcomes[] table in fcgi/*.c: has it changed?");
		for (const c of [...codes].sort())
			if (!MACHINE.has(c) && !all.has("error." + c))
				problems.push("error code " + c + " (fcgi/*.c) has no error." + c);
	} else if (check === "templates") {
		const sql = files(join(src, "sql"), ".sql").map((f) => readFileSync(f, "utf8"))
		    .filter((s) => /INSERT INTO template\b/.test(s)).join("\n");
		for (const l of LANGUAGES)
			if (!new RegExp("'" + l.code + "'").test(sql))
				problems.push("no built-in template in '" + l.code + "' in sql/");
	} else if (check === "register") {
		// A C catalogue's strings: the literals between its
		// "text_<code>[TEXT__MAX] = {" and the next "};".
		const ctext = readFileSync(join(src, "fcgi", "text.c"), "utf8");
		const cat = (code) => {
			const m = new RegExp("text_" + code + "\\[TEXT__MAX\\]\\s*=\\s*\\{([\\s\\S]*?)\\n\\};").exec(ctext);
			if (!m)
				problems.push("fcgi/text.c: no text_" + code + "[TEXT__MAX] table");
			return m ? [...m[1].matchAll(/"((?:[^"\\]|\\.)*)"/g)].map((x) => x[1]).join("") : "";
		};
		const texts = (code) => [...Object.entries(cats[code] || {}),
		    ["fcgi/text.c text_" + code, cat(code)]];
		// Words: letters of any script, so "één" or "für" is one word.
		const formalNl = /(?:^|[^\p{L}\p{N}])(u|uw|uzelf)(?![\p{L}\p{N}])/iu;
		const formalDe = /[^.!?:\s]\s+(Sie|Ihnen|Ihr|Ihre|Ihren|Ihrem|Ihrer|Ihres)(?![\p{L}\p{N}])/u;
		for (const [k, v] of texts("nl")) {
			const m = formalNl.exec(v);
			if (m)
				problems.push("nl " + k + ": \"" + m[1] + "\" is formal; say je, jij or jouw: " + v);
		}
		for (const [k, v] of texts("de")) {
			const m = formalDe.exec(v);
			if (m)
				problems.push("de " + k + ": \"" + m[1] + "\" is formal; say du, dich, dir or dein: " + v);
		}
	} else
		problems.push("unknown check " + check);
} finally {
	rmSync(tmp, { recursive: true, force: true });
}
for (const p of problems)
	console.log(p);
process.exit(problems.length ? 1 : 0);
