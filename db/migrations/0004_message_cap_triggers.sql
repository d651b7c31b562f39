-- The message-cap counter (src/core/cap/ledger.ts): message_caps.live always equals the number of the
-- user's message_events with expires_at > swept_until. These triggers keep that true for every write to
-- the ledger, inside the writing statement, so admission reads one row instead of counting the window.
-- Rows that existed before this migration: committed ones count for 24 h from `at`; reservations are void.
DELETE FROM `message_events` WHERE `state` <> 'committed';
--> statement-breakpoint
UPDATE `message_events` SET `expires_at` = `at` + 86400000;
--> statement-breakpoint
INSERT INTO `message_caps` (`user_id`, `live`, `swept_until`)
  SELECT `user_id`, count(*), 0 FROM `message_events` GROUP BY `user_id`;
--> statement-breakpoint
-- A new event counts from now; it also sweeps: events that expired since the last sweep leave `live`.
CREATE TRIGGER `message_events_after_insert` AFTER INSERT ON `message_events` BEGIN
  INSERT OR IGNORE INTO `message_caps` (`user_id`, `live`, `swept_until`) VALUES (NEW.`user_id`, 0, 0);
  UPDATE `message_caps` SET
    `live` = `live` + (NEW.`expires_at` > `swept_until`) - (
      SELECT count(*) FROM `message_events` e
      WHERE e.`user_id` = NEW.`user_id` AND e.`state` IN ('reserved', 'committed')
        AND e.`expires_at` > `message_caps`.`swept_until` AND e.`expires_at` <= NEW.`at`),
    `swept_until` = max(`swept_until`, NEW.`at`)
  WHERE `user_id` = NEW.`user_id`;
END;
--> statement-breakpoint
-- Commit (reserved -> committed) and renewal move expires_at; a row that was already swept counts again.
CREATE TRIGGER `message_events_after_update` AFTER UPDATE OF `expires_at` ON `message_events` BEGIN
  UPDATE `message_caps` SET `live` = `live` + (NEW.`expires_at` > `swept_until`) - (OLD.`expires_at` > `swept_until`)
  WHERE `user_id` = NEW.`user_id`;
END;
--> statement-breakpoint
-- Release and pruning: a row still counted stops counting.
CREATE TRIGGER `message_events_after_delete` AFTER DELETE ON `message_events` BEGIN
  UPDATE `message_caps` SET `live` = `live` - 1 WHERE `user_id` = OLD.`user_id` AND OLD.`expires_at` > `swept_until`;
END;
--> statement-breakpoint
CREATE TRIGGER `message_caps_after_user_delete` AFTER DELETE ON `users` BEGIN
  DELETE FROM `message_events` WHERE `user_id` = OLD.`id`;
  DELETE FROM `message_caps` WHERE `user_id` = OLD.`id`;
END;
