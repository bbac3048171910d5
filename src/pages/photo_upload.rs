//! `/portaal/:client_id/fotos/toevoegen`: adding photos (R19), for people with the
//! "photos (add)" right. Photos come from the [`PhotoPicker`]; the [`UploadQueue`]
//! shows each chosen file as a row with an optional caption and day taken, and "post"
//! sends them, each with its own progress bar and "cancel".

use leptos::prelude::*;

use crate::api::PhotoTarget;
use crate::app::routes;
use crate::components::{
    caption_too_long, FormError, PhotoPicker, RequireSignIn, UploadQueue, Uploads,
};
use crate::i18n::*;
use crate::organisation::use_page_title;
use crate::portal_scope::{use_client_id, use_portal_access, ClientId};

/// The upload page.
#[component]
pub fn PhotoUploadPage() -> impl IntoView {
    let i18n = use_i18n();
    use_page_title(|locale| td_string!(locale, upload.title));
    let client_id = use_client_id();
    let access = use_portal_access(client_id);
    let can_add =
        Memo::new(move |_| access.with(|a| a.as_ref().is_some_and(|a| a.rights.photos_add)));
    let gallery_href = move || routes::photos(client_id);
    view! {
        <RequireSignIn>
            <p class="back-link"><a href=gallery_href>{tr!(i18n, upload.back)}</a></p>
            <h1>{tr!(i18n, upload.title)}</h1>
            {move || if can_add.get() {
                view! { <UploadForm client_id /> }.into_any()
            } else {
                view! { <div class="notice" role="alert"><p>{tr!(i18n, upload.no_add)}</p></div> }.into_any()
            }}
        </RequireSignIn>
    }
}

/// Choosing photos, the list of chosen photos, and posting them.
#[component]
fn UploadForm(client_id: ClientId) -> impl IntoView {
    let i18n = use_i18n();
    let uploads = Uploads::new();
    let refused = RwSignal::new(false);
    let counts = Memo::new(move |_| uploads.counts());
    // Said once the person has posted: before that, nothing has happened yet.
    let posted = RwSignal::new(false);
    let gallery_href = move || routes::photos(client_id);
    let post = move |_| {
        let started = uploads.start_all(PhotoTarget::Portal(client_id.get()));
        refused.set(!started);
        if started {
            posted.set(true);
        }
    };
    view! {
        <p class="lead">{tr!(i18n, upload.intro)}</p>
        <p class="notice">{tr!(i18n, upload.others)}</p>
        <PhotoPicker uploads />
        <Show when=move || uploads.rows.with(|rows| !rows.is_empty())>
            <section aria-labelledby="upload-list-title">
                <h2 id="upload-list-title">{tr!(i18n, upload.list_title)}</h2>
                <UploadQueue uploads counts posted=posted.into() />
                <FormError message=Signal::derive(move || refused.get().then(|| caption_too_long(i18n.get_locale()))) />
                <Show when=move || { counts.get().ready > 0 }>
                    <div class="actions">
                        <button type="button" class="button" on:click=post>
                            {tr!(i18n, upload.submit)}
                        </button>
                    </div>
                </Show>
                <Show when=move || { let c = counts.get(); c.underway == 0 && c.done > 0 }>
                    <div class="actions"><a class="button" href=gallery_href>{tr!(i18n, upload.to_gallery)}</a></div>
                </Show>
            </section>
        </Show>
    }
}
