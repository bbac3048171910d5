//! What went wrong, in the person's language: the app's own text for every problem
//! code the server can send (the server's text is only a fallback).

use kring_api::ProblemCode;
use leptos::prelude::*;

use crate::api::ApiError;
use crate::i18n::*;

/// The message for an API error.
pub fn error_message(error: &ApiError, locale: Locale) -> String {
    match error {
        ApiError::Offline => td_string!(locale, error.offline).to_owned(),
        ApiError::Network(_) => td_string!(locale, error.network).to_owned(),
        ApiError::Problem(problem) => {
            let text = match problem.code {
                ProblemCode::NotFound => td_string!(locale, error.not_found),
                ProblemCode::RateLimited => td_string!(locale, error.rate_limited),
                ProblemCode::Internal | ProblemCode::Timeout => td_string!(locale, error.server),
                ProblemCode::InvalidCredentials => td_string!(locale, problem.invalid_credentials),
                ProblemCode::CodeInvalid => td_string!(locale, problem.code_invalid),
                ProblemCode::CodeExpired => td_string!(locale, problem.code_expired),
                ProblemCode::LinkInvalid => td_string!(locale, problem.link_invalid),
                ProblemCode::LinkExpired => td_string!(locale, problem.link_expired),
                ProblemCode::LinkUsed => td_string!(locale, problem.link_used),
                ProblemCode::PasswordTooShort => td_string!(locale, problem.password_too_short),
                ProblemCode::PasswordTooCommon => td_string!(locale, problem.password_too_common),
                ProblemCode::EmailInvalid => td_string!(locale, problem.email_invalid),
                ProblemCode::MobileInvalid => td_string!(locale, problem.mobile_invalid),
                ProblemCode::TermsNotAccepted => td_string!(locale, problem.terms_not_accepted),
                ProblemCode::Forbidden => td_string!(locale, problem.forbidden),
                ProblemCode::Unauthenticated | ProblemCode::SessionExpired => {
                    td_string!(locale, problem.session_ended)
                }
                ProblemCode::CsrfRejected => td_string!(locale, problem.csrf),
                ProblemCode::InvitationOtherEmail => {
                    td_string!(locale, problem.invitation_other_email)
                }
                ProblemCode::AlreadyInCircle => td_string!(locale, problem.already_in_circle),
                ProblemCode::AccountExists => td_string!(locale, problem.account_exists),
                ProblemCode::EditWindowClosed => td_string!(locale, problem.edit_window_closed),
                ProblemCode::TextTooLong => td_string!(locale, problem.text_too_long),
                ProblemCode::ConfirmationRequired => {
                    td_string!(locale, problem.confirmation_required)
                }
                ProblemCode::AccountSuspended | ProblemCode::PortalSuspended => {
                    td_string!(locale, access.suspended_title)
                }
                ProblemCode::AccountEnded | ProblemCode::AccessEnded | ProblemCode::PortalEnded => {
                    td_string!(locale, access.ended_title)
                }
                _ => td_string!(locale, error.unexpected),
            };
            match problem.code {
                // The server's detail carries the tries left; show it as the server says it.
                ProblemCode::CodeInvalid | ProblemCode::RateLimited => problem
                    .detail
                    .clone()
                    .filter(|d| !d.is_empty())
                    .unwrap_or_else(|| text.to_owned()),
                _ => text.to_owned(),
            }
        }
        ApiError::Status(status) if *status >= 500 => td_string!(locale, error.server).to_owned(),
        ApiError::Status(_) | ApiError::Decode(_) => {
            td_string!(locale, error.unexpected).to_owned()
        }
    }
}

/// The organisation's reason, for suspensions.
pub fn problem_reason(error: &ApiError) -> Option<String> {
    match error {
        ApiError::Problem(problem) => problem.reason.clone().filter(|r| !r.is_empty()),
        _ => None,
    }
}

/// The message for an action's last failure, while it is the last result.
pub fn action_error<I, T>(action: Action<I, Result<T, ApiError>>) -> Signal<Option<String>>
where
    I: 'static,
    T: Clone + Send + Sync + 'static,
{
    let i18n = use_i18n();
    Signal::derive(move || match action.value().get() {
        Some(Err(error)) => Some(error_message(&error, i18n.get_locale())),
        _ => None,
    })
}
