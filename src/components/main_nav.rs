//! The main navigation.

use leptos::prelude::*;
use leptos_router::components::A;

use super::icons::{
    AccountIcon, ClientsIcon, ContactIcon, HomeIcon, ModerationIcon, PortalIcon, RequestsIcon,
    SignInIcon, TermsIcon,
};
use crate::app::routes;
use crate::i18n::*;
use crate::session::use_session;

/// The main menu: a bar at the bottom on phones, a column on the left from tablet width.
/// Signed in it leads to the portal and the account; signed out to signing in; staff
/// get the care team's menu instead. The link of the page shown has
/// `aria-current="page"`.
#[component]
pub fn MainNav() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let is_staff = Memo::new(move |_| session.current().is_some_and(|s| s.staff.is_some()));
    view! {
        <Show when=move || !is_staff.get() fallback=StaffNav>
        <nav class="main-nav" aria-label=move || t_string!(i18n, nav.label)>
            <ul>
                <Show
                    when=move || session.signed_in()
                    fallback=move || view! {
                        <li>
                            <A href=routes::HOME exact=true>
                                <HomeIcon />
                                <span>{tr!(i18n, nav.home)}</span>
                            </A>
                        </li>
                        <li>
                            <A href=routes::SIGN_IN>
                                <SignInIcon />
                                <span>{tr!(i18n, nav.sign_in)}</span>
                            </A>
                        </li>
                    }
                >
                    <li>
                        <A href=routes::PORTAL>
                            <PortalIcon />
                            <span>{tr!(i18n, nav.portal)}</span>
                        </A>
                    </li>
                    <li>
                        <A href=routes::ACCOUNT>
                            <AccountIcon />
                            <span>{tr!(i18n, nav.account)}</span>
                        </A>
                    </li>
                </Show>
                <li>
                    <A href=routes::CONTACT>
                        <ContactIcon />
                        <span>{tr!(i18n, nav.contact)}</span>
                    </A>
                </li>
                <li>
                    <A href=routes::TERMS>
                        <TermsIcon />
                        <span>{tr!(i18n, nav.terms)}</span>
                    </A>
                </li>
            </ul>
        </nav>
        </Show>
    }
}

/// The care team's menu: their clients, what waits for moderation, the correction
/// requests, and their account.
#[component]
fn StaffNav() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <nav class="main-nav" aria-label=move || t_string!(i18n, nav.label)>
            <ul>
                <li>
                    <A href=routes::STAFF exact=true>
                        <ClientsIcon />
                        <span>{tr!(i18n, nav.clients)}</span>
                    </A>
                </li>
                <li>
                    <A href=routes::staff_moderation()>
                        <ModerationIcon />
                        <span>{tr!(i18n, nav.moderation)}</span>
                    </A>
                </li>
                <li>
                    <A href=routes::staff_corrections()>
                        <RequestsIcon />
                        <span>{tr!(i18n, nav.requests)}</span>
                    </A>
                </li>
                <li>
                    <A href=routes::ACCOUNT>
                        <AccountIcon />
                        <span>{tr!(i18n, nav.account)}</span>
                    </A>
                </li>
            </ul>
        </nav>
    }
}
