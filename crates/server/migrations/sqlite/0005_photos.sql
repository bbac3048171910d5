-- Photos: the stored sizes (made from the pixels, no metadata), the day the gallery
-- sorts by, and removal: by the organisation (from every portal) or by someone in one
-- portal (from that portal only). Nothing is destroyed before the retention period.

ALTER TABLE photos ADD COLUMN sizes TEXT NOT NULL DEFAULT '';
ALTER TABLE photos ADD COLUMN sort_day TEXT;
ALTER TABLE photos ADD COLUMN removed_at TEXT;
ALTER TABLE photos ADD COLUMN removed_reason TEXT;
ALTER TABLE photos ADD COLUMN removed_by_staff INTEGER REFERENCES staff_members (id);
UPDATE photos SET sort_day = COALESCE(taken_on, substr(created_at, 1, 10));

ALTER TABLE photo_clients ADD COLUMN removed_by_account INTEGER REFERENCES accounts (id);
CREATE INDEX photo_clients_gallery ON photo_clients (client_id, removed_at);
CREATE INDEX photos_sort ON photos (sort_day DESC, id DESC);
