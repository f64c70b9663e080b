ALTER TABLE `copies` ADD `not_for_loan` integer DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE `copies` ADD `withdrawn_at` integer;--> statement-breakpoint
ALTER TABLE `copies` ADD `seen_run` integer;--> statement-breakpoint
ALTER TABLE `titles` ADD `source_id` text;--> statement-breakpoint
ALTER TABLE `titles` ADD `series` text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE `titles` ADD `set_key` text;--> statement-breakpoint
ALTER TABLE `titles` ADD `withdrawn_at` integer;--> statement-breakpoint
ALTER TABLE `titles` ADD `seen_run` integer;--> statement-breakpoint
CREATE UNIQUE INDEX `titles_source_idx` ON `titles` (`source_id`);--> statement-breakpoint
CREATE INDEX `titles_set_key_idx` ON `titles` (`set_key`);