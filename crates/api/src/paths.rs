//! The endpoint paths, shared by the server's router and the SPA's client.
//!
//! Paths are relative to the API base (`/api/v1` on the reference server), except
//! [`API_BASE`] itself. Path parameters use axum's `{name}` syntax.

/// Where the reference server mounts the API.
pub const API_BASE: &str = "/api/v1";

/// Public facts about the organisation that runs the portal.
pub const ORGANISATION: &str = "/organisation";
/// The organisation's logo (SVG).
pub const ORGANISATION_LOGO: &str = "/organisation/logo.svg";
/// The organisation's privacy statement.
pub const PRIVACY_STATEMENT: &str = "/privacy-statement";
/// The OpenAPI document describing this API.
pub const OPENAPI: &str = "/openapi.json";
/// The list of published terms versions, newest first.
pub const TERMS: &str = "/terms";
/// The terms in force today.
pub const TERMS_CURRENT: &str = "/terms/current";
/// One terms version, by number.
pub const TERMS_VERSION: &str = "/terms/{version}";
/// Step 1 of signing in: e-mail address and password.
pub const SIGN_IN: &str = "/auth/sign-in";
/// Step 2 of signing in: the SMS code.
pub const SIGN_IN_CODE: &str = "/auth/sign-in/code";
/// A new SMS code for the same attempt.
pub const CODE_RESEND: &str = "/auth/code/resend";
/// Ask for a password reset link.
pub const PASSWORD_RESET: &str = "/auth/password-reset";
/// Set a new password with the link's token.
pub const PASSWORD_RESET_COMPLETE: &str = "/auth/password-reset/complete";
/// The signed-in person and their session.
pub const SESSION: &str = "/session";
/// Renew the session's idle time ("stay signed in").
pub const SESSION_KEEP_ALIVE: &str = "/session/keep-alive";
/// Sign out here.
pub const SIGN_OUT: &str = "/session/sign-out";
/// Sign out on every device.
pub const SIGN_OUT_EVERYWHERE: &str = "/session/sign-out-everywhere";
/// What an activation link is for.
pub const ACTIVATION_LOOKUP: &str = "/activation/lookup";
/// Activation step 1: choose the password.
pub const ACTIVATION: &str = "/activation";
/// Activation step 2: the SMS code.
pub const ACTIVATION_CODE: &str = "/activation/code";
/// Change the mobile number.
pub const ACCOUNT_MOBILE: &str = "/account/mobile";
/// Confirm the new mobile number with its code.
pub const ACCOUNT_MOBILE_CODE: &str = "/account/mobile/code";
/// Re-authenticate while signed in, step 1: the password (a code goes to the mobile).
pub const ACCOUNT_REAUTHENTICATION: &str = "/account/reauthentication";
/// Re-authenticate while signed in, step 2: the code.
pub const ACCOUNT_REAUTHENTICATION_CODE: &str = "/account/reauthentication/code";
/// Re-authenticate while signed in, step 2 with a passkey instead of the code: its
/// options.
pub const ACCOUNT_REAUTHENTICATION_PASSKEY_OPTIONS: &str =
    "/account/reauthentication/passkey/options";
