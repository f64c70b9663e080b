ALTER TABLE `notices` ADD `about_date` text;--> statement-breakpoint
ALTER TABLE `notice_preferences` ADD `due_soon_days` integer;--> statement-breakpoint
ALTER TABLE `notice_preferences` ADD `expiry` integer DEFAULT true NOT NULL;