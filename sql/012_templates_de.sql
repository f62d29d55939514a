-- SPDX-License-Identifier: ISC
-- 012_templates_de.sql: the built-in templates in German, informal (du),
-- as workshop tools speak; and the Dutch ones in the informal je, as the
-- Dutch pages speak since this version.  Re-running adds none twice (the
-- names are unique among built-ins) and changes nothing twice (a Dutch
-- agenda is replaced only while it is still the old text).
INSERT INTO template (account_id, name, language, agenda)
SELECT NULL, x.name, x.language, x.agenda FROM (
	SELECT 'Brainstormen und priorisieren' AS name, 'de' AS language,
	'{"rounds":[{"type":"brainstorm","title":"Welche Ideen hast du?","open_wall":true},{"type":"points","title":"Verteil deine Punkte auf die Ideen, die am meisten zählen","options":["Idee 1","Idee 2","Idee 3"],"budget":10}]}' AS agenda
	UNION ALL SELECT 'Training auswerten', 'de',
	'{"rounds":[{"type":"rating","title":"Wie nützlich war dieses Training?","options":["Inhalt","Trainer","Material"],"scale_max":10},{"type":"statements","title":"Stimmst du zu?","options":["Ich kann das in meiner Arbeit anwenden","Das Tempo war richtig"]},{"type":"open","title":"Was sollten wir ändern?"}]}'
	UNION ALL SELECT 'Beteiligungsrunde', 'de',
	'{"rounds":[{"type":"statements","title":"Was hältst du von diesen Vorschlägen?","options":["Vorschlag A","Vorschlag B"]},{"type":"ranking","title":"Bring die Vorschläge in eine Reihenfolge","options":["Vorschlag A","Vorschlag B","Vorschlag C"]},{"type":"open","title":"Was fehlt?"}]}'
) x WHERE NOT EXISTS (SELECT 1 FROM template t WHERE t.account_id IS NULL
	AND t.name = x.name);

-- The Dutch built-ins of 006 said "u"; the pages say "je".
UPDATE template SET agenda =
	'{"rounds":[{"type":"brainstorm","title":"Welke ideeën heb je?","open_wall":true},{"type":"points","title":"Verdeel je punten over de ideeën die het meest tellen","options":["Idee 1","Idee 2","Idee 3"],"budget":10}]}'
WHERE account_id IS NULL AND name = 'Brainstormen en prioriteren' AND agenda =
	'{"rounds":[{"type":"brainstorm","title":"Welke ideeën heeft u?","open_wall":true},{"type":"points","title":"Verdeel uw punten over de ideeën die het meest tellen","options":["Idee 1","Idee 2","Idee 3"],"budget":10}]}';
UPDATE template SET agenda =
	'{"rounds":[{"type":"rating","title":"Hoe nuttig was deze training?","options":["Inhoud","Trainer","Materiaal"],"scale_max":10},{"type":"statements","title":"Ben je het eens?","options":["Ik kan dit gebruiken in mijn werk","Het tempo was goed"]},{"type":"open","title":"Wat moeten we veranderen?"}]}'
WHERE account_id IS NULL AND name = 'Training evalueren' AND agenda =
	'{"rounds":[{"type":"rating","title":"Hoe nuttig was deze training?","options":["Inhoud","Trainer","Materiaal"],"scale_max":10},{"type":"statements","title":"Bent u het eens?","options":["Ik kan dit gebruiken in mijn werk","Het tempo was goed"]},{"type":"open","title":"Wat moeten we veranderen?"}]}';
UPDATE template SET agenda =
	'{"rounds":[{"type":"statements","title":"Wat vind je van deze voorstellen?","options":["Voorstel A","Voorstel B"]},{"type":"ranking","title":"Zet de voorstellen op volgorde","options":["Voorstel A","Voorstel B","Voorstel C"]},{"type":"open","title":"Wat ontbreekt er?"}]}'
WHERE account_id IS NULL AND name = 'Consultatieronde' AND agenda =
	'{"rounds":[{"type":"statements","title":"Wat vindt u van deze voorstellen?","options":["Voorstel A","Voorstel B"]},{"type":"ranking","title":"Zet de voorstellen op volgorde","options":["Voorstel A","Voorstel B","Voorstel C"]},{"type":"open","title":"Wat ontbreekt er?"}]}';
