-- Moderation (R16): what the client and their circle placed is shown at once; staff
-- look at it afterwards. An item a staff member looked at and left is "reviewed".

ALTER TABLE notes ADD COLUMN reviewed_at TIMESTAMPTZ;
ALTER TABLE photos ADD COLUMN reviewed_at TIMESTAMPTZ;
