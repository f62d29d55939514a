-- SPDX-License-Identifier: ISC
-- 013_round_type_open.sql: the round types are one table in the program
-- (fcgi/round.c), which checks a round's type before it is stored; the
-- database's own list of types (round_type_ck) made a new type a
-- migration as well.  The column keeps its size: a type's name is a word.
ALTER TABLE round DROP CONSTRAINT IF EXISTS round_type_ck;
