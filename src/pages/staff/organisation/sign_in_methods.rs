//! The part of `/team/organisatie` where administrators choose per group which ways of
//! signing in are allowed: password with a code, and each OpenID Connect provider the
//! server offers for the group. Shown only when the server offers a provider: with the
//! password alone there is nothing to choose.

use kring_api::{GroupSignInMethods, IdentityProvider, SignInGroup, SignInMethods};
use leptos::prelude::*;

use crate::api;
use crate::components::{ErrorPanel, FormError, FormSuccess, Skeleton};
use crate::errors::action_error;
use crate::fetched::Fetched;
use crate::i18n::*;

/// Loads the methods and the providers, then shows the choice.
#[component]
pub fn SignInMethodsLoader() -> impl IntoView {
    let methods = Fetched::new(api::staff::sign_in_methods);
    let providers = Fetched::new(api::identity_providers);
    move || {
        match (methods.get(), providers.get()) {
        (Some(Ok(current)), Some(Ok(providers))) if !providers.is_empty() => {
            untrack(|| view! { <SignInMethodsForm current providers /> }).into_any()
        }
        (Some(Ok(_)), Some(Ok(_))) => ().into_any(),
        (Some(Err(error)), _) | (_, Some(Err(error))) => view! {
            <ErrorPanel error=Signal::stored(error) retry=Callback::new(move |()| methods.refetch()) />
        }
        .into_any(),
        _ => view! { <Skeleton lines=4 /> }.into_any(),
    }
    }
}

#[component]
fn SignInMethodsForm(current: SignInMethods, providers: Vec<IdentityProvider>) -> impl IntoView {
    let i18n = use_i18n();
    let chosen = RwSignal::new(current);
    let save = Action::new_local(|methods: &SignInMethods| {
        api::staff::change_sign_in_methods(methods.clone())
    });
    let save_error = action_error(save);
    let empty_group = RwSignal::new(false);
    let saved = Signal::derive(move || {
        matches!(save.value().get(), Some(Ok(_)))
            .then(|| t_string!(i18n, providers.methods_saved).to_owned())
    });
    let error = Signal::derive(move || {
        if empty_group.get() {
            Some(t_string!(i18n, providers.methods_at_least_one).to_owned())
        } else {
            save_error.get()
        }
    });
    let submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        let methods = chosen.get_untracked();
        let empty = |g: &GroupSignInMethods| !g.password && g.providers.is_empty();
        empty_group.set(empty(&methods.clients) || empty(&methods.staff));
        if !empty_group.get_untracked() {
            save.dispatch(methods);
        }
    };
    let groups = [SignInGroup::Clients, SignInGroup::Staff].map(|group| {
        let of_group: Vec<IdentityProvider> = providers
            .iter()
            .filter(|p| p.group == group)
            .cloned()
            .collect();
        view! { <GroupChoice group chosen providers=of_group /> }
    });
    view! {
        <section class="card settings-part" aria-labelledby="org-methods-title">
            <h2 id="org-methods-title">{tr!(i18n, providers.methods_title)}</h2>
            <p>{tr!(i18n, providers.methods_intro)}</p>
            <form class="stack" novalidate=true on:submit=submit>
                {groups.into_iter().collect_view()}
                <FormError message=error />
                <FormSuccess message=saved />
                <div class="actions">
                    <button type="submit" class="button" disabled=move || save.pending().get()>
                        {tr!(i18n, providers.methods_save)}
                    </button>
                </div>
            </form>
        </section>
    }
}

/// The boxes of one group: the password, then each of its providers.
#[component]
fn GroupChoice(
    group: SignInGroup,
    chosen: RwSignal<SignInMethods>,
    providers: Vec<IdentityProvider>,
) -> impl IntoView {
    let i18n = use_i18n();
    let key = match group {
        SignInGroup::Clients => "clients",
        SignInGroup::Staff => "staff",
    };
    let password_id = format!("methods-{key}-password");
    view! {
        <fieldset class="choice-group">
            <legend>{move || match group {
                SignInGroup::Clients => t_string!(i18n, providers.methods_clients),
                SignInGroup::Staff => t_string!(i18n, providers.methods_staff),
            }}</legend>
            <div class="choice">
                <input
                    type="checkbox"
                    id=password_id.clone()
                    prop:checked=move || chosen.with(|m| m.of(group).password)
                    on:change=move |ev| {
                        let on = event_target_checked(&ev);
                        chosen.update(|m| group_of(m, group).password = on);
                    }
                />
                <label for=password_id>{tr!(i18n, providers.methods_password)}</label>
            </div>
            {providers.into_iter().map(|provider| {
                let box_id = format!("methods-{key}-{}", provider.id);
                let id = provider.id.clone();
                let checked_id = provider.id.clone();
                let name = provider.name.clone();
                view! {
                    <div class="choice">
                        <input
                            type="checkbox"
                            id=box_id.clone()
                            prop:checked=move || chosen.with(|m| m.of(group).providers.contains(&checked_id))
                            on:change=move |ev| {
                                let on = event_target_checked(&ev);
                                chosen.update(|m| {
                                    let list = &mut group_of(m, group).providers;
                                    list.retain(|p| *p != id);
                                    if on {
                                        list.push(id.clone());
                                    }
                                });
                            }
                        />
                        <label for=box_id>{move || name.get(api_language(i18n.get_locale())).to_owned()}</label>
                    </div>
                }
            }).collect_view()}
        </fieldset>
    }
}

/// The methods of one group, to change.
fn group_of(methods: &mut SignInMethods, group: SignInGroup) -> &mut GroupSignInMethods {
    match group {
        SignInGroup::Clients => &mut methods.clients,
        SignInGroup::Staff => &mut methods.staff,
    }
}
