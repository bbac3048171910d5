//! `/team/organisatie`: the organisation's administrators set the organisation up:
//! name, colours (with a live preview of the header and its contrast), emergency
//! number, the periods the portal keeps, the logo and the privacy statement. Each of
//! the three parts is saved on its own; what is saved shows at once in the header.
//!
//! Which ways of signing in each group may use is its own part
//! ([`sign_in_methods`]), shown when the server offers an OpenID Connect provider.

use kring_api::organisation_settings::{
    OrganisationSettings, PrivacyStatementUpdate, LOGO_MAX_BYTES,
};
use kring_api::{PrivacyStatement, ProblemCode, StaffRole};
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::terms::draft::Draft as SectionsDraft;
use super::terms::SectionsEditor;
use super::{use_staff_role_at_least, RequireStaff};
use crate::api::{self, ApiError};
use crate::app::routes;
use crate::components::{focus_soon, ErrorPanel, FormError, FormSuccess, Skeleton, TextField};
use crate::errors::error_message;
use crate::fetched::Fetched;
use crate::i18n::*;
use crate::organisation::{use_organisation, use_page_title};

pub mod draft;
mod sign_in_methods;

use draft::{Field, Problem, SettingsDraft};

/// The organisation settings page.
#[component]
pub fn OrganisationSettingsPage() -> impl IntoView {
    let i18n = use_i18n();
    use_page_title(|locale| td_string!(locale, staff_organisation.title));
    let is_org_admin = use_staff_role_at_least(StaffRole::OrganisationAdmin);
    view! {
        <RequireStaff>
            <p class="back-link"><a href=routes::STAFF>{tr!(i18n, staff_client.to_caseload)}</a></p>
            <h1>{tr!(i18n, staff_organisation.title)}</h1>
            <Show
                when=move || is_org_admin.get()
                fallback=move || view! {
                    <div class="notice" role="alert"><p>{tr!(i18n, staff_terms.only_admins)}</p></div>
                }
            >
                <p class="lead">{tr!(i18n, staff_organisation.intro)}</p>
                <SettingsLoader />
                <LogoSection />
                <PrivacyLoader />
                <sign_in_methods::SignInMethodsLoader />
            </Show>
        </RequireStaff>
    }
}

/// Loads the settings, then shows the form.
#[component]
fn SettingsLoader() -> impl IntoView {
    let settings = Fetched::new(api::staff::organisation_settings);
    move || {
        match settings.get() {
        None => view! { <Skeleton lines=8 /> }.into_any(),
        Some(Ok(current)) => untrack(|| view! { <SettingsForm current /> }).into_any(),
        Some(Err(error)) => view! {
            <ErrorPanel error=Signal::stored(error) retry=Callback::new(move |()| settings.refetch()) />
        }
        .into_any(),
    }
    }
}

/// The text of a field's problem.
fn problem_text(field: Field, problem: Problem, locale: Locale) -> String {
    let range = |text: &str, low: u32, high: u32| {
        fill(
            text,
            &[("min", &low.to_string()), ("max", &high.to_string())],
        )
    };
    match problem {
        Problem::Missing => td_string!(locale, staff_organisation.missing).to_owned(),
        Problem::TooLong(max) => fill(
            td_string!(locale, staff_organisation.too_long),
            &[("max", &max.to_string())],
        ),
        Problem::Colour => td_string!(locale, staff_organisation.colour_invalid).to_owned(),
        Problem::Contrast => td_string!(locale, staff_organisation.contrast_low).to_owned(),
        Problem::Phone => td_string!(locale, staff_organisation.phone_invalid).to_owned(),
        Problem::Days(low, high) => {
            range(td_string!(locale, staff_organisation.days_range), low, high)
        }
        Problem::RetentionShort => {
            td_string!(locale, staff_organisation.retention_short).to_owned()
        }
        Problem::Years(max) => fill(
            td_string!(locale, staff_organisation.years_max),
            &[("max", &max.to_string())],
        ),
    }
    .replace("{field}", field_label(field, locale))
}

