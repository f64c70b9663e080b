CREATE TABLE `notice_announcements` (
	`key` text PRIMARY KEY NOT NULL,
	`patron_id` integer NOT NULL,
	`kind` text NOT NULL,
	`title` text NOT NULL,
	`author` text,
	`place_name` text,
	`place_name_en` text,
	`place_phone` text,
	`place_kind` text,
	`collect_by` text,
	`locker_lent` integer,
	`due_date` text,
	`lib_name` text,
	`lib_name_en` text,
	`lib_phone` text,
	`created_at` integer NOT NULL,
	FOREIGN KEY (`patron_id`) REFERENCES `patrons`(`id`) ON UPDATE no action ON DELETE no action
);
