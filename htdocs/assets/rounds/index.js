// rounds/index.js: the round types of the pages, one module each, in the
// order the console offers them.  What differs between types is in its
// module, so the pages hold no switch on a round's type:
//   type         the API's name of the type
//   options      it takes options (typed, or a brainstorm's ideas or
//                clusters)
//   ideas        its answers are ideas: many per participant, sent to
//                .../ideas; a wall on the phone, a board in the console
//   settings()   the nodes of its fields in the console's "add a round"
//                form (built once; ids r-*); read() their values as the
//                members of the new round's JSON
//   answerForm(r)  the participant's form: { nodes, body() }, body() the
//                answer's JSON
//   submitKey    the catalogue key of the answer's button (join.send)
//   thanksKey    (ideas) the key of the thanks after each idea
//   wall(r, post)  (ideas) the phone's wall of everyone's ideas
//   countKey     the key of what the results count (results.responses)
//   resultsView(round, results, opts)  the live results' nodes (console,
//                projector, revealed on the phone); opts.cloud: room for
//                a word cloud
//   reportView(round, results)  the printed report's nodes
// Its texts are the catalogues' round.<type>.* keys: at least name (the
// console's list) and label (the results' heading), which
// t/integration/catalogues.t checks for every type here.  A new type is
// one module, one line below, and its keys in every catalogue.
import brainstorm from "./brainstorm.js";
import choice from "./choice.js";
import open from "./open.js";
import points from "./points.js";
import ranking from "./ranking.js";
import rating from "./rating.js";
import statements from "./statements.js";

export const ROUNDS = [
	brainstorm,
	choice,
	points,
	ranking,
	rating,
	statements,
	open,
];

const BY_TYPE = new Map(ROUNDS.map((m) => [m.type, m]));

// The module of a round type; undefined for a type the pages do not know.
export function roundType(type) {
	return BY_TYPE.get(type);
}