/// A field's label.
fn field_label(field: Field, locale: Locale) -> &'static str {
    match field {
        Field::Name => td_string!(locale, staff_organisation.name),
        Field::ShortName => td_string!(locale, staff_organisation.short_name),
        Field::Primary => td_string!(locale, staff_organisation.primary),
        Field::OnPrimary => td_string!(locale, staff_organisation.on_primary),
        Field::Accent => td_string!(locale, staff_organisation.accent),
        Field::Phone => td_string!(locale, staff_organisation.phone),
        Field::HoursNl => td_string!(locale, staff_organisation.hours_nl),
        Field::HoursEn => td_string!(locale, staff_organisation.hours_en),
        Field::GraceDays => td_string!(locale, staff_organisation.grace_days),
        Field::RetentionYears => td_string!(locale, staff_organisation.retention_years),
        Field::CorrectionDays => td_string!(locale, staff_organisation.correction_days),
    }
}

/// The form: name, colours with the preview, emergency number, periods.
#[component]
fn SettingsForm(current: OrganisationSettings) -> impl IntoView {
    let i18n = use_i18n();
    let organisation = use_organisation();
    let draft = SettingsDraft::new(&current);
    let saved = RwSignal::new(false);
    let save = Action::new_local(move |request: &OrganisationSettings| {
        let request = request.clone();
        async move {
            api::staff::change_organisation_settings(request).await?;
            saved.set(true);
            // The header, footer and emergency notice read the public facts: fetch them
            // again so the change shows everywhere at once.
            organisation.0.refetch();
            Ok::<(), ApiError>(())
        }
    });
    let problems = Memo::new(move |_| {
        if draft.tried.get() {
            draft.problems()
        } else {
            Vec::new()
        }
    });
    let error = move |field: Field| {
        Signal::derive(move || {
            let locale = i18n.get_locale();
            problems.with(|list| {
                list.iter()
                    .find(|(f, _)| *f == field)
                    .map(|(f, p)| problem_text(*f, *p, locale))
            })
        })
    };
    let server_error = Signal::derive(move || match save.value().get() {
        Some(Err(e)) => Some(error_message(&e, i18n.get_locale())),
        _ => None,
    });
    let submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        draft.tried.set(true);
        saved.set(false);
        match draft.request() {
            Some(request) => {
                save.dispatch(request);
            }
            None => focus_soon("org-settings-problems"),
        }
    };
    let contrast = move || {
        draft.contrast().map(|ratio| {
            let locale = i18n.get_locale();
            let mut number = format!("{ratio:.1}");
            if locale == Locale::nl {
                number = number.replace('.', ",");
            }
            let text = if ratio >= kring_api::organisation_settings::MIN_CONTRAST {
                td_string!(locale, staff_organisation.contrast_good)
            } else {
                td_string!(locale, staff_organisation.contrast_bad)
            };
            fill(text, &[("ratio", &number)])
        })
    };
    let preview_background = move || draft.preview_colours().map(|(p, _)| p);
    let preview_text = move || draft.preview_colours().map(|(_, o)| o);
    let text = |field: Field, hint: Option<Signal<&'static str>>| {
        let label = Signal::derive(move || field_label(field, i18n.get_locale()));
        match hint {
            Some(hint) => view! { <TextField id=field.id() label value=draft.value(field) hint error=error(field) /> }.into_any(),
            None => view! { <TextField id=field.id() label value=draft.value(field) error=error(field) /> }.into_any(),
        }
    };
    let number = |field: Field, hint: Signal<&'static str>| {
        let label = Signal::derive(move || field_label(field, i18n.get_locale()));
        view! { <TextField id=field.id() label value=draft.value(field) inputmode="numeric" hint error=error(field) /> }
    };
    view! {
        <section class="card settings-part" aria-labelledby="org-settings-title">
            <h2 id="org-settings-title">{tr!(i18n, staff_organisation.settings_title)}</h2>
            <form class="stack" novalidate=true on:submit=submit>
                <Show when=move || problems.with(|p| !p.is_empty())>
                    <div class="notice error-summary" id="org-settings-problems" tabindex="-1" role="alert">
                        <h3>{tr!(i18n, staff_organisation.problems_title)}</h3>
                        <ul>
                            {move || problems.get().into_iter().map(|(field, problem)| view! {
                                <li><a href=format!("#{}", field.id())>{problem_text(field, problem, i18n.get_locale())}</a></li>
                            }).collect_view()}
                        </ul>
                    </div>
                </Show>
                <fieldset class="terms-group">
                    <legend>{tr!(i18n, staff_organisation.name_legend)}</legend>
                    {text(Field::Name, None)}
                    {text(Field::ShortName, Some(tr!(i18n, staff_organisation.short_name_hint)))}
                </fieldset>
                <fieldset class="terms-group">
                    <legend>{tr!(i18n, staff_organisation.colours_legend)}</legend>
                    <p class="field-hint">{tr!(i18n, staff_organisation.colours_hint)}</p>
                    {text(Field::Primary, None)}
                    {text(Field::OnPrimary, None)}
                    {text(Field::Accent, Some(tr!(i18n, staff_organisation.accent_hint)))}
                    <div class="settings-preview" aria-hidden="true"
                        style:background-color=preview_background
                        style:color=preview_text
                    >
                        <span class="settings-preview-name">{move || draft.value(Field::ShortName).get()}</span>
                        <span class="settings-preview-button">{tr!(i18n, staff_organisation.preview_sample)}</span>
                    </div>
                    <p class="field-hint" aria-live="polite">{contrast}</p>
                </fieldset>
                <fieldset class="terms-group">
                    <legend>{tr!(i18n, staff_organisation.emergency_legend)}</legend>
                    {text(Field::Phone, Some(tr!(i18n, staff_organisation.phone_hint)))}
                    {text(Field::HoursNl, None)}
                    {text(Field::HoursEn, None)}
                </fieldset>
                <fieldset class="terms-group">
                    <legend>{tr!(i18n, staff_organisation.periods_legend)}</legend>
                    {number(Field::GraceDays, tr!(i18n, staff_organisation.grace_days_hint))}
                    {number(Field::RetentionYears, tr!(i18n, staff_organisation.retention_hint))}
                    {number(Field::CorrectionDays, tr!(i18n, staff_organisation.correction_hint))}
                </fieldset>
                <FormError message=server_error />
                <FormSuccess message=Signal::derive(move || saved.get().then(|| t_string!(i18n, staff_organisation.saved).to_owned())) />
                <div class="actions">
                    <button type="submit" class="button" disabled=move || save.pending().get()>
                        {tr!(i18n, staff_organisation.save)}
                    </button>
                </div>
            </form>
        </section>
    }
}

