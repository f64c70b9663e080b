CREATE TABLE `purchase_requests` (
	`id` integer PRIMARY KEY NOT NULL,
	`patron_id` integer NOT NULL,
	`isbn` text NOT NULL,
	`title` text NOT NULL,
	`author` text DEFAULT '' NOT NULL,
	`note` text DEFAULT '' NOT NULL,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`patron_id`) REFERENCES `patrons`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `purchase_requests_patron_isbn_uq` ON `purchase_requests` (`patron_id`,`isbn`);--> statement-breakpoint
CREATE INDEX `purchase_requests_created_idx` ON `purchase_requests` (`created_at`);--> statement-breakpoint
ALTER TABLE `holds` ADD `suspended_until` text;--> statement-breakpoint
-- hand-written (issue 19): the ISBN scan looks titles up by digits; the catalogue keeps ISBNs as imported (hyphenated). drizzle-kit writes expression indexes wrongly, so it is here.
CREATE INDEX `titles_isbn_digits_idx` ON `titles` (replace(`isbn`, '-', ''));
