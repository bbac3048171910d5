//! What went wrong, in the person's language: a text for every problem code, from the
//! locale files' `problem.<code>` entries, which the server sends too (see DEVELOPERS.md).

use kring_api::ProblemCode;
use leptos::prelude::*;

use crate::api::ApiError;
use crate::i18n::*;

/// The message for an API error.
pub fn error_message(error: &ApiError, locale: Locale) -> String {
    match error {
        ApiError::Offline => td_string!(locale, error.offline).to_owned(),
        ApiError::Network(_) => td_string!(locale, error.network).to_owned(),
        ApiError::Problem(problem) => match problem.code {
            // The server's detail carries the tries left, the wait, or an import file's
            // missing columns and line limit; it is the same text from the same locale
            // file, with the fact filled in.
            ProblemCode::CodeInvalid
            | ProblemCode::RateLimited
            | ProblemCode::TooManyMessages
            | ProblemCode::ImportColumnsMissing
            | ProblemCode::ImportTooManyLines => problem
                .detail
                .clone()
                .filter(|d| !d.is_empty())
                .unwrap_or_else(|| problem_text(problem.code, locale).to_owned()),
            code => problem_text(code, locale).to_owned(),
        },
        ApiError::Status(status) if *status >= 500 => {
            problem_text(ProblemCode::Internal, locale).to_owned()
        }
        ApiError::Status(_) | ApiError::Decode(_) => {
            td_string!(locale, error.unexpected).to_owned()
        }
    }
}