/// The logo: the one in use, a new file with its preview, save and remove.
#[component]
fn LogoSection() -> impl IntoView {
    let i18n = use_i18n();
    let organisation = use_organisation();
    // Bumped after each change, so the `<img>` asks for the new file.
    let version = RwSignal::new(0u32);
    let chosen = RwSignal::new(None::<(web_sys::File, String)>);
    let problem = RwSignal::new(None::<String>);
    let done = RwSignal::new(None::<&'static str>);
    let current = move || {
        organisation
            .loaded()
            .and_then(|o| o.logo_url)
            .map(|url| format!("{url}?v={}", version.get()))
    };
    let choose = move |event: leptos::ev::Event| {
        problem.set(None);
        done.set(None);
        let input: Option<web_sys::HtmlInputElement> =
            event.target().and_then(|t| t.dyn_into().ok());
        let file = input.and_then(|i| i.files()).and_then(|files| files.get(0));
        if let Some((_, old)) = chosen.get_untracked() {
            let _ = web_sys::Url::revoke_object_url(&old);
        }
        chosen.set(file.and_then(|file| {
            web_sys::Url::create_object_url_with_blob(&file)
                .ok()
                .map(|url| (file, url))
        }));
    };
    let upload = Action::new_local(move |file: &web_sys::File| {
        let file = file.clone();
        async move {
            let locale = i18n.get_locale_untracked();
            if file.size() > LOGO_MAX_BYTES as f64 {
                problem.set(Some(
                    td_string!(locale, staff_organisation.logo_too_large).to_owned(),
                ));
                return;
            }
            let text = match wasm_bindgen_futures::JsFuture::from(file.text()).await {
                Ok(text) => text.as_string().unwrap_or_default(),
                Err(_) => {
                    problem.set(Some(
                        td_string!(locale, staff_organisation.logo_unreadable).to_owned(),
                    ));
                    return;
                }
            };
            match api::staff::replace_logo(text).await {
                Ok(()) => {
                    chosen.set(None);
                    version.update(|v| *v += 1);
                    organisation.0.refetch();
                    done.set(Some(td_string!(locale, staff_organisation.logo_saved)));
                }
                Err(error) => problem.set(Some(logo_error(&error, locale))),
            }
        }
    });
    let remove = Action::new_local(move |_: &()| async move {
        let locale = i18n.get_locale_untracked();
        match api::staff::remove_logo().await {
            Ok(()) => {
                organisation.0.refetch();
                done.set(Some(td_string!(locale, staff_organisation.logo_removed)));
            }
            Err(error) => problem.set(Some(error_message(&error, locale))),
        }
    });
    let submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        done.set(None);
        match chosen.get_untracked() {
            Some((file, _)) => {
                upload.dispatch(file);
            }
            None => {
                problem.set(Some(
                    t_string!(i18n, staff_organisation.logo_choose_first).to_owned(),
                ));
                focus_soon("org-logo-file");
            }
        }
    };
    let described_by = move || {
        if problem.get().is_some() {
            "org-logo-hint org-logo-error"
        } else {
            "org-logo-hint"
        }
    };
    view! {
        <section class="card settings-part" aria-labelledby="org-logo-title">
            <h2 id="org-logo-title">{tr!(i18n, staff_organisation.logo_title)}</h2>
            <div class="settings-logos">
                <figure>
                    {move || match current() {
                        Some(src) => view! {
                            <img class="settings-logo" src=src alt=move || t_string!(i18n, staff_organisation.logo_current_alt) />
                        }.into_any(),
                        None => view! { <p class="empty">{tr!(i18n, staff_organisation.logo_none)}</p> }.into_any(),
                    }}
                    <figcaption>{tr!(i18n, staff_organisation.logo_current)}</figcaption>
                </figure>
                {move || chosen.get().map(|(_, url)| view! {
                    <figure>
                        <img class="settings-logo" src=url alt=move || t_string!(i18n, staff_organisation.logo_new_alt) />
                        <figcaption>{tr!(i18n, staff_organisation.logo_new)}</figcaption>
                    </figure>
                })}
            </div>
            <form class="stack" novalidate=true on:submit=submit>
                <div class="field">
                    <label for="org-logo-file">{tr!(i18n, staff_organisation.logo_file)}</label>
                    <p class="field-hint" id="org-logo-hint">{tr!(i18n, staff_organisation.logo_hint)}</p>
                    <input
                        id="org-logo-file"
                        type="file"
                        accept=".svg,image/svg+xml"
                        aria-invalid=move || problem.get().is_some().then_some("true")
                        aria-describedby=described_by
                        on:change=choose
                    />
                    {move || problem.get().map(|message| view! {
                        <p class="field-error" id="org-logo-error" role="alert">{message}</p>
                    })}
                </div>
                <FormSuccess message=Signal::derive(move || done.get().map(str::to_owned)) />
                <div class="actions">
                    <button type="submit" class="button" disabled=move || upload.pending().get()>
                        {tr!(i18n, staff_organisation.logo_save)}
                    </button>
                    <Show when=move || organisation.loaded().is_some_and(|o| o.logo_url.is_some())>
                        <button type="button" class="button-secondary" disabled=move || remove.pending().get()
                            on:click=move |_| { remove.dispatch(()); }
                        >
                            {tr!(i18n, staff_organisation.logo_remove)}
                        </button>
                    </Show>
                </div>
            </form>
        </section>
    }
}

