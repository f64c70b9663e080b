-- hand-edited: drizzle-kit copied the new columns from the old table (they are not there yet), and turned foreign keys off around the rebuild, which D1 does not honour (it enforces them in every migration) and nothing needs: no table refers to purchase_requests.
CREATE TABLE `__new_purchase_requests` (
	`id` integer PRIMARY KEY NOT NULL,
	`patron_id` integer,
	`isbn` text NOT NULL,
	`title` text NOT NULL,
	`author` text DEFAULT '' NOT NULL,
	`note` text DEFAULT '' NOT NULL,
	`created_at` integer NOT NULL,
	`decision` text,
	`decided_at` integer,
	FOREIGN KEY (`patron_id`) REFERENCES `patrons`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
INSERT INTO `__new_purchase_requests`("id", "patron_id", "isbn", "title", "author", "note", "created_at") SELECT "id", "patron_id", "isbn", "title", "author", "note", "created_at" FROM `purchase_requests`;--> statement-breakpoint
DROP TABLE `purchase_requests`;--> statement-breakpoint
ALTER TABLE `__new_purchase_requests` RENAME TO `purchase_requests`;--> statement-breakpoint
CREATE UNIQUE INDEX `purchase_requests_patron_isbn_uq` ON `purchase_requests` (`patron_id`,`isbn`);--> statement-breakpoint
CREATE INDEX `purchase_requests_created_idx` ON `purchase_requests` (`created_at`);--> statement-breakpoint
CREATE INDEX `purchase_requests_decided_idx` ON `purchase_requests` (`decided_at`) WHERE patron_id IS NOT NULL AND decided_at IS NOT NULL;
