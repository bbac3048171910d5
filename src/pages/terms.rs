//! The terms of use: the version in force, any earlier or later version, and the list
//! of all versions (R8, R9).

use kring_api::{Cursor, Page, TermsDocument, TermsVersionSummary};
use leptos::prelude::*;

use crate::fetched::Fetched;
use leptos_router::hooks::{use_params_map, use_query_map};

use crate::api;
use crate::app::routes;
use crate::components::{DocumentSections, Loaded};
use crate::i18n::*;
use crate::local_time::day_text;
use crate::organisation::use_page_title;
use crate::pages::NotFoundPage;

/// A page of the list of versions.
type TermsVersionsPage = Page<TermsVersionSummary>;

/// The terms in force, then the list of all versions (paged with `?na=` in the URL).
#[component]
pub fn TermsPage() -> impl IntoView {
    let i18n = use_i18n();
    use_page_title(|locale| td_string!(locale, terms.title));
    let current = Fetched::new(api::current_terms);
    let query = use_query_map();
    let cursor = Memo::new(move |_| query.read().get("na").map(Cursor::from));
    let versions = Fetched::new(move || {
        let cursor = cursor.get();
        async move { api::terms_versions(cursor).await }
    });
    view! {
        <h1>{tr!(i18n, terms.title)}</h1>
        <Loaded resource=current skeleton_lines=10 children=move |terms| view! { <TermsText terms /> } />
        <TermsHistory versions />
    }
}

/// One terms version by number (`/voorwaarden/:version`); a version that is not a
/// number is an address the app does not know.
#[component]
pub fn TermsVersionPage() -> impl IntoView {
    let params = use_params_map();
    let version = Memo::new(move |_| {
        params
            .read()
            .get(routes::TERMS_VERSION)
            .and_then(|v| v.parse::<u32>().ok())
    });
    move || match version.get() {
        Some(version) => view! { <TermsVersion version /> }.into_any(),
        None => view! { <NotFoundPage /> }.into_any(),
    }
}

/// The terms of `version`, with a notice when it is not the one in force.
#[component]
fn TermsVersion(version: u32) -> impl IntoView {
    let i18n = use_i18n();
    use_page_title(|locale| td_string!(locale, terms.title));
    let terms = Fetched::new(move || api::terms_version(version));
    view! {
        <h1>{tr!(i18n, terms.title)}</h1>
        <Loaded resource=terms skeleton_lines=10 children=move |terms: TermsDocument| {
            let in_force = terms.in_force;
            view! {
                {(!in_force).then(|| view! {
                    <div class="notice" role="note">
                        <p>{tr!(i18n, terms.not_in_force)}</p>
                        <a href=routes::TERMS>{tr!(i18n, terms.to_current)}</a>
                    </div>
                })}
                <TermsText terms />
            }
        } />
    }
}

/// Version line, what changed (for a new version), and the text.
#[component]
fn TermsText(terms: TermsDocument) -> impl IntoView {
    let i18n = use_i18n();
    let version = terms.version;
    let in_force_from = terms.in_force_from;
    let changes = terms.change_summary.clone();
    let has_changes = !changes.nl.trim().is_empty();
    view! {
        <p class="meta">{t!(
            i18n,
            terms.version_line,
            version,
            date = move || day_text(in_force_from, i18n.get_locale())
        )}</p>
        {has_changes.then(|| view! {
            <section class="card changes">
                <h2>{tr!(i18n, terms.changes_title)}</h2>
                <ul>
                    {
                        let changes = changes.clone();
                        move || {
                            changes
                                .get(api_language(i18n.get_locale()))
                                .lines()
                                .filter(|line| !line.trim().is_empty())
                                .map(|line| view! { <li>{line.trim().to_owned()}</li> })
                                .collect_view()
                        }
                    }
                </ul>
            </section>
        })}
        <DocumentSections sections=terms.sections />
    }
}

/// All versions, newest first, with links.
#[component]
fn TermsHistory(versions: Fetched<TermsVersionsPage>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <section class="card history" aria-labelledby="terms-history">
            <h2 id="terms-history">{tr!(i18n, terms.history_title)}</h2>
            <Loaded resource=versions skeleton_lines=2 children=move |page: TermsVersionsPage| {
                let next = page.next_cursor.clone();
                view! {
                    <ul class="version-list">
                        <For
                            each=move || page.items.clone()
                            key=|item| item.version
                            children=move |item| {
                                let version = item.version;
                                let from = item.in_force_from;
                                view! {
                                    <li>
                                        <a href=routes::terms_version(version)>{t!(
                                            i18n,
                                            terms.history_item,
                                            version,
                                            date = move || day_text(from, i18n.get_locale())
                                        )}</a>
                                        {item.in_force.then(|| view! {
                                            " "<span class="badge">{tr!(i18n, terms.in_force)}</span>
                                        })}
                                    </li>
                                }
                            }
                        />
                    </ul>
                    {next.map(|cursor| view! {
                        <a href=format!("{}?na={}", routes::TERMS, cursor.as_str())>{tr!(i18n, terms.more)}</a>
                    })}
                }
            } />
        </section>
    }
}
