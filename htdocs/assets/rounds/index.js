// SPDX-License-Identifier: ISC
// rounds/index.js: the loader of the round types.  It knows no type: the
// list comes from the server (GET /api/round-types, in the order the
// console offers them), and a type's page module, rounds/<type>.js, is
// imported by its name when a page meets the type.  Files whose name
// starts with "_" (_form.js, _scale.js) are helpers the modules share,
// not types; t/integration/catalogues.t tells them apart the same way.
//
// A type's module exports by default an object with:
//   settings()   the nodes of its fields in the console's "add a round"
//                form (built once; ids r-*); read() their values as the
//                members of the new round's JSON
//   fill(r)      (if it has settings) round r's settings into those
//                fields, for an edit of r (console: within(), rekey())
//   answerForm(r, who)  the participant's form: { nodes, body(), check() }, body() the
//                answer's JSON, check() (optional) null or what is still
//                missing, said before anything is sent
//   submitKey    the catalogue key of the answer's button (join.send)
//                (who.named: the participant is named in this session)
//   thanksKey    (ideas) the key of the thanks after each idea
//   yours(r, box, call)  (ideas) the participant's own, to mend or take back
//   asideKey     (session_wide rounds) the key of the phone's button to it
//   boardKey     (with a board) the key of the console's button to it
//   roomView(r, results)  (optional) the projector's live view of an
//                open round (the Q&A's top questions), instead of the count
//   wall(r, post)  (ideas) the phone's wall of everyone's ideas
//   board(r, box, ctx)  (ideas) the console's board of the ideas:
//                clusters, moderation; ctx.ideaTools(li, idea, reload),
//                if given, adds a type's own tools to each idea, and
//                ctx.likesKey names its likes (the Q&A's votes)
//   countKey     the key of what the results count (results.responses)
//   alwaysLive   (optional) live from the start (the Q&A): the console
//                offers no reveal and no projector results setting
//   resultsView(round, results, opts)  the live results' nodes (console,
//                projector, revealed on the phone); opts.cloud: room for
//                a word cloud; opts.cloudHide(entry, hidden): the
//                console's, a button per cloud entry to hide or show it
//   reportView(round, results)  the printed report's nodes
// and the loader adds what the server's list says of the type:
//   type         the API's name of the type
//   options      it takes options (min_options > 0: typed, or a
//                brainstorm's ideas or clusters)
//   ideas        its answers are ideas (takes_ideas): many per
//                participant, sent to .../ideas
//   info         the list's entry itself (min_options, settings, ...)
// Its texts are the catalogues' round.<type>.* keys: at least name (the
// console's list) and label (the results' heading).  A new type is its
// row in fcgi/round.c, its module here and its keys in every catalogue.
import { api } from "../api.js";

const NAME = /^[a-z_]+$/;

let list = null;		// a promise of the server's list
const loaded = new Map();	// type -> the type's object (module + info)
const pending = new Map();	// type -> a promise of it

// The server's list of round types, [{ type, min_options, takes_ideas,
// settings }, ...], fetched once (again after a failure); [] when the
// server cannot be reached.
export function roundTypes() {
	if (!list) {
		list = api("GET", "/round-types").then((r) => {
			if (!r.ok || !r.data || !Array.isArray(r.data.round_types)) {
				list = null;
				return [];
			}
			return r.data.round_types.filter((x) => x && typeof x.type === "string");
		});
	}
	return list;
}

// A name that can be a type's module: lower case and "_", not a helper
// (leading "_") and not this loader.
function moduleName(type) {
	return typeof type === "string" && NAME.test(type) && type[0] !== "_" &&
	    type !== "index";
}

// The type's object, its module loaded; undefined for a type the server
// does not list or whose module is missing.
export async function loadRoundType(type) {
	if (loaded.has(type))
		return loaded.get(type);
	if (!moduleName(type))
		return undefined;
	if (!pending.has(type))
		pending.set(type, (async () => {
			const info = (await roundTypes()).find((x) => x.type === type);
			if (!info)
				return undefined;
			let mod;
			try {
				mod = (await import("./" + type + ".js")).default;
			} catch (e) {
				return undefined;
			}
			const obj = Object.assign({}, mod, { type, info,
			    options: info.min_options > 0, ideas: !!info.takes_ideas });
			loaded.set(type, obj);
			return obj;
		})().finally(() => pending.delete(type)));
	return pending.get(type);
}

// Loads the modules of the types given (e.g. of the rounds a page has
// just fetched), so that roundType() then has them.
export async function loadRoundTypes(types) {
	await Promise.all([...new Set(types)].map(loadRoundType));
}

// Every type of the server's list, loaded, in its order (the console's
// choice of type).
export async function allRoundTypes() {
	const types = (await roundTypes()).map((x) => x.type);
	return (await Promise.all(types.map(loadRoundType))).filter((x) => x);
}

// The type's object if already loaded (loadRoundType, loadRoundTypes);
// undefined otherwise.
export function roundType(type) {
	return loaded.get(type);
}
