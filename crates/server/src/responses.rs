//! The problem responses many operations share, declared once for the OpenAPI
//! document: a handler names one (`(status = 401, response = SignedOut)`) instead of
//! restating its description, and the document holds it once under
//! `components/responses`.

use utoipa::openapi::{ContentBuilder, Ref, RefOr, Response, ResponseBuilder};

/// Declares a shared problem response: its name in the document and its description.
macro_rules! problem_response {
    ($(#[$doc:meta])* $name:ident, $description:literal) => {
        $(#[$doc])*
        pub struct $name;

        impl<'s> utoipa::ToResponse<'s> for $name {
            fn response() -> (&'s str, RefOr<Response>) {
                (stringify!($name), problem($description))
            }
        }
    };
}

/// A response whose body is a problem document.
fn problem(description: &str) -> RefOr<Response> {
    ResponseBuilder::new()
        .description(description)
        .content(
            kring_api::problem::PROBLEM_CONTENT_TYPE,
            ContentBuilder::new()
                .schema(Some(Ref::from_schema_name("Problem")))
                .build(),
        )
        .build()
        .into()
}

problem_response!(
    /// 401 for every operation that needs a session.
    SignedOut,
    "Not signed in (unauthenticated) or the session timed out (session-expired)"
);
problem_response!(
    /// 403 for a state-changing operation that anyone may call.
    CsrfRejected,
    "Without the X-Kring-CSRF header or from another origin (csrf-rejected)"
);
problem_response!(
    /// 403 for a staff operation that reads.
    StaffOnly,
    "Not staff (forbidden)"
);
problem_response!(
    /// 403 for a staff operation that changes something.
    StaffOnlyChange,
    "Not staff (forbidden), or without the X-Kring-CSRF header or from another origin (csrf-rejected)"
);
problem_response!(
    /// 403 for a change only the portal's administrator may make.
    AdministratorOnlyChange,
    "Not the administrator (forbidden); terms-not-accepted, access-ended, portal-ended, portal-suspended, or without the X-Kring-CSRF header or from another origin (csrf-rejected)"
);
problem_response!(
    /// 404 for a client's portal the account cannot use.
    NoSuchPortal,
    "Not a portal of this account (not-found)"
);
problem_response!(
    /// 404 for a portal or an item in it.
    NoSuchPortalItem,
    "Not a portal of this account, or no such item (not-found)"
);
problem_response!(
    /// 404 for a client outside the staff member's team.
    NotTeamClient,
    "Not a client of the staff member's team (not-found)"
);
problem_response!(
    /// 400 for a path or query parameter that does not parse.
    InvalidParameter,
    "A parameter is not valid (invalid-parameter)"
);

problem_response!(
    /// 429 for every operation that sends an e-mail over the message limits (R26).
    TooManyEmails,
    "Too many messages to this address lately (too-many-messages); nothing was sent: wait (Retry-After)"
);