/// The words for a refused logo: the server's reason where it has one.
fn logo_error(error: &ApiError, locale: Locale) -> String {
    match error.code() {
        Some(ProblemCode::BodyTooLarge) => {
            td_string!(locale, staff_organisation.logo_too_large).to_owned()
        }
        _ => error_message(error, locale),
    }
}

/// Loads the privacy statement (none yet: the editor starts with one empty section).
#[component]
fn PrivacyLoader() -> impl IntoView {
    let statement = Fetched::new(api::privacy_statement);
    move || {
        match statement.get() {
        None => view! { <Skeleton lines=6 /> }.into_any(),
        Some(Ok(current)) => untrack(|| view! { <PrivacyEditor current=Some(current) /> }).into_any(),
        Some(Err(error)) if error.code() == Some(ProblemCode::NotFound) => {
            untrack(|| view! { <PrivacyEditor current=None /> }).into_any()
        }
        Some(Err(error)) => view! {
            <ErrorPanel error=Signal::stored(error) retry=Callback::new(move |()| statement.refetch()) />
        }
        .into_any(),
    }
    }
}

/// The privacy statement's sections, edited as the terms are, and saved at once (a
/// privacy statement has no versions to accept).
#[component]
fn PrivacyEditor(current: Option<PrivacyStatement>) -> impl IntoView {
    let i18n = use_i18n();
    let draft = SectionsDraft::from_sections(
        current
            .as_ref()
            .map(|s| s.sections.as_slice())
            .unwrap_or_default(),
    );
    let saved = RwSignal::new(false);
    let save = Action::new_local(move |request: &PrivacyStatementUpdate| {
        let request = request.clone();
        async move {
            api::staff::replace_privacy_statement(request).await?;
            saved.set(true);
            Ok::<(), ApiError>(())
        }
    });
    let incomplete =
        Memo::new(move |_| draft.tried.get() && !draft.invalid_section_fields().is_empty());
    let error = Signal::derive(move || {
        if incomplete.get() {
            return Some(t_string!(i18n, staff_terms.incomplete).to_owned());
        }
        match save.value().get() {
            Some(Err(e)) => Some(error_message(&e, i18n.get_locale())),
            _ => None,
        }
    });
    let submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        draft.tried.set(true);
        saved.set(false);
        if let Some(first) = untrack(|| draft.invalid_section_fields()).first() {
            focus_soon(first);
            return;
        }
        save.dispatch(PrivacyStatementUpdate {
            sections: draft.section_texts(),
        });
    };
    view! {
        <section class="card settings-part" aria-labelledby="org-privacy-title">
            <h2 id="org-privacy-title">{tr!(i18n, staff_organisation.privacy_title)}</h2>
            <p>{tr!(i18n, staff_organisation.privacy_hint)}</p>
            <form class="stack terms-editor" novalidate=true on:submit=submit>
                <SectionsEditor draft />
                <FormError message=error />
                <FormSuccess message=Signal::derive(move || saved.get().then(|| t_string!(i18n, staff_organisation.privacy_saved).to_owned())) />
                <div class="actions">
                    <button type="submit" class="button" disabled=move || save.pending().get()>
                        {tr!(i18n, staff_organisation.privacy_save)}
                    </button>
                    <a class="button-link" href=routes::PRIVACY>{tr!(i18n, staff_organisation.privacy_view)}</a>
                </div>
            </form>
        </section>
    }
}
