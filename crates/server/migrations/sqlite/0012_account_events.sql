-- What happened to an account's sign-in: its security log (issue 18). Changes of the
-- e-mail address, mobile number or password, a provider linked or unlinked, a passkey
-- added or removed, a second factor reset by staff, sign-in paused after wrong codes.
-- Only added to; the person sees their own in account settings. The summary never
-- holds a secret (no code, no link, no full number).
CREATE TABLE account_events (
    id                INTEGER PRIMARY KEY,
    account_id        INTEGER NOT NULL REFERENCES accounts (id),
    kind              TEXT NOT NULL,
    -- Who did it, when not the account itself (a staff member's account).
    actor_account_id  INTEGER REFERENCES accounts (id),
    summary           TEXT NOT NULL,
    occurred_at       TEXT NOT NULL
);
CREATE INDEX account_events_account ON account_events (account_id, occurred_at, id);
