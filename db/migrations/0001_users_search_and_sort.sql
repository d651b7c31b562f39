-- Substring search over email, username and display name (CONTRACT §4 users.list):
-- an FTS5 trigram index answers "any part of" matches of 3+ characters without scanning every user.
CREATE VIRTUAL TABLE `users_search` USING fts5(`user_id` UNINDEXED, `email`, `username`, `display_name`, tokenize = 'trigram');
--> statement-breakpoint
CREATE TRIGGER `users_search_insert` AFTER INSERT ON `users` BEGIN
  INSERT INTO `users_search` (`user_id`, `email`, `username`, `display_name`) VALUES (NEW.`id`, NEW.`email`, NEW.`username`, NEW.`display_name`);
END;
--> statement-breakpoint
CREATE TRIGGER `users_search_update` AFTER UPDATE OF `email`, `username`, `display_name` ON `users` BEGIN
  DELETE FROM `users_search` WHERE `user_id` = OLD.`id`;
  INSERT INTO `users_search` (`user_id`, `email`, `username`, `display_name`) VALUES (NEW.`id`, NEW.`email`, NEW.`username`, NEW.`display_name`);
END;
--> statement-breakpoint
CREATE TRIGGER `users_search_delete` AFTER DELETE ON `users` BEGIN
  DELETE FROM `users_search` WHERE `user_id` = OLD.`id`;
END;
--> statement-breakpoint
-- Sorting by last activity puts never-active users first (ascending) with a stable keyset.
CREATE INDEX `users_last_active_idx` ON `users` (coalesce(`last_active_at`, 0), `id`);
