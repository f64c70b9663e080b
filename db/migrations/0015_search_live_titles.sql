-- hand-written (issue 21): withdrawn titles are kept out of both search indexes, so a search
-- counts and reads the FTS5 doclists alone, without looking every match up in `titles` to
-- drop the withdrawn ones. Each index's external content is a view of the live titles, so
-- 'rebuild' (backup restore, bulk loading) leaves withdrawn titles out as the triggers do.
-- The trigram index is created again over the new view (its content table cannot be changed
-- in place), which re-reads the catalogue once. The gram index keeps its rows: the withdrawn
-- titles' grams are taken out while its view still shows them, then the view is narrowed.
-- NOTE for later migrations: if drizzle-kit ever rebuilds `titles` (drop + rename), these
-- views and triggers are dropped with it and must be created again in that migration.
DROP TRIGGER `titles_fts_ai`;
--> statement-breakpoint
DROP TRIGGER `titles_fts_ad`;
--> statement-breakpoint
DROP TRIGGER `titles_fts_au`;
--> statement-breakpoint
DROP TABLE `titles_fts`;
--> statement-breakpoint
CREATE VIEW `titles_fts_text` AS
SELECT `id`, `title`, `yomi`, `author`, `author_yomi`, `publisher`, `isbn`
FROM `titles` WHERE `withdrawn_at` IS NULL;
--> statement-breakpoint
CREATE VIRTUAL TABLE `titles_fts` USING fts5(
  `title`, `yomi`, `author`, `author_yomi`, `publisher`, `isbn`,
  content='titles_fts_text', content_rowid='id', tokenize='trigram'
);
--> statement-breakpoint
INSERT INTO `titles_fts` (`titles_fts`) VALUES ('rebuild');
--> statement-breakpoint
CREATE TRIGGER `titles_fts_ai` AFTER INSERT ON `titles` WHEN new.`withdrawn_at` IS NULL BEGIN
  INSERT INTO `titles_fts` (rowid, `title`, `yomi`, `author`, `author_yomi`, `publisher`, `isbn`)
  VALUES (new.`id`, new.`title`, new.`yomi`, new.`author`, new.`author_yomi`, new.`publisher`, new.`isbn`);
END;
--> statement-breakpoint
CREATE TRIGGER `titles_fts_ad` AFTER DELETE ON `titles` WHEN old.`withdrawn_at` IS NULL BEGIN
  INSERT INTO `titles_fts` (`titles_fts`, rowid, `title`, `yomi`, `author`, `author_yomi`, `publisher`, `isbn`)
  VALUES ('delete', old.`id`, old.`title`, old.`yomi`, old.`author`, old.`author_yomi`, old.`publisher`, old.`isbn`);
END;
--> statement-breakpoint
CREATE TRIGGER `titles_fts_au` AFTER UPDATE OF `title`, `yomi`, `author`, `author_yomi`, `publisher`, `isbn`, `withdrawn_at` ON `titles` BEGIN
  INSERT INTO `titles_fts` (`titles_fts`, rowid, `title`, `yomi`, `author`, `author_yomi`, `publisher`, `isbn`)
  SELECT 'delete', old.`id`, old.`title`, old.`yomi`, old.`author`, old.`author_yomi`, old.`publisher`, old.`isbn`
  WHERE old.`withdrawn_at` IS NULL;
  INSERT INTO `titles_fts` (rowid, `title`, `yomi`, `author`, `author_yomi`, `publisher`, `isbn`)
  SELECT new.`id`, new.`title`, new.`yomi`, new.`author`, new.`author_yomi`, new.`publisher`, new.`isbn`
  WHERE new.`withdrawn_at` IS NULL;
END;
--> statement-breakpoint
INSERT INTO `titles_grams` (`titles_grams`, rowid, `grams`)
SELECT 'delete', `id`, `grams` FROM `titles_grams_text`
WHERE `id` IN (SELECT `id` FROM `titles` WHERE `withdrawn_at` IS NOT NULL);
--> statement-breakpoint
DROP TRIGGER `titles_grams_ai`;
--> statement-breakpoint
DROP TRIGGER `titles_grams_bd`;
--> statement-breakpoint
DROP TRIGGER `titles_grams_bu`;
--> statement-breakpoint
DROP TRIGGER `titles_grams_au`;
--> statement-breakpoint
DROP VIEW `titles_grams_text`;
--> statement-breakpoint
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
FROM `titles` t WHERE t.`withdrawn_at` IS NULL;
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
CREATE TRIGGER `titles_grams_bu` BEFORE UPDATE OF `id`, `title`, `yomi`, `author`, `author_yomi`, `publisher`, `withdrawn_at` ON `titles` BEGIN
  INSERT INTO `titles_grams` (`titles_grams`, rowid, `grams`)
  SELECT 'delete', `id`, `grams` FROM `titles_grams_text` WHERE `id` = old.`id`;
END;
--> statement-breakpoint
CREATE TRIGGER `titles_grams_au` AFTER UPDATE OF `id`, `title`, `yomi`, `author`, `author_yomi`, `publisher`, `withdrawn_at` ON `titles` BEGIN
  INSERT INTO `titles_grams` (rowid, `grams`)
  SELECT `id`, `grams` FROM `titles_grams_text` WHERE `id` = new.`id`;
END;
