-- SPDX-License-Identifier: ISC
-- 016_live.sql: the documents nginx serves to a running session's room
-- (fcgi/live.c).  live_token names the participants' document, room_token
-- the room's, which is also the projector link's token (projector_token_hash
-- stays its SHA-256: the worker finds the session by it, and tells a
-- stopped session's screen that it ended).  Each is 32 hex digits, 128 bits
-- from the CSPRNG.  They are kept as they are, not hashed, because every
-- host's publisher must name the files; what they open is what this database
-- holds anyway.  A stop clears both, a removal renews live_token.
ALTER TABLE session ADD COLUMN IF NOT EXISTS live_token CHAR(32)
	CHARACTER SET ascii NULL;
ALTER TABLE session ADD COLUMN IF NOT EXISTS room_token CHAR(32)
	CHARACTER SET ascii NULL;