/// The text for a problem code: `problem.<code>.detail` in the locale files, the same
/// text the server sends as the problem's `detail` (without the facts of one
/// occurrence). Every code has one, so a new code does not compile until it has a text.
pub fn problem_text(code: ProblemCode, locale: Locale) -> &'static str {
    match code {
        ProblemCode::NotFound => td_string!(locale, problem.not_found.detail),
        ProblemCode::MethodNotAllowed => td_string!(locale, problem.method_not_allowed.detail),
        ProblemCode::MalformedJson => td_string!(locale, problem.malformed_json.detail),
        ProblemCode::InvalidBody => td_string!(locale, problem.invalid_body.detail),
        ProblemCode::InvalidParameter => td_string!(locale, problem.invalid_parameter.detail),
        ProblemCode::UnsupportedMediaType => {
            td_string!(locale, problem.unsupported_media_type.detail)
        }
        ProblemCode::BodyTooLarge => td_string!(locale, problem.body_too_large.detail),
        ProblemCode::RateLimited => td_string!(locale, problem.rate_limited.detail),
        ProblemCode::TooManyMessages => td_string!(locale, problem.too_many_messages.detail),
        ProblemCode::Timeout => td_string!(locale, problem.timeout.detail),
        ProblemCode::Internal => td_string!(locale, problem.internal.detail),
        ProblemCode::Unauthenticated => td_string!(locale, problem.unauthenticated.detail),
        ProblemCode::SessionExpired => td_string!(locale, problem.session_expired.detail),
        ProblemCode::CsrfRejected => td_string!(locale, problem.csrf_rejected.detail),
        ProblemCode::InvalidCredentials => td_string!(locale, problem.invalid_credentials.detail),
        ProblemCode::CodeInvalid => td_string!(locale, problem.code_invalid.detail),
        ProblemCode::CodeExpired => td_string!(locale, problem.code_expired.detail),
        ProblemCode::LinkInvalid => td_string!(locale, problem.link_invalid.detail),
        ProblemCode::LinkExpired => td_string!(locale, problem.link_expired.detail),
        ProblemCode::LinkUsed => td_string!(locale, problem.link_used.detail),
        ProblemCode::PasswordTooShort => td_string!(locale, problem.password_too_short.detail),
        ProblemCode::PasswordTooCommon => td_string!(locale, problem.password_too_common.detail),
        ProblemCode::EmailInvalid => td_string!(locale, problem.email_invalid.detail),
        ProblemCode::MobileInvalid => td_string!(locale, problem.mobile_invalid.detail),
        ProblemCode::TermsNotAccepted => td_string!(locale, problem.terms_not_accepted.detail),
        ProblemCode::AccountSuspended => td_string!(locale, problem.account_suspended.detail),
        ProblemCode::AccountEnded => td_string!(locale, problem.account_ended.detail),
        ProblemCode::PortalSuspended => td_string!(locale, problem.portal_suspended.detail),
        ProblemCode::AccessEnded => td_string!(locale, problem.access_ended.detail),
        ProblemCode::PortalEnded => td_string!(locale, problem.portal_ended.detail),
        ProblemCode::Forbidden => td_string!(locale, problem.forbidden.detail),
        ProblemCode::AdministratorExists => td_string!(locale, problem.administrator_exists.detail),
        ProblemCode::RepresentationBasisRequired => {
            td_string!(locale, problem.representation_basis_required.detail)
        }
        ProblemCode::ConfirmationRequired => {
            td_string!(locale, problem.confirmation_required.detail)
        }
        ProblemCode::TermsVersionNotCurrent => {
            td_string!(locale, problem.terms_version_not_current.detail)
        }
        ProblemCode::InvitationOtherEmail => {
            td_string!(locale, problem.invitation_other_email.detail)
        }
        ProblemCode::AlreadyInCircle => td_string!(locale, problem.already_in_circle.detail),
        ProblemCode::AccountExists => td_string!(locale, problem.account_exists.detail),
        ProblemCode::EditWindowClosed => td_string!(locale, problem.edit_window_closed.detail),
        ProblemCode::TextTooLong => td_string!(locale, problem.text_too_long.detail),
        ProblemCode::NotAPhoto => td_string!(locale, problem.not_a_photo.detail),
        ProblemCode::PhotoTooManyPixels => td_string!(locale, problem.photo_too_many_pixels.detail),
        ProblemCode::PhotoUnreadable => td_string!(locale, problem.photo_unreadable.detail),
        ProblemCode::StorageUnavailable => td_string!(locale, problem.storage_unavailable.detail),
        ProblemCode::DatabaseUnavailable => td_string!(locale, problem.database_unavailable.detail),
        ProblemCode::ClientNumberInvalid => {
            td_string!(locale, problem.client_number_invalid.detail)
        }
        ProblemCode::ClientNumberTaken => td_string!(locale, problem.client_number_taken.detail),
        ProblemCode::ClientNameInvalid => td_string!(locale, problem.client_name_invalid.detail),
        ProblemCode::DateOfBirthInvalid => td_string!(locale, problem.date_of_birth_invalid.detail),
        ProblemCode::CareStartInvalid => td_string!(locale, problem.care_start_invalid.detail),
        ProblemCode::TeamUnknown => td_string!(locale, problem.team_unknown.detail),
        ProblemCode::CounsellorNotInTeam => {
            td_string!(locale, problem.counsellor_not_in_team.detail)
        }
        ProblemCode::TeamNameTaken => td_string!(locale, problem.team_name_taken.detail),
        ProblemCode::PhoneInvalid => td_string!(locale, problem.phone_invalid.detail),
        ProblemCode::EmailTaken => td_string!(locale, problem.email_taken.detail),
        ProblemCode::TeamRequired => td_string!(locale, problem.team_required.detail),
        ProblemCode::OwnAccount => td_string!(locale, problem.own_account.detail),
        ProblemCode::StaffMemberEnded => td_string!(locale, problem.staff_member_ended.detail),
        ProblemCode::ColourInvalid => td_string!(locale, problem.colour_invalid.detail),
        ProblemCode::ContrastTooLow => td_string!(locale, problem.contrast_too_low.detail),
        ProblemCode::LogoInvalid => td_string!(locale, problem.logo_invalid.detail),
        ProblemCode::RetentionTooShort => td_string!(locale, problem.retention_too_short.detail),
        ProblemCode::SettingOutOfRange => td_string!(locale, problem.setting_out_of_range.detail),
        ProblemCode::ImportNotCsv => td_string!(locale, problem.import_not_csv.detail),
        ProblemCode::ImportColumnsMissing => {
            td_string!(locale, problem.import_columns_missing.detail)
        }
        ProblemCode::ImportTooManyLines => td_string!(locale, problem.import_too_many_lines.detail),
        ProblemCode::ImportEmpty => td_string!(locale, problem.import_empty.detail),
        ProblemCode::ImportDuplicateLine => {
            td_string!(locale, problem.import_duplicate_line.detail)
        }
        ProblemCode::CareEndInvalid => td_string!(locale, problem.care_end_invalid.detail),
        ProblemCode::RoleUnknown => td_string!(locale, problem.role_unknown.detail),
        ProblemCode::ReauthenticationRequired => {
            td_string!(locale, problem.reauthentication_required.detail)
        }
        ProblemCode::SecondFactorRequired => {
            td_string!(locale, problem.second_factor_required.detail)
        }
        ProblemCode::PasskeyInvalid => td_string!(locale, problem.passkey_invalid.detail),
        ProblemCode::PasskeyExpired => td_string!(locale, problem.passkey_expired.detail),
        ProblemCode::LastSecondFactor => td_string!(locale, problem.last_second_factor.detail),
        ProblemCode::NoMobileNumber => td_string!(locale, problem.no_mobile_number.detail),
        ProblemCode::TooManyPasskeys => td_string!(locale, problem.too_many_passkeys.detail),
        ProblemCode::SignInMethodNotAllowed => {
            td_string!(locale, problem.sign_in_method_not_allowed.detail)
        }
        ProblemCode::SignInStateInvalid => {
            td_string!(locale, problem.sign_in_state_invalid.detail)
        }
        ProblemCode::SignInStateUsed => {
            td_string!(locale, problem.sign_in_state_used.detail)
        }
        ProblemCode::ProviderSignInStopped => {
            td_string!(locale, problem.provider_sign_in_stopped.detail)
        }
        ProblemCode::ProviderAnswerInvalid => {
            td_string!(locale, problem.provider_answer_invalid.detail)
        }
        ProblemCode::ProviderNotLinked => {
            td_string!(locale, problem.provider_not_linked.detail)
        }
        ProblemCode::ProviderLinkedElsewhere => {
            td_string!(locale, problem.provider_linked_elsewhere.detail)
        }
        ProblemCode::ProviderUnavailable => {
            td_string!(locale, problem.provider_unavailable.detail)
        }
        ProblemCode::LastSignInMethod => {
            td_string!(locale, problem.last_sign_in_method.detail)
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
