-- The production outbox: every message is a row first, delivered by a background
-- worker (outbox::worker) with retries. The text is kept only until delivery: a
-- delivered row keeps its status, times and recipient, and its body becomes NULL.
CREATE TABLE outbox_messages (
    id               INTEGER PRIMARY KEY,
    organisation_id  INTEGER NOT NULL REFERENCES organisations (id),
    -- Sent along (Message-ID, the gateway's reference) so a provider can tell a
    -- repeat after a crash from a new message.
    idempotency_key  TEXT NOT NULL UNIQUE,
    channel          TEXT NOT NULL CHECK (channel IN ('email', 'sms')),
    kind             TEXT NOT NULL,
    recipient        TEXT NOT NULL,
    subject          TEXT,
    body             TEXT,
    status           TEXT NOT NULL CHECK (status IN ('waiting', 'sending', 'sent', 'failed', 'expired')),
    attempts         INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),
    next_attempt_at  TEXT NOT NULL,
    -- A worker's claim on a row it is sending; after this time another may take it.
    claimed_until    TEXT,
    -- Past this time the message is useless (a sign-in code) and is not sent.
    expires_at       TEXT,
    last_error       TEXT,
    created_at       TEXT NOT NULL,
    sent_at          TEXT,
    CHECK ((status = 'sent') = (sent_at IS NOT NULL)),
    CHECK (status IN ('waiting', 'sending', 'failed') OR body IS NULL)
);
CREATE INDEX outbox_messages_due ON outbox_messages (status, next_attempt_at);
CREATE INDEX outbox_messages_recipient ON outbox_messages (recipient, created_at);