/// Re-authenticate while signed in, step 2 with a passkey: the browser's answer.
pub const ACCOUNT_REAUTHENTICATION_PASSKEY: &str = "/account/reauthentication/passkey";
/// Change the e-mail address (a link goes to the new address).
pub const ACCOUNT_EMAIL: &str = "/account/email";
/// Confirm the new e-mail address with the link's token.
pub const ACCOUNT_EMAIL_CONFIRM: &str = "/account/email/confirm";
/// Change the password while signed in.
pub const ACCOUNT_PASSWORD: &str = "/account/password";
/// The account's security log, newest first.
pub const ACCOUNT_EVENTS: &str = "/account/events";
/// The account's sessions that have not ended.
pub const ACCOUNT_SESSIONS: &str = "/account/sessions";
/// End one of the account's sessions (DELETE).
pub const ACCOUNT_SESSION: &str = "/account/sessions/{session_id}";
/// Delete one's own account.
pub const ACCOUNT_DELETION: &str = "/account/deletion";
/// The signed-in person's passkeys; adding one.
pub const ACCOUNT_PASSKEYS: &str = "/account/passkeys";
/// The options for adding a passkey.
pub const ACCOUNT_PASSKEY_OPTIONS: &str = "/account/passkeys/options";
/// One passkey (removing it).
pub const ACCOUNT_PASSKEY: &str = "/account/passkeys/{passkey_id}";
/// The options for signing in with a passkey instead of the SMS code.
pub const SIGN_IN_PASSKEY_OPTIONS: &str = "/auth/sign-in/passkey/options";
/// Step 2 of signing in with a passkey instead of the SMS code.
pub const SIGN_IN_PASSKEY: &str = "/auth/sign-in/passkey";
/// The OpenID Connect providers this server offers.
pub const IDENTITY_PROVIDERS: &str = "/identity-providers";
/// Start a sign-in (or a link) at a provider.
pub const IDENTITY_PROVIDER_START: &str = "/identity-providers/{provider}/start";
/// Where a provider sends the browser back (a browser navigation, not a fetch).
pub const IDENTITY_PROVIDER_CALLBACK: &str = "/identity-providers/callback";
/// The providers linked to the signed-in account.
pub const ACCOUNT_IDENTITY_LINKS: &str = "/account/identity-links";
/// One provider's link to the signed-in account (removing it).
pub const ACCOUNT_IDENTITY_LINK: &str = "/account/identity-links/{provider}";
/// Accept a terms version (the one in force).
pub const TERMS_ACCEPTANCE: &str = "/terms/{version}/acceptance";
/// The account's portals.
pub const PORTALS: &str = "/portals";
/// One portal.
pub const PORTAL: &str = "/portals/{client_id}";
/// The administrator ends the portal.
pub const PORTAL_END: &str = "/portals/{client_id}/end";
/// How many reports, photos and notes arrived since the reader's last visit.
pub const NEW_COUNTS: &str = "/portals/{client_id}/new-counts";
/// The care plan in force.
pub const CARE_PLAN: &str = "/portals/{client_id}/care-plan";
/// One care plan (also an earlier one).
pub const CARE_PLAN_VERSION: &str = "/portals/{client_id}/care-plans/{plan_id}";
/// The reports, newest first (filters: category, from, to, q).
pub const REPORTS: &str = "/portals/{client_id}/reports";
/// One report.
pub const REPORT: &str = "/portals/{client_id}/reports/{report_id}";
/// The client's correction requests (list and file).
pub const CORRECTION_REQUESTS: &str = "/portals/{client_id}/correction-requests";
/// "Who looked at my data".
pub const ACCESS_LOG: &str = "/portals/{client_id}/access-log";
/// Staff: the correction requests, soonest due first.
pub const STAFF_CORRECTION_REQUESTS: &str = "/staff/correction-requests";
/// Staff: handle one correction request.
pub const STAFF_CORRECTION_REQUEST: &str = "/staff/correction-requests/{id}";
/// Staff: the clients they work for (GET, paged, searchable); registering a client (POST).
pub const STAFF_CLIENTS: &str = "/staff/clients";
/// Staff: one client of their caseload.
pub const STAFF_CLIENT: &str = "/staff/clients/{client_id}";
/// Staff: a client's registration (read with GET, change with PUT); registering is a
/// POST to [`STAFF_CLIENTS`].
pub const STAFF_CLIENT_REGISTRATION: &str = "/staff/clients/{client_id}/registration";
/// Staff: the teams in which they may register clients.
pub const STAFF_REGISTRATION_TEAMS: &str = "/staff/registration-teams";
/// Staff: the members of staff of a team who can be a personal counsellor.
pub const STAFF_TEAM_COUNSELLORS: &str = "/staff/teams/{team_id}/counsellors";
/// Staff: the care relation ended, or the client died.
pub const STAFF_CARE_RELATION_END: &str = "/staff/clients/{client_id}/care-relation-end";
/// Staff: a new version of a client's care plan.
pub const STAFF_CARE_PLANS: &str = "/staff/clients/{client_id}/care-plans";
/// Staff: the care plan in force for a client (to start a new version from).
pub const STAFF_CARE_PLAN: &str = "/staff/clients/{client_id}/care-plan";
/// Development only (demo mode): move the server's clock forward.
pub const DEV_CLOCK: &str = "/dev/clock";
/// Staff: write a report for a client.
pub const STAFF_REPORTS: &str = "/staff/clients/{client_id}/reports";
/// Staff: release a report to the portal.
pub const STAFF_REPORT: &str = "/staff/clients/{client_id}/reports/{report_id}";
/// Staff: notes and photos placed by clients and their circles, newest first.
pub const STAFF_MODERATION: &str = "/staff/moderation";
/// Staff: post a photo of an activity, linked to one or more clients (multipart, with a
/// `client_id` part per client).
pub const STAFF_PHOTOS: &str = "/staff/photos";
/// Staff: a note looked at and left as it is.
pub const STAFF_NOTE_REVIEW: &str = "/staff/notes/{note_id}/review";
/// Staff: a photo looked at and left as it is.
pub const STAFF_PHOTO_REVIEW: &str = "/staff/photos/{photo_id}/review";
/// Staff: one stored size of a photo, for moderation.
pub const STAFF_PHOTO_IMAGE: &str = "/staff/photos/{photo_id}/{width}";
/// Staff: give a client's portal to its administrator.
pub const STAFF_GRANT_ACCESS: &str = "/staff/clients/{client_id}/administrator";
/// Staff: suspend (POST) or lift the suspension of (DELETE) an account.
pub const STAFF_ACCOUNT_SUSPENSION: &str = "/staff/accounts/{account_id}/suspension";
/// Staff: suspend (POST) or lift the suspension of (DELETE) a portal.
pub const STAFF_PORTAL_SUSPENSION: &str = "/staff/clients/{client_id}/portal-suspension";
/// Staff: publish a new terms version.
pub const STAFF_TERMS: &str = "/staff/terms";
/// Organisation administrators: the messages that could not be delivered.
pub const STAFF_UNDELIVERED_MESSAGES: &str = "/staff/messages/undelivered";
/// Organisation administrators: try to deliver an undelivered message again.
pub const STAFF_MESSAGE_RETRY: &str = "/staff/messages/{message_id}/retry";
/// The organisation's teams (GET: organisation administrators all, other staff their
/// own) and a new team (POST, organisation administrators).
pub const STAFF_TEAMS: &str = "/staff/teams";
/// A team's new name and emergency number (PUT, organisation administrators).
pub const STAFF_TEAM: &str = "/staff/teams/{team_id}";
/// The organisation's staff (GET: organisation administrators all, team leads their
/// team) and inviting a staff member (POST, organisation administrators).
pub const STAFF_MEMBERS: &str = "/staff/members";
/// A staff member's new role, team and job title (PUT, organisation administrators).
pub const STAFF_MEMBER: &str = "/staff/members/{staff_id}";
/// Clients from a care record system's CSV file: checked (`dry_run=true`) or imported
/// (POST, organisation administrators).
pub const STAFF_IMPORT_CLIENTS: &str = "/staff/import/clients";
/// Staff members from a CSV file: checked (`dry_run=true`) or imported, new ones
/// invited (POST, organisation administrators).
pub const STAFF_IMPORT_STAFF: &str = "/staff/import/staff";
/// End a staff member's account at once (POST, organisation administrators).
pub const STAFF_MEMBER_END: &str = "/staff/members/{staff_id}/end";
/// Staff: reset the second factor of someone with access to a client's portal (a lost
/// phone), after checking who they are outside the portal.
pub const STAFF_CLIENT_SECOND_FACTOR_RESET: &str = "/staff/clients/{client_id}/second-factor-reset";
/// Organisation administrators: reset a staff member's second factor (a lost phone).
pub const STAFF_MEMBER_SECOND_FACTOR_RESET: &str = "/staff/members/{staff_id}/second-factor-reset";
/// Organisation administrators: link a staff member's account to an identity provider
/// for staff (PUT), by the provider's id for them.
pub const STAFF_MEMBER_IDENTITY_LINK: &str =
    "/staff/members/{staff_id}/identity-links/{provider_id}";
