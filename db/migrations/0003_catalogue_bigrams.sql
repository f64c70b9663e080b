-- Catalogue search for one- and two-character terms (料理, 京都, 猫): the trigram index of
-- 0001 needs three characters, and LIKE reads every title. `titles_grams` indexes every single
-- character and every pair of neighbouring characters of the fields LIKE searched (title, yomi,
-- author, author_yomi, publisher), each field on its own so no pair spans two fields.
-- Each gram is written as the hex of its UTF-8 bytes, ASCII lower-cased like LIKE compares, so
-- unicode61 (which D1 has) sees one plain token whatever the characters are (kana, ・, ー, %, 𩸽)
-- and no tokenizer rule can split or fold a gram. detail=none, columnsize=0: a term is one
-- token, so only "which titles hold it" is stored, no positions or lengths. The grams are computed in SQL, once, by the
-- view `titles_grams_text`, which is also the table's external content: 'rebuild' re-reads it,
-- and the triggers copy a row's grams in (AFTER) or out (BEFORE, while the row is still there).
-- db/catalogue.ts builds the query tokens the same way.
-- NOTE for later migrations: if drizzle-kit ever rebuilds `titles` (drop + rename), the view
-- and these triggers are dropped with it and must be created again in that migration.
CREATE VIEW `titles_grams_text` AS
SELECT t.`id` AS `id`, (
  WITH RECURSIVE
    `field`(`s`) AS (
      VALUES (lower(t.`title`)), (lower(t.`yomi`)), (lower(t.`author`)),
        (lower(t.`author_yomi`)), (lower(t.`publisher`))
    ),
    `at`(`s`, `n`) AS (
      SELECT `s`, 1 FROM `field` WHERE `s` <> ''
      UNION ALL SELECT `s`, `n` + 1 FROM `at` WHERE `n` < length(`s`)
    )
  SELECT group_concat(hex(substr(`s`, `n`, 1)) || ' ' || hex(substr(`s`, `n`, 2)), ' ') FROM `at`
) AS `grams`
FROM `titles` t;
--> statement-breakpoint
CREATE VIRTUAL TABLE `titles_grams` USING fts5(
  `grams`, content='titles_grams_text', content_rowid='id', tokenize='unicode61', detail=none, columnsize=0
);
--> statement-breakpoint
INSERT INTO `titles_grams` (`titles_grams`) VALUES ('rebuild');
--> statement-breakpoint
CREATE TRIGGER `titles_grams_ai` AFTER INSERT ON `titles` BEGIN
  INSERT INTO `titles_grams` (rowid, `grams`)
  SELECT `id`, `grams` FROM `titles_grams_text` WHERE `id` = new.`id`;
END;
--> statement-breakpoint
CREATE TRIGGER `titles_grams_bd` BEFORE DELETE ON `titles` BEGIN
  INSERT INTO `titles_grams` (`titles_grams`, rowid, `grams`)
  SELECT 'delete', `id`, `grams` FROM `titles_grams_text` WHERE `id` = old.`id`;
END;
--> statement-breakpoint
CREATE TRIGGER `titles_grams_bu` BEFORE UPDATE OF `id`, `title`, `yomi`, `author`, `author_yomi`, `publisher` ON `titles` BEGIN
  INSERT INTO `titles_grams` (`titles_grams`, rowid, `grams`)
  SELECT 'delete', `id`, `grams` FROM `titles_grams_text` WHERE `id` = old.`id`;
END;
--> statement-breakpoint
CREATE TRIGGER `titles_grams_au` AFTER UPDATE OF `id`, `title`, `yomi`, `author`, `author_yomi`, `publisher` ON `titles` BEGIN
  INSERT INTO `titles_grams` (rowid, `grams`)
  SELECT `id`, `grams` FROM `titles_grams_text` WHERE `id` = new.`id`;
END;
