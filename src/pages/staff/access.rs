//! `/team/client/:client_id/toegang`: giving a client's portal to its administrator, the
//! client themselves or a legal representative (R1, R2, R6); or, when the portal has an
//! administrator already, moving administration to someone else.

use kring_api::{
    AdministratorRelation, CaseloadClient, GrantAccessRequest, GrantedAccess, Language,
    PortalStatus, ProblemCode,
};
use leptos::prelude::*;

use super::caseload::{use_caseload_client, BackToClient, ClientLoaded};
use super::RequireStaff;
use crate::api::{self, ApiError};
use crate::app::routes;
use crate::components::{focus_soon, FormActions, FormError, RadioGroup, TextField};
use crate::errors::error_message;
use crate::i18n::*;
use crate::local_time::{local_date_text, local_moment, millis};
use crate::organisation::use_page_title;
use crate::portal_scope::ClientId;

/// The access page.
#[component]
pub fn StaffAccessPage() -> impl IntoView {
    use_page_title(|locale| td_string!(locale, staff_access.title));
    let scope = use_caseload_client();
    view! {
        <RequireStaff>
            <ClientLoaded scope children=move |client| view! { <AccessView client /> } />
        </RequireStaff>
    }
}

/// Whether the portal gets its first administrator, or administration moves.
fn is_first_administrator(status: PortalStatus) -> bool {
    matches!(status, PortalStatus::NoAccess | PortalStatus::Ended)
}

/// The heading, what will happen, and the form (or, once sent, the confirmation).
#[component]
fn AccessView(client: CaseloadClient) -> impl IntoView {
    let i18n = use_i18n();
    let first = is_first_administrator(client.portal);
    let sent = RwSignal::new(None::<GrantedAccess>);
    let name = client.name.clone();
    let title = move || {
        let locale = i18n.get_locale();
        let text = if first {
            td_string!(locale, staff_access.grant_title)
        } else {
            td_string!(locale, staff_access.change_title)
        };
        fill(text, &[("name", &name)])
    };
    let intro = {
        let current = client.administrator.clone();
        move || {
            let locale = i18n.get_locale();
            if first {
                td_string!(locale, staff_access.grant_intro).to_owned()
            } else {
                fill(
                    td_string!(locale, staff_access.change_intro),
                    &[(
                        "current",
                        current
                            .as_deref()
                            .unwrap_or(td_string!(locale, staff_access.current_unknown)),
                    )],
                )
            }
        }
    };
    let id = client.id;
    let client_name = client.name.clone();
    view! {
        <BackToClient id name=client.name.clone() />
        <h1>{title}</h1>
        {move || match sent.get() {
            Some(granted) => view! {
                <Confirmation granted first id name=client_name.clone() />
            }
            .into_any(),
            None => view! {
                <p class="lead">{intro.clone()}</p>
                <AccessForm id first sent />
            }
            .into_any(),
        }}
        {(!first).then(|| view! { <super::second_factor::PortalSecondFactorReset client_id=id /> })}
    }
}

/// Where the link went and until when it works, with the way back to the client.
#[component]
fn Confirmation(granted: GrantedAccess, first: bool, id: i64, name: String) -> impl IntoView {
    let i18n = use_i18n();
    // For someone who has an account already, the server sends a notice instead of an
    // activation link, and answers "now" as the link's end.
    let has_link = millis(&granted.link_expires_at) > js_sys::Date::now() + 60_000.0;
    let email = granted.email.clone();
    let expires = granted.link_expires_at.clone();
    let sent_line = move || {
        let locale = i18n.get_locale();
        if has_link {
            let time = local_moment(&expires)
                .map(|m| m.clock())
                .unwrap_or_default();
            fill(
                td_string!(locale, staff_access.sent_link),
                &[
                    ("email", &email),
                    ("date", &local_date_text(&expires, locale)),
                    ("time", &time),
                ],
            )
        } else {
            fill(
                td_string!(locale, staff_access.sent_notice),
                &[("email", &email)],
            )
        }
    };
    let back = move || {
        fill(
            td_string!(i18n.get_locale(), staff_client.back_to),
            &[("name", &name)],
        )
    };
    // The form is gone: the focus goes to the confirmation, which is read out.
    focus_soon("access-done-title");
    view! {
        <section class="card card-highlight access-done" role="status" aria-labelledby="access-done-title">
            <h2 id="access-done-title" tabindex="-1">{move || if first {
                t_string!(i18n, staff_access.done_grant)
            } else {
                t_string!(i18n, staff_access.done_change)
            }}</h2>
            <p>{sent_line}</p>
            {(!first).then(|| view! { <p>{tr!(i18n, staff_access.done_change_previous)}</p> })}
            <p><a class="button" href=routes::staff_client(ClientId(id))>{back}</a></p>
        </section>
    }
}

