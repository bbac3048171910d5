//! Signing in with an OpenID Connect provider such as DigiD (issue 18): the buttons
//! that start a sign-in or a link, the account's links, and the outcome the provider's
//! callback put in the address (`?fout=<code>`, `?gekoppeld=<provider>`).

use kring_api::{IdentityLink, IdentityProvider, ProblemCode, ProviderPurpose, SignInGroup};
use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_query_map};

use crate::api;
use crate::app::routes;
use crate::components::{FormError, FormSuccess};
use crate::errors::{action_error, problem_text};
use crate::fetched::Fetched;
use crate::i18n::*;
use crate::local_time::local_date_text;
use crate::session::use_session;

/// The problem a callback reported in the address (`?fout=<code>`), if it names one.
fn reported_problem(code: Option<String>) -> Option<ProblemCode> {
    ProblemCode::from_name(&code?)
}

/// The sign-in group of the signed-in person (staff or everyone else).
fn own_group() -> Option<SignInGroup> {
    use_session().current().map(|s| match s.staff {
        Some(_) => SignInGroup::Staff,
        None => SignInGroup::Clients,
    })
}

/// What the callback reported, as an alert (nothing when it reported nothing).
#[component]
pub fn ProviderOutcome() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    move || {
        reported_problem(query.read().get("fout")).map(|code| {
            view! {
                <div class="notice" role="alert">
                    <p>{move || problem_text(code, i18n.get_locale())}</p>
                </div>
            }
        })
    }
}

/// A button per provider that starts a sign-in or a link there: the server answers the
/// provider's address, and the browser leaves the app for it. Shows nothing when the
/// server has no provider (for `group`, when given).
#[component]
pub fn ProviderButtons(
    /// Sign in, or link to the signed-in account.
    purpose: ProviderPurpose,
    /// Only the providers of this group.
    #[prop(optional)]
    group: Option<SignInGroup>,
    /// Leave out these providers (already linked).
    #[prop(optional, into)]
    except: Signal<Vec<String>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let providers = Fetched::new(api::identity_providers);
    let start = Action::new_local(move |provider: &String| {
        let provider = provider.clone();
        async move {
            let redirect = api::start_provider(&provider, purpose).await?;
            let _ = window().location().set_href(&redirect.authorization_url);
            Ok::<_, api::ApiError>(())
        }
    });
    let error = action_error(start);
    let shown = move || -> Vec<IdentityProvider> {
        let except = except.get();
        match providers.get() {
            Some(Ok(list)) => list
                .into_iter()
                .filter(|p| group.is_none_or(|g| p.group == g) && !except.contains(&p.id))
                .collect(),
            _ => Vec::new(),
        }
    };
    move || {
        let list = shown();
        (!list.is_empty()).then(|| {
            view! {
                <div class="provider-buttons stack">
                    <FormError message=error />
                    {list.into_iter().map(|provider| {
                        let IdentityProvider { id, name, .. } = provider;
                        let label = move || {
                            let locale = i18n.get_locale();
                            let text = match purpose {
                                ProviderPurpose::SignIn => td_string!(locale, providers.sign_in_with),
                                ProviderPurpose::Link => td_string!(locale, providers.link_with),
                            };
                            fill(text, &[("name", name.get(api_language(locale)))])
                        };
                        view! {
                            <button
                                type="button"
                                class="button-secondary"
                                disabled=move || start.pending().get()
                                on:click=move |_| { start.dispatch(id.clone()); }
                            >
                                {label}
                            </button>
                        }
                    }).collect_view()}
                </div>
            }
        })
    }
}

crate::lazy_part!(
    provider_sign_in_part,
    provider_sign_in_chunk,
    ProviderSignIn
);

/// The providers part of the sign-in page: a button per provider, and what a callback
/// reported. Every configured provider is shown: which are allowed for a person is
/// known only once they signed in, and the server says so clearly.
#[component]
pub fn ProviderSignIn() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <ProviderOutcome />
        <section class="provider-sign-in" aria-label=move || t_string!(i18n, providers.sign_in_title)>
            <ProviderButtons purpose=ProviderPurpose::SignIn />
        </section>
    }
}

/// The account's links to providers (name, since when, last used), each removable,
/// and buttons to link the providers of the person's group not linked yet. Nothing
/// when the server has no providers and the account no links.
#[component]
pub fn IdentityLinks() -> impl IntoView {
    let i18n = use_i18n();
    let query = use_query_map();
    let links = Fetched::new(api::identity_links);
    let remove = Action::new_local(move |provider: &String| {
        let provider = provider.clone();
        async move {
            let result = api::remove_identity_link(&provider).await;
            links.refetch();
            result
        }
    });
    let remove_error = action_error(remove);
    let linked_ids = Signal::derive(move || match links.get() {
        Some(Ok(list)) => list.into_iter().map(|l| l.provider_id).collect(),
        _ => Vec::new(),
    });
    let done = Signal::derive(move || {
        if matches!(remove.value().get(), Some(Ok(()))) {
            Some(t_string!(i18n, providers.unlinked).to_owned())
        } else {
            query
                .read()
                .get("gekoppeld")
                .map(|_| t_string!(i18n, providers.linked).to_owned())
        }
    });
    let group = own_group();
    // A server without providers (the demo's) shows this part only for links left
    // from before.
    let providers = Fetched::new(api::identity_providers);
    let shown = move || {
        matches!(providers.get(), Some(Ok(list)) if !list.is_empty())
            || matches!(links.get(), Some(Ok(list)) if !list.is_empty())
    };
    view! {
        <Show when=shown>
        <section class="card" aria-labelledby="providers-title">
            <h2 id="providers-title">{tr!(i18n, providers.account_title)}</h2>
            <p>{tr!(i18n, providers.account_text)}</p>
            <ProviderOutcome />
            <FormSuccess message=done />
            <FormError message=remove_error />
            {move || match links.get() {
                Some(Ok(list)) if list.is_empty() => {
                    view! { <p class="empty">{tr!(i18n, providers.none_linked)}</p> }.into_any()
                }
                Some(Ok(list)) => view! {
                    <ul class="provider-links">
                        {list.into_iter().map(|link| link_row(link, remove)).collect_view()}
                    </ul>
                }.into_any(),
                _ => ().into_any(),
            }}
            {match group {
                Some(group) => view! {
                    <ProviderButtons purpose=ProviderPurpose::Link group except=linked_ids />
                }.into_any(),
                None => ().into_any(),
            }}
        </section>
        </Show>
    }
}

