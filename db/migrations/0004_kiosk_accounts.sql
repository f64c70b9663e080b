ALTER TABLE `staff` ADD `institution_id` text;--> statement-breakpoint
ALTER TABLE `staff` ADD `place_id` integer REFERENCES places(id);