CREATE TABLE `hold_cart` (
	`patron_id` integer NOT NULL,
	`title_id` integer NOT NULL,
	`created_at` integer NOT NULL,
	PRIMARY KEY(`patron_id`, `title_id`),
	FOREIGN KEY (`patron_id`) REFERENCES `patrons`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`title_id`) REFERENCES `titles`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `hold_cart_patron_idx` ON `hold_cart` (`patron_id`,`created_at`);