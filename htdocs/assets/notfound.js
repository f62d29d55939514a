// SPDX-License-Identifier: ISC
// notfound.js: the page nginx answers with for a path that is not there
// (404.html, at any address, so every URL here is absolute): its texts
// in the person's language, and the switch.
import { t } from "./i18n.js";
import { languages } from "./ui.js";

function title() {
	document.title = "Primoforum: " + t("notFound.title");
}

await languages(title);
title();