/// The administrator's view of the client's circle.
pub const NETWORK: &str = "/portals/{client_id}/network";
/// Invite someone into the circle.
pub const NETWORK_INVITATIONS: &str = "/portals/{client_id}/network/invitations";
/// Withdraw an invitation (DELETE).
pub const NETWORK_INVITATION: &str = "/portals/{client_id}/network/invitations/{invitation_id}";
/// Send an invitation again with a new link (the old one stops working).
pub const NETWORK_INVITATION_RESEND: &str =
    "/portals/{client_id}/network/invitations/{invitation_id}/resend";
/// Change (PATCH) or remove (DELETE) a contact.
pub const NETWORK_CONTACT: &str = "/portals/{client_id}/network/contacts/{contact_id}";
/// A contact leaves the circle.
pub const LEAVE_CIRCLE: &str = "/portals/{client_id}/leave";
/// The notes, newest first (GET) and writing one (POST).
pub const NOTES: &str = "/portals/{client_id}/notes";
/// One's own note: edit (PATCH) or retract (DELETE).
pub const NOTE: &str = "/portals/{client_id}/notes/{note_id}";
/// What an invitation link is for.
pub const INVITATION_LOOKUP: &str = "/invitations/lookup";
/// Accept an invitation with the signed-in account.
pub const INVITATION_ACCEPT: &str = "/invitations/accept";
/// Accept an invitation by creating an account.
pub const INVITATION_REGISTER: &str = "/invitations/register";
/// Staff: remove a note with a reason.
pub const STAFF_NOTE_REMOVAL: &str = "/staff/notes/{note_id}/removal";
/// The gallery, newest first (GET) and uploading a photo (POST, multipart).
pub const PHOTOS: &str = "/portals/{client_id}/photos";
/// Remove a photo from this portal (DELETE).
pub const PHOTO: &str = "/portals/{client_id}/photos/{photo_id}";
/// One stored size of a photo (its width, from the photo's `sizes`).
pub const PHOTO_IMAGE: &str = "/portals/{client_id}/photos/{photo_id}/{width}";
/// Staff: remove a photo from every portal, with a reason.
pub const STAFF_PHOTO_REMOVAL: &str = "/staff/photos/{photo_id}/removal";
/// Messages the development sender kept (demo mode only).
pub const DEV_OUTBOX: &str = "/dev/outbox";
/// Organisation administrators: the organisation's settings (read and change).
pub const STAFF_ORGANISATION_SETTINGS: &str = "/staff/organisation/settings";
/// Which sign-in methods each group may use.
pub const STAFF_ORGANISATION_SIGN_IN_METHODS: &str = "/staff/organisation/sign-in-methods";
/// Organisation administrators: the logo (an SVG file; replace or remove).
pub const STAFF_ORGANISATION_LOGO: &str = "/staff/organisation/logo";
/// Organisation administrators: the privacy statement (replace).
pub const STAFF_PRIVACY_STATEMENT: &str = "/staff/organisation/privacy-statement";

/// `pattern` with its `{name}` parameters replaced, in order, by `values`:
/// `fill(REPORT, &[7, 12])` is `/portals/7/reports/12`. The constants above are the only
/// spelling of a path; callers fill them instead of writing paths of their own.
pub fn fill(pattern: &str, values: &[i64]) -> String {
    let mut path = String::with_capacity(pattern.len() + 8 * values.len());
    let mut values = values.iter();
    let mut rest = pattern;
    while let Some(open) = rest.find('{') {
        path.push_str(&rest[..open]);
        let close = rest[open..].find('}').map_or(rest.len(), |c| open + c + 1);
        match values.next() {
            Some(value) => path.push_str(&value.to_string()),
            None => path.push_str(&rest[open..close]),
        }
        rest = &rest[close..];
    }
    path.push_str(rest);
    path
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fill_puts_the_values_in_order() {
        assert_eq!(fill(REPORT, &[7, 12]), "/portals/7/reports/12");
        assert_eq!(fill(PHOTO_IMAGE, &[1, 2, 640]), "/portals/1/photos/2/640");
        assert_eq!(fill(SESSION, &[]), "/session");
    }
}