/// Name, e-mail, mobile, relation (with the basis for a representative) and language.
#[component]
fn AccessForm(id: i64, first: bool, sent: RwSignal<Option<GrantedAccess>>) -> impl IntoView {
    let i18n = use_i18n();
    let name = RwSignal::new(String::new());
    let email = RwSignal::new(String::new());
    let mobile = RwSignal::new(String::new());
    let relation = RwSignal::new(None::<AdministratorRelation>);
    let basis = RwSignal::new(String::new());
    let language = RwSignal::new(api_language(i18n.get_locale_untracked()));
    let tried = RwSignal::new(false);
    let give = Action::new_local(move |request: &GrantAccessRequest| {
        let request = request.clone();
        async move {
            let granted = if first {
                api::staff::grant_access(id, request).await?
            } else {
                api::staff::change_administrator(id, request).await?
            };
            sent.set(Some(granted));
            Ok::<(), ApiError>(())
        }
    });
    let failure = Memo::new(move |_| match give.value().get() {
        Some(Err(error)) => Some(error),
        _ => None,
    });
    // A server error about one field is shown at that field; the rest above the buttons.
    let field_codes = [
        ProblemCode::EmailInvalid,
        ProblemCode::MobileInvalid,
        ProblemCode::RepresentationBasisRequired,
    ];
    let server_error = move |code: ProblemCode| {
        failure
            .get()
            .filter(|e| e.code() == Some(code))
            .map(|e| match code {
                ProblemCode::RepresentationBasisRequired => {
                    t_string!(i18n, staff_access.basis_missing).to_owned()
                }
                _ => error_message(&e, i18n.get_locale()),
            })
    };
    let missing = move |value: RwSignal<String>, text: fn(Locale) -> &'static str| {
        Signal::derive(move || {
            (tried.get() && value.with(|v| v.trim().is_empty()))
                .then(|| text(i18n.get_locale()).to_owned())
        })
    };
    let name_error = missing(name, |l| td_string!(l, staff_access.name_missing));
    let email_missing = missing(email, |l| td_string!(l, staff_access.email_missing));
    let email_error = Signal::derive(move || {
        email_missing
            .get()
            .or_else(|| server_error(ProblemCode::EmailInvalid))
    });
    let mobile_missing = missing(mobile, |l| td_string!(l, staff_access.mobile_missing));
    let mobile_error = Signal::derive(move || {
        mobile_missing
            .get()
            .or_else(|| server_error(ProblemCode::MobileInvalid))
    });
    let basis_missing = missing(basis, |l| td_string!(l, staff_access.basis_missing));
    let basis_error = Signal::derive(move || {
        basis_missing
            .get()
            .or_else(|| server_error(ProblemCode::RepresentationBasisRequired))
    });
    let relation_error = Signal::derive(move || {
        (tried.get() && relation.get().is_none())
            .then(|| t_string!(i18n, staff_access.relation_missing).to_owned())
    });
    let form_error = Signal::derive(move || {
        let error = failure.get()?;
        let code = error.code();
        if code.is_some_and(|c| field_codes.contains(&c)) {
            return None;
        }
        let locale = i18n.get_locale();
        Some(match code {
            Some(ProblemCode::AdministratorExists) if first => {
                td_string!(locale, staff_access.administrator_exists).to_owned()
            }
            Some(ProblemCode::AdministratorExists) => {
                td_string!(locale, staff_access.already_administrator).to_owned()
            }
            Some(ProblemCode::AccessEnded) => {
                td_string!(locale, staff_access.access_ended).to_owned()
            }
            Some(ProblemCode::AccountSuspended) => {
                td_string!(locale, staff_access.account_suspended).to_owned()
            }
            Some(ProblemCode::AccountEnded) => {
                td_string!(locale, staff_access.account_ended).to_owned()
            }
            Some(ProblemCode::InvalidBody) => td_string!(locale, staff_access.invalid).to_owned(),
            _ => error_message(&error, locale),
        })
    });
    let is_representative =
        Memo::new(move |_| relation.get() == Some(AdministratorRelation::Representative));
    let submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        tried.set(true);
        for (value, field) in [
            (name, "access-name"),
            (email, "access-email"),
            (mobile, "access-mobile"),
        ] {
            if value.with_untracked(|v| v.trim().is_empty()) {
                focus_soon(field);
                return;
            }
        }
        let Some(chosen) = relation.get_untracked() else {
            focus_soon("access-relation-client");
            return;
        };
        let representation_basis = match chosen {
            AdministratorRelation::Client => None,
            AdministratorRelation::Representative => {
                let basis = basis.get_untracked().trim().to_owned();
                if basis.is_empty() {
                    focus_soon("access-basis");
                    return;
                }
                Some(basis)
            }
        };
        give.dispatch(GrantAccessRequest {
            name: name.get_untracked().trim().to_owned(),
            email: email.get_untracked().trim().to_owned(),
            mobile: mobile.get_untracked().trim().to_owned(),
            relation: chosen,
            representation_basis,
            language: language.get_untracked(),
        });
    };
    view! {
        <form class="stack" novalidate=true on:submit=submit>
            <TextField id="access-name" label=tr!(i18n, staff_access.name) value=name error=name_error />
            <TextField
                id="access-email"
                label=tr!(i18n, staff_access.email)
                hint=tr!(i18n, staff_access.email_hint)
                value=email
                input_type="email"
                error=email_error
            />
            <TextField
                id="access-mobile"
                label=tr!(i18n, staff_access.mobile)
                hint=tr!(i18n, staff_access.mobile_hint)
                value=mobile
                input_type="tel"
                error=mobile_error
            />
            <RadioGroup
                legend=tr!(i18n, staff_access.relation_legend)
                name="access-relation"
                options=vec![
                    (AdministratorRelation::Client, "client"),
                    (AdministratorRelation::Representative, "representative"),
                ]
                selected=relation
                on_choose=Callback::new(move |option| relation.set(Some(option)))
                label=|locale, option| match option {
                    AdministratorRelation::Client => td_string!(locale, staff_access.relation_client),
                    AdministratorRelation::Representative => td_string!(locale, staff_access.relation_representative),
                }
                explain=|locale, option| match option {
                    AdministratorRelation::Client => td_string!(locale, staff_access.relation_client_text),
                    AdministratorRelation::Representative => td_string!(locale, staff_access.relation_representative_text),
                }
                error=relation_error
            />
            <Show when=move || is_representative.get()>
                <TextField
                    id="access-basis"
                    label=tr!(i18n, staff_access.basis)
                    hint=tr!(i18n, staff_access.basis_hint)
                    value=basis
                    error=basis_error
                />
            </Show>
            <RadioGroup
                legend=tr!(i18n, staff_access.language_legend)
                name="access-language"
                options=vec![(Language::Nl, "nl"), (Language::En, "en")]
                selected=Signal::derive(move || Some(language.get()))
                on_choose=Callback::new(move |option| language.set(option))
                label=|locale, option| match option {
                    Language::Nl => td_string!(locale, staff_access.language_nl),
                    Language::En => td_string!(locale, staff_access.language_en),
                }
            />
            <p>{move || if first {
                t_string!(i18n, staff_access.grant_what_happens)
            } else {
                t_string!(i18n, staff_access.change_what_happens)
            }}</p>
            <FormError message=form_error />
            <FormActions
                submit=Signal::derive(move || if first {
                    t_string!(i18n, staff_access.grant_submit)
                } else {
                    t_string!(i18n, staff_access.change_submit)
                })
                cancel_href=routes::staff_client(ClientId(id))
                cancel=tr!(i18n, staff_access.cancel)
                pending=give.pending()
            />
        </form>
    }
}
