-- Catalogue search: FTS5 with the trigram tokenizer, so a Japanese word is found inside a
-- title without a word splitter (D1 supports it too). External content: the text lives once,
-- in `titles`; triggers keep the index in step. A query shorter than three characters cannot
-- use a trigram index and falls back to LIKE in db/catalogue.ts.
-- NOTE for later migrations: if drizzle-kit ever rebuilds `titles` (drop + rename), these
-- triggers are dropped with it and must be created again in that migration.
CREATE VIRTUAL TABLE `titles_fts` USING fts5(
  `title`, `yomi`, `author`, `author_yomi`, `publisher`, `isbn`,
  content='titles', content_rowid='id', tokenize='trigram'
);
--> statement-breakpoint
CREATE TRIGGER `titles_fts_ai` AFTER INSERT ON `titles` BEGIN
  INSERT INTO `titles_fts` (rowid, `title`, `yomi`, `author`, `author_yomi`, `publisher`, `isbn`)
  VALUES (new.`id`, new.`title`, new.`yomi`, new.`author`, new.`author_yomi`, new.`publisher`, new.`isbn`);
END;
--> statement-breakpoint
CREATE TRIGGER `titles_fts_ad` AFTER DELETE ON `titles` BEGIN
  INSERT INTO `titles_fts` (`titles_fts`, rowid, `title`, `yomi`, `author`, `author_yomi`, `publisher`, `isbn`)
  VALUES ('delete', old.`id`, old.`title`, old.`yomi`, old.`author`, old.`author_yomi`, old.`publisher`, old.`isbn`);
END;
--> statement-breakpoint
CREATE TRIGGER `titles_fts_au` AFTER UPDATE OF `title`, `yomi`, `author`, `author_yomi`, `publisher`, `isbn` ON `titles` BEGIN
  INSERT INTO `titles_fts` (`titles_fts`, rowid, `title`, `yomi`, `author`, `author_yomi`, `publisher`, `isbn`)
  VALUES ('delete', old.`id`, old.`title`, old.`yomi`, old.`author`, old.`author_yomi`, old.`publisher`, old.`isbn`);
  INSERT INTO `titles_fts` (rowid, `title`, `yomi`, `author`, `author_yomi`, `publisher`, `isbn`)
  VALUES (new.`id`, new.`title`, new.`yomi`, new.`author`, new.`author_yomi`, new.`publisher`, new.`isbn`);
END;
