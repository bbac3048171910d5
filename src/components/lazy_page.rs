//! Pages whose code is loaded when they are first shown.
//!
//! The build splits the app's WebAssembly at every function declared with
//! [`lazy_page!`](crate::lazy_page): the page's code goes to its own chunk, fetched the
//! first time someone opens the page. The first page load then carries only what the
//! start and sign-in pages need. A chunk that cannot be fetched (a phone that lost its
//! connection) is an error with "try again", never a broken app.

use std::future::Future;
use std::pin::Pin;

use leptos::prelude::*;
use leptos::reactive::computed::ScopedFuture;
use leptos::task::spawn_local;

use crate::api::ApiError;
use crate::components::{ErrorPanel, Skeleton};

/// The error a page's chunk load ends in (re-exported for [`lazy_page!`](crate::lazy_page)).
pub use leptos::wasm_split::SplitLoaderError;

/// Loads a page's chunk and returns the page.
pub type PageLoader = fn() -> Pin<Box<dyn Future<Output = Result<AnyView, SplitLoaderError>>>>;

/// Where a lazily loaded page stands.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Loading {
    Pending,
    Ready,
    Failed,
}

/// Shows the page `load` returns: a skeleton while its code arrives, an error with
/// "try again" if it cannot be fetched.
#[component]
pub fn LazyPage(
    /// Fetches the page's code (made by [`lazy_page!`](crate::lazy_page)).
    load: PageLoader,
    /// Show nothing (instead of a skeleton) while the code arrives: for a part of a page
    /// that may well turn out empty (made by [`lazy_part!`](crate::lazy_part)).
    #[prop(optional)]
    quiet: bool,
) -> impl IntoView {
    let state = RwSignal::new(Loading::Pending);
    let failure = move || {
        if crate::api::is_offline() {
            ApiError::Offline
        } else {
            ApiError::Network("page code".into())
        }
    };
    // The page view is handed over once; it is not a value signals can clone.
    let page = StoredValue::new_local(None::<AnyView>);
    let owner = StoredValue::new(Owner::current());
    let start = move || {
        state.set(Loading::Pending);
        // The page is built when its code has arrived, inside this component's owner, so
        // it finds the app's contexts (language, session) and is cleaned up with it.
        // The retry button runs this outside any owner, hence the captured one.
        let load = match owner.get_value() {
            Some(owner) => owner.with(|| ScopedFuture::new_untracked(load())),
            None => ScopedFuture::new_untracked(load()),
        };
        spawn_local(async move {
            match load.await {
                Ok(view) => {
                    page.set_value(Some(view));
                    let _ = state.try_set(Loading::Ready);
                }
                Err(_) => {
                    let _ = state.try_set(Loading::Failed);
                }
            }
        });
    };
    start();
    move || match state.get() {
        Loading::Pending if quiet => ().into_any(),
        Loading::Pending => view! { <Skeleton lines=4 /> }.into_any(),
        Loading::Ready => page
            .try_update_value(Option::take)
            .flatten()
            .unwrap_or_else(|| ().into_any()),
        Loading::Failed => view! {
            <ErrorPanel
                error=Signal::stored(failure())
                retry=Callback::new(move |()| start())
            />
        }
        .into_any(),
    }
}

/// Declares a page that is loaded when first shown: `lazy_page!(route_fn, chunk, Page)`
/// makes `route_fn`, the view for a `<Route>`, and puts `Page` in the chunk `chunk`.
///
/// Only the build that runs the splitter (`cargo xtask build`) sets `--cfg kring_split`.
/// Every other build (`trunk serve` in `cargo xtask dev`, the in-browser tests, a plain
/// `trunk build`) is one WASM: a split point would leave an import that only the splitter
/// resolves, so there the page is simply built.
#[macro_export]
macro_rules! lazy_page {
    ($route:ident, $chunk:ident, $page:ident) => {
        #[cfg(kring_split)]
        #[::leptos::wasm_split::wasm_split($chunk, wasm_split_path = ::leptos::wasm_split, fallible)]
        fn $chunk(
        ) -> ::std::result::Result<::leptos::prelude::AnyView, $crate::components::SplitLoaderError>
        {
            use ::leptos::prelude::*;
            Ok(view! { <$page /> }.into_any())
        }

        #[cfg(not(kring_split))]
        async fn $chunk(
        ) -> ::std::result::Result<::leptos::prelude::AnyView, $crate::components::SplitLoaderError>
        {
            use ::leptos::prelude::*;
            Ok(view! { <$page /> }.into_any())
        }

        /// The route's view: the page, loaded on first use.
        fn $route() -> impl ::leptos::prelude::IntoView {
            use ::leptos::prelude::*;
            view! { <$crate::components::LazyPage load=|| Box::pin($chunk()) /> }
        }
    };
}

/// Declares a part of a page that is loaded when first shown, as [`lazy_page!`] does for
/// a page: `lazy_part!(view_fn, chunk, Part)` makes `view_fn`, which shows nothing until
/// `Part`'s code arrived. For what most people never use, kept out of the first load:
/// the sign-in services (most organisations have none) and setting up a new number
/// after a lost phone.
#[macro_export]
macro_rules! lazy_part {
    ($view:ident, $chunk:ident, $part:ident) => {
        #[cfg(kring_split)]
        #[::leptos::wasm_split::wasm_split($chunk, wasm_split_path = ::leptos::wasm_split, fallible)]
        fn $chunk(
        ) -> ::std::result::Result<::leptos::prelude::AnyView, $crate::components::SplitLoaderError>
        {
            use ::leptos::prelude::*;
            Ok(view! { <$part /> }.into_any())
        }

        #[cfg(not(kring_split))]
        async fn $chunk(
        ) -> ::std::result::Result<::leptos::prelude::AnyView, $crate::components::SplitLoaderError>
        {
            use ::leptos::prelude::*;
            Ok(view! { <$part /> }.into_any())
        }

        /// The part's view, loaded on first use.
        pub fn $view() -> impl ::leptos::prelude::IntoView {
            use ::leptos::prelude::*;
            view! { <$crate::components::LazyPage load=|| Box::pin($chunk()) quiet=true /> }
        }
    };
}
