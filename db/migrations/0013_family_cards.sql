DROP INDEX `line_links_line_user_id_unique`;--> statement-breakpoint
CREATE INDEX `line_links_line_user_idx` ON `line_links` (`line_user_id`,`linked_at`);