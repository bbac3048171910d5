-- "New since your last visit" for photos and notes too (issue 19): when each account
-- last opened each section of each client's portal. The report visits move over.
CREATE TABLE section_visits (
    account_id         INTEGER NOT NULL REFERENCES accounts (id),
    client_id          INTEGER NOT NULL REFERENCES clients (id),
    section            TEXT NOT NULL CHECK (section IN ('reports', 'photos', 'notes')),
    last_visit_at      TEXT NOT NULL,
    previous_visit_at  TEXT,
    PRIMARY KEY (account_id, client_id, section)
);
INSERT INTO section_visits (account_id, client_id, section, last_visit_at, previous_visit_at)
    SELECT account_id, client_id, 'reports', last_visit_at, previous_visit_at FROM report_visits;
DROP TABLE report_visits;
CREATE INDEX section_visits_client ON section_visits (client_id);
