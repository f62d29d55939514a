-- SPDX-License-Identifier: ISC
-- 006_templates.sql: agendas kept for reuse.  A template is a session's
-- list of rounds (types, titles, options, settings) as a JSON document
-- that primoforum itself wrote; built-in templates have no account.

CREATE TABLE IF NOT EXISTS template (
	id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
	account_id BIGINT UNSIGNED NULL,
	name VARCHAR(200) NOT NULL,
	language CHAR(2) NOT NULL DEFAULT 'en',
	agenda MEDIUMTEXT NOT NULL,
	created_at DATETIME(6) NOT NULL DEFAULT UTC_TIMESTAMP(6),
	KEY template_account (account_id),
	CONSTRAINT template_account_fk FOREIGN KEY (account_id)
		REFERENCES account (id) ON DELETE CASCADE
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_ci;

-- Built-in templates, in Dutch and English.  Re-running the migration
-- adds none twice (the names are unique among built-ins).
INSERT INTO template (account_id, name, language, agenda)
SELECT NULL, x.name, x.language, x.agenda FROM (
	SELECT 'Brainstorm and prioritise' AS name, 'en' AS language,
	'{"rounds":[{"type":"brainstorm","title":"Which ideas do you have?","open_wall":true},{"type":"points","title":"Spend your points on the ideas that matter most","options":["Idea 1","Idea 2","Idea 3"],"budget":10}]}' AS agenda
	UNION ALL SELECT 'Brainstormen en prioriteren', 'nl',
	'{"rounds":[{"type":"brainstorm","title":"Welke ideeën heeft u?","open_wall":true},{"type":"points","title":"Verdeel uw punten over de ideeën die het meest tellen","options":["Idee 1","Idee 2","Idee 3"],"budget":10}]}'
	UNION ALL SELECT 'Evaluate a training', 'en',
	'{"rounds":[{"type":"rating","title":"How useful was this training?","options":["Content","Trainer","Materials"],"scale_max":10},{"type":"statements","title":"Do you agree?","options":["I can use this in my work","The pace was right"]},{"type":"open","title":"What should we change?"}]}'
	UNION ALL SELECT 'Training evalueren', 'nl',
	'{"rounds":[{"type":"rating","title":"Hoe nuttig was deze training?","options":["Inhoud","Trainer","Materiaal"],"scale_max":10},{"type":"statements","title":"Bent u het eens?","options":["Ik kan dit gebruiken in mijn werk","Het tempo was goed"]},{"type":"open","title":"Wat moeten we veranderen?"}]}'
	UNION ALL SELECT 'Consultation round', 'en',
	'{"rounds":[{"type":"statements","title":"What do you think of these proposals?","options":["Proposal A","Proposal B"]},{"type":"ranking","title":"Put the proposals in order","options":["Proposal A","Proposal B","Proposal C"]},{"type":"open","title":"What is missing?"}]}'
	UNION ALL SELECT 'Consultatieronde', 'nl',
	'{"rounds":[{"type":"statements","title":"Wat vindt u van deze voorstellen?","options":["Voorstel A","Voorstel B"]},{"type":"ranking","title":"Zet de voorstellen op volgorde","options":["Voorstel A","Voorstel B","Voorstel C"]},{"type":"open","title":"Wat ontbreekt er?"}]}'
) x WHERE NOT EXISTS (SELECT 1 FROM template t WHERE t.account_id IS NULL
	AND t.name = x.name);

GRANT SELECT, INSERT, UPDATE, DELETE ON template TO primoforum_app;
