CREATE TABLE `password_resets` (
	`token_hash` text PRIMARY KEY NOT NULL,
	`patron_id` integer NOT NULL,
	`line_user_id` text NOT NULL,
	`password_hash` text NOT NULL,
	`created_at` integer NOT NULL,
	`expires_at` integer NOT NULL,
	`used_at` integer,
	FOREIGN KEY (`patron_id`) REFERENCES `patrons`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `password_resets_patron_idx` ON `password_resets` (`patron_id`);--> statement-breakpoint
CREATE TABLE `rate_limits` (
	`key` text PRIMARY KEY NOT NULL,
	`hits` integer NOT NULL,
	`reset_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `rate_limits_reset_idx` ON `rate_limits` (`reset_at`);--> statement-breakpoint
CREATE TABLE `hold_cart` (
	`patron_id` integer NOT NULL,
	`title_id` integer NOT NULL,
	`created_at` integer NOT NULL,
	PRIMARY KEY(`patron_id`, `title_id`),
	FOREIGN KEY (`patron_id`) REFERENCES `patrons`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`title_id`) REFERENCES `titles`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `hold_cart_patron_idx` ON `hold_cart` (`patron_id`,`created_at`);--> statement-breakpoint
ALTER TABLE `notices` ADD `claimed_owner` text;