//! The layout components, rendered in headless Chromium (wasm-bindgen-test).

#![cfg(target_arch = "wasm32")]

use kring::api::ApiError;
use kring::components::{EmergencyNotice, ErrorPanel, LanguageSwitch, SiteFooter};
use kring::i18n::{provide_language, Locale};
use kring::local_time::day_text;
use kring_api::{Day, EmergencyContact, LocalizedText};
use leptos::prelude::*;
use leptos_router::components::Router;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

/// A fresh element in the page to render into.
fn container() -> web_sys::HtmlElement {
    let document = document();
    let div = document.create_element("div").unwrap();
    document.body().unwrap().append_child(&div).unwrap();
    div.unchecked_into()
}

/// Lets effects and reactive updates run.
async fn settle() {
    leptos::task::tick().await;
    gloo_timers_sleep(50).await;
    leptos::task::tick().await;
}

async fn gloo_timers_sleep(ms: i32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        web_sys::window()
            .unwrap()
            .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, ms)
            .unwrap();
    });
    wasm_bindgen_futures::JsFuture::from(promise).await.unwrap();
}

thread_local! {
    static BUSY: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// The page (its `<html lang>`, local storage) is shared, and wasm-bindgen-test runs
/// async tests interleaved: each test holds this while it runs.
struct Exclusive;

impl Drop for Exclusive {
    fn drop(&mut self) {
        BUSY.with(|b| b.set(false));
    }
}

async fn exclusive() -> Exclusive {
    while BUSY.with(|b| b.replace(true)) {
        gloo_timers_sleep(5).await;
    }
    forget_language();
    Exclusive
}

fn storage() -> web_sys::Storage {
    web_sys::window().unwrap().local_storage().unwrap().unwrap()
}

fn forget_language() {
    storage()
        .remove_item(kring::i18n::LANGUAGE_STORAGE_KEY)
        .unwrap();
}

fn contact() -> EmergencyContact {
    EmergencyContact {
        phone: "+31307001122".into(),
        phone_display: "030 700 11 22".into(),
        hours: LocalizedText::new("Dag en nacht", "Day and night"),
    }
}

#[wasm_bindgen_test]
async fn emergency_notice_links_the_number_and_falls_back_to_112() {
    let _page = exclusive().await;
    let root = container();
    let emergency = RwSignal::new(None::<EmergencyContact>);
    let _handle = leptos::mount::mount_to(root.clone(), move || {
        provide_language();
        view! { <EmergencyNotice emergency /> }
    });
    settle().await;
    let text = root.text_content().unwrap();
    assert!(text.contains("Niet voor noodgevallen"), "{text}");
    assert!(text.contains("112"), "{text}");
    assert!(root.query_selector("a[href^='tel:']").unwrap().is_none());

    emergency.set(Some(contact()));
    settle().await;
    let link = root
        .query_selector("a[href='tel:+31307001122']")
        .unwrap()
        .expect("a tel: link to the emergency number");
    assert_eq!(link.text_content().unwrap(), "030 700 11 22");
    assert!(root.text_content().unwrap().contains("Dag en nacht"));
    let aside = root.query_selector("aside").unwrap().unwrap();
    assert_eq!(
        aside.get_attribute("aria-label").unwrap(),
        "Niet voor noodgevallen."
    );
}

#[wasm_bindgen_test]
async fn language_switch_changes_texts_html_lang_and_is_remembered() {
    let _page = exclusive().await;
    let root = container();
    let _handle = leptos::mount::mount_to(root.clone(), move || {
        provide_language();
        view! {
            <LanguageSwitch />
            <EmergencyNotice emergency=Signal::derive(|| Some(contact())) />
        }
    });
    settle().await;
    let html = document().document_element().unwrap();
    assert_eq!(html.get_attribute("lang").as_deref(), Some("nl"));
    let button: web_sys::HtmlElement = root
        .query_selector("button")
        .unwrap()
        .unwrap()
        .unchecked_into();
    assert_eq!(button.get_attribute("lang").as_deref(), Some("en"));
    assert!(button.text_content().unwrap().contains("English"));

    button.click();
    settle().await;
    assert_eq!(html.get_attribute("lang").as_deref(), Some("en"));
    assert!(root.text_content().unwrap().contains("Not for emergencies"));
    assert!(root.text_content().unwrap().contains("Day and night"));
    assert!(button.text_content().unwrap().contains("Nederlands"));
    let remembered = storage()
        .get_item(kring::i18n::LANGUAGE_STORAGE_KEY)
        .unwrap();
    assert_eq!(remembered.as_deref(), Some("en"));
}

#[wasm_bindgen_test]
async fn footer_names_the_terms_version_in_force() {
    let _page = exclusive().await;
    let root = container();
    let version = RwSignal::new(None::<u32>);
    let _handle = leptos::mount::mount_to(root.clone(), move || {
        provide_language();
        view! { <Router><SiteFooter terms_version=version /></Router> }
    });
    settle().await;
    let terms = root
        .query_selector("a[href='/voorwaarden']")
        .unwrap()
        .unwrap();
    assert_eq!(terms.text_content().unwrap(), "Gebruiksvoorwaarden");
    version.set(Some(2));
    settle().await;
    assert_eq!(
        terms.text_content().unwrap(),
        "Gebruiksvoorwaarden (versie 2)"
    );
    assert!(root.query_selector("a[href='/privacy']").unwrap().is_some());
}

#[wasm_bindgen_test]
async fn error_panel_explains_and_retries() {
    let _page = exclusive().await;
    let root = container();
    let retried = RwSignal::new(0);
    let _handle = leptos::mount::mount_to(root.clone(), move || {
        provide_language();
        let retry = Callback::new(move |()| retried.update(|n| *n += 1));
        view! { <ErrorPanel error=Signal::derive(|| ApiError::Offline) retry /> }
    });
    settle().await;
    let panel = root.query_selector("[role='alert']").unwrap().unwrap();
    assert!(panel
        .text_content()
        .unwrap()
        .contains("geen internetverbinding"));
    let button: web_sys::HtmlElement = root
        .query_selector("button")
        .unwrap()
        .unwrap()
        .unchecked_into();
    button.click();
    button.click();
    assert_eq!(retried.get_untracked(), 2);
}

#[wasm_bindgen_test]
fn dates_read_naturally_in_both_languages() {
    let day = |text: &str| Day::parse(text).unwrap();
    assert_eq!(day_text(day("2026-07-25"), Locale::nl), "25 juli 2026");
    assert_eq!(day_text(day("2026-07-05"), Locale::en), "5 July 2026");
}
