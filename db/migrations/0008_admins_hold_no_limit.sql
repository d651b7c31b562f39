-- Admins are never limited, so they hold no limit: promotion now clears it (src/core/users/commands.ts).
UPDATE `users` SET `daily_message_limit` = NULL WHERE `role` = 'admin';