fn link_row(
    link: IdentityLink,
    remove: Action<String, Result<(), api::ApiError>>,
) -> impl IntoView {
    let i18n = use_i18n();
    let IdentityLink {
        provider_id,
        provider_name,
        linked_at,
        last_used_at,
    } = link;
    let name = move || {
        provider_name
            .get(api_language(i18n.get_locale()))
            .to_owned()
    };
    let name_for_button = name.clone();
    let dated = move |text: &str, at: &kring_api::Timestamp| {
        fill(text, &[("date", &local_date_text(at, i18n.get_locale()))])
    };
    view! {
        <li>
            <strong>{name.clone()}</strong>
            <span>{move || dated(td_string!(i18n.get_locale(), providers.linked_on), &linked_at)}</span>
            <span>{move || match &last_used_at {
                Some(at) => dated(td_string!(i18n.get_locale(), providers.last_used), at),
                None => t_string!(i18n, providers.never_used).to_owned(),
            }}</span>
            <button
                type="button"
                class="button-secondary"
                disabled=move || remove.pending().get()
                on:click=move |_| { remove.dispatch(provider_id.clone()); }
            >
                {move || fill(td_string!(i18n.get_locale(), providers.unlink), &[("name", &name_for_button())])}
            </button>
        </li>
    }
}

/// On the activation form, when the server offers sign-in services: whether to link
/// one right after activating (not ticked: on to the portal, as always).
#[component]
pub fn ProviderLinkChoice(
    /// Ticked.
    checked: RwSignal<bool>,
) -> impl IntoView {
    let i18n = use_i18n();
    let providers = Fetched::new(api::identity_providers);
    move || {
        matches!(providers.get(), Some(Ok(list)) if !list.is_empty()).then(|| {
            view! {
                <div class="choice">
                    <input
                        type="checkbox"
                        id="activation-link-provider"
                        prop:checked=move || checked.get()
                        on:change=move |ev| checked.set(event_target_checked(&ev))
                    />
                    <label for="activation-link-provider">{tr!(i18n, providers.activation_choice)}</label>
                </div>
            }
        })
    }
}

/// Right after activation, for someone who asked: the offer to link a provider of
/// their group, or, when the server has none for them, straight on to the portal.
#[component]
pub fn ActivationLinkOffer() -> impl IntoView {
    let i18n = use_i18n();
    let navigate = use_navigate();
    let providers = Fetched::new(api::identity_providers);
    let group = own_group();
    let offered = Memo::new(move |_| match providers.get() {
        Some(Ok(list)) => Some(list.iter().any(|p| Some(p.group) == group)),
        // Without the list, nothing to offer: go on.
        Some(Err(_)) => Some(false),
        None => None,
    });
    Effect::new(move || {
        if offered.get() == Some(false) {
            navigate(routes::PORTAL, Default::default());
        }
    });
    move || {
        (offered.get() == Some(true)).then(|| {
            view! {
                <section class="card" aria-labelledby="link-offer-title">
                    <h2 id="link-offer-title">{tr!(i18n, providers.activation_title)}</h2>
                    <p>{tr!(i18n, providers.activation_text)}</p>
                    {group.map(|group| view! { <ProviderButtons purpose=ProviderPurpose::Link group /> })}
                    <p><a href=routes::PORTAL>{tr!(i18n, providers.activation_skip)}</a></p>
                </section>
            }
        })
    }
}

/// For the privacy page: which ways of signing in exist, and what a linked sign-in
/// service leaves with the portal.
#[component]
pub fn SignInMethodsNotice() -> impl IntoView {
    let i18n = use_i18n();
    let providers = Fetched::new(api::identity_providers);
    let names = move || match providers.get() {
        Some(Ok(list)) if !list.is_empty() => {
            let locale = api_language(i18n.get_locale());
            let names: Vec<String> = list.iter().map(|p| p.name.get(locale).to_owned()).collect();
            Some(names.join(", "))
        }
        _ => None,
    };
    view! {
        <section aria-labelledby="privacy-sign-in-title">
            <h2 id="privacy-sign-in-title">{tr!(i18n, providers.privacy_title)}</h2>
            <p>{tr!(i18n, providers.privacy_password)}</p>
            {move || names().map(|names| view! {
                <p>{move || fill(td_string!(i18n.get_locale(), providers.privacy_services), &[("names", &names)])}</p>
            })}
        </section>
    }
}
