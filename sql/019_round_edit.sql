-- SPDX-License-Identifier: ISC
-- 019_round_edit.sql: rounds can be edited (fcgi/roundedit.c).  An option
-- removed after it had answers is kept, marked removed: participants, the
-- projector and the live results no longer show it, the exports keep its
-- answers (responses.csv joins round_option).  And the built-in templates
-- stop shipping placeholder options ("Idea 1", "Proposal A"), which a
-- round can no longer open with: the vote after a brainstorm takes that
-- brainstorm's ideas (options_from_position, the brainstorm's place in
-- the agenda), the consultations have example proposals.  Each template
-- is replaced only while it is still the text of 006 or 012, so a second
-- run changes nothing.
ALTER TABLE round_option ADD COLUMN IF NOT EXISTS removed TINYINT(1)
	NOT NULL DEFAULT 0;

UPDATE template SET agenda =
	'{"rounds":[{"type":"brainstorm","title":"Which ideas do you have?","open_wall":true},{"type":"points","title":"Spend your points on the ideas that matter most","options_from_position":1,"options_use":"ideas","budget":10}]}'
WHERE account_id IS NULL AND name = 'Brainstorm and prioritise' AND agenda =
	'{"rounds":[{"type":"brainstorm","title":"Which ideas do you have?","open_wall":true},{"type":"points","title":"Spend your points on the ideas that matter most","options":["Idea 1","Idea 2","Idea 3"],"budget":10}]}';
UPDATE template SET agenda =
	'{"rounds":[{"type":"brainstorm","title":"Welke ideeën heb je?","open_wall":true},{"type":"points","title":"Verdeel je punten over de ideeën die het meest tellen","options_from_position":1,"options_use":"ideas","budget":10}]}'
WHERE account_id IS NULL AND name = 'Brainstormen en prioriteren' AND agenda IN (
	'{"rounds":[{"type":"brainstorm","title":"Welke ideeën heb je?","open_wall":true},{"type":"points","title":"Verdeel je punten over de ideeën die het meest tellen","options":["Idee 1","Idee 2","Idee 3"],"budget":10}]}',
	'{"rounds":[{"type":"brainstorm","title":"Welke ideeën heeft u?","open_wall":true},{"type":"points","title":"Verdeel uw punten over de ideeën die het meest tellen","options":["Idee 1","Idee 2","Idee 3"],"budget":10}]}');
UPDATE template SET agenda =
	'{"rounds":[{"type":"brainstorm","title":"Welche Ideen hast du?","open_wall":true},{"type":"points","title":"Verteil deine Punkte auf die Ideen, die am meisten zählen","options_from_position":1,"options_use":"ideas","budget":10}]}'
WHERE account_id IS NULL AND name = 'Brainstormen und priorisieren' AND agenda =
	'{"rounds":[{"type":"brainstorm","title":"Welche Ideen hast du?","open_wall":true},{"type":"points","title":"Verteil deine Punkte auf die Ideen, die am meisten zählen","options":["Idee 1","Idee 2","Idee 3"],"budget":10}]}';

UPDATE template SET agenda =
	'{"rounds":[{"type":"statements","title":"What do you think of these proposals?","options":["More green space in the neighbourhood","A car-free town centre"]},{"type":"ranking","title":"Put the proposals in order","options":["More green space in the neighbourhood","A car-free town centre","More bicycle parking"]},{"type":"open","title":"What is missing?"}]}'
WHERE account_id IS NULL AND name = 'Consultation round' AND agenda =
	'{"rounds":[{"type":"statements","title":"What do you think of these proposals?","options":["Proposal A","Proposal B"]},{"type":"ranking","title":"Put the proposals in order","options":["Proposal A","Proposal B","Proposal C"]},{"type":"open","title":"What is missing?"}]}';
UPDATE template SET agenda =
	'{"rounds":[{"type":"statements","title":"Wat vind je van deze voorstellen?","options":["Meer groen in de wijk","Een autovrij centrum"]},{"type":"ranking","title":"Zet de voorstellen op volgorde","options":["Meer groen in de wijk","Een autovrij centrum","Meer fietsenstallingen"]},{"type":"open","title":"Wat ontbreekt er?"}]}'
WHERE account_id IS NULL AND name = 'Consultatieronde' AND agenda IN (
	'{"rounds":[{"type":"statements","title":"Wat vind je van deze voorstellen?","options":["Voorstel A","Voorstel B"]},{"type":"ranking","title":"Zet de voorstellen op volgorde","options":["Voorstel A","Voorstel B","Voorstel C"]},{"type":"open","title":"Wat ontbreekt er?"}]}',
	'{"rounds":[{"type":"statements","title":"Wat vindt u van deze voorstellen?","options":["Voorstel A","Voorstel B"]},{"type":"ranking","title":"Zet de voorstellen op volgorde","options":["Voorstel A","Voorstel B","Voorstel C"]},{"type":"open","title":"Wat ontbreekt er?"}]}');
UPDATE template SET agenda =
	'{"rounds":[{"type":"statements","title":"Was hältst du von diesen Vorschlägen?","options":["Mehr Grün im Viertel","Eine autofreie Innenstadt"]},{"type":"ranking","title":"Bring die Vorschläge in eine Reihenfolge","options":["Mehr Grün im Viertel","Eine autofreie Innenstadt","Mehr Fahrradstellplätze"]},{"type":"open","title":"Was fehlt?"}]}'
WHERE account_id IS NULL AND name = 'Beteiligungsrunde' AND agenda =
	'{"rounds":[{"type":"statements","title":"Was hältst du von diesen Vorschlägen?","options":["Vorschlag A","Vorschlag B"]},{"type":"ranking","title":"Bring die Vorschläge in eine Reihenfolge","options":["Vorschlag A","Vorschlag B","Vorschlag C"]},{"type":"open","title":"Was fehlt?"}]}';

-- The Dutch evaluation in the informal je (012 changed it only while it
-- was still 006's text).
UPDATE template SET agenda =
	'{"rounds":[{"type":"rating","title":"Hoe nuttig was deze training?","options":["Inhoud","Trainer","Materiaal"],"scale_max":10},{"type":"statements","title":"Ben je het eens?","options":["Ik kan dit gebruiken in mijn werk","Het tempo was goed"]},{"type":"open","title":"Wat moeten we veranderen?"}]}'
WHERE account_id IS NULL AND name = 'Training evalueren' AND agenda =
	'{"rounds":[{"type":"rating","title":"Hoe nuttig was deze training?","options":["Inhoud","Trainer","Materiaal"],"scale_max":10},{"type":"statements","title":"Bent u het eens?","options":["Ik kan dit gebruiken in mijn werk","Het tempo was goed"]},{"type":"open","title":"Wat moeten we veranderen?"}]}';
