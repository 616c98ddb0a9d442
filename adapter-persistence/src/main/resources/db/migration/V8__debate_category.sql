-- V8: a debate may name a category (normalised by the domain: lower case, 1-64 characters); the leaderboard
-- keeps a board per category besides the overall one. Existing debates have none.
ALTER TABLE debates ADD COLUMN category TEXT CHECK (category IS NULL OR char_length(category) BETWEEN 1 AND 64);
