//! Small inline icons. They are decorative: the text next to them says what they mean.

use leptos::prelude::*;

/// A house.
#[component]
pub fn HomeIcon() -> impl IntoView {
    view! {
        <svg class="icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
            <path d="M3 11.5 12 4l9 7.5M5.5 10v10h5v-6h3v6h5V10" />
        </svg>
    }
}

/// A telephone.
#[component]
pub fn ContactIcon() -> impl IntoView {
    view! {
        <svg class="icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
            <path d="M6.5 3.5h3l1.5 4-2 1.5a11 11 0 0 0 6 6l1.5-2 4 1.5v3a2 2 0 0 1-2 2A16 16 0 0 1 4.5 5.5a2 2 0 0 1 2-2Z" />
        </svg>
    }
}

/// A document.
#[component]
pub fn TermsIcon() -> impl IntoView {
    view! {
        <svg class="icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
            <path d="M6 3h9l4 4v14H6zM14 3v5h5M9 12h7M9 16h7" />
        </svg>
    }
}

/// A folder with a person: the portal.
#[component]
pub fn PortalIcon() -> impl IntoView {
    view! {
        <svg class="icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
            <path d="M3 7h6l2 2h10v11H3zM12 13.5a2 2 0 1 0 0-.01M8.5 18.5a3.5 3.5 0 0 1 7 0" />
        </svg>
    }
}

/// A person.
#[component]
pub fn AccountIcon() -> impl IntoView {
    view! {
        <svg class="icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
            <path d="M12 12a4 4 0 1 0 0-8 4 4 0 0 0 0 8ZM4.5 20.5a7.5 7.5 0 0 1 15 0" />
        </svg>
    }
}

/// A door with an arrow going in.
#[component]
pub fn SignInIcon() -> impl IntoView {
    view! {
        <svg class="icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
            <path d="M14 4h5v16h-5M3 12h11M10 8l4 4-4 4" />
        </svg>
    }
}

/// Two people: the care team's clients.
#[component]
pub fn ClientsIcon() -> impl IntoView {
    view! {
        <svg class="icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
            <path d="M9 11a3.5 3.5 0 1 0 0-7 3.5 3.5 0 0 0 0 7ZM2.5 20a6.5 6.5 0 0 1 13 0M16 4.5a3.5 3.5 0 0 1 0 6.5M18 14.5a6.5 6.5 0 0 1 3.5 5.5" />
        </svg>
    }
}

/// A speech bubble with a check: looking at what was placed.
#[component]
pub fn ModerationIcon() -> impl IntoView {
    view! {
        <svg class="icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
            <path d="M4 4h16v12H9l-5 4zM8.5 10l2.5 2.5L16 7.5" />
        </svg>
    }
}

/// A list with a pencil: requests to correct the dossier.
#[component]
pub fn RequestsIcon() -> impl IntoView {
    view! {
        <svg class="icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
            <path d="M4 6h10M4 11h8M4 16h5M14 20l1-4 6-6 3 3-6 6z" />
        </svg>
    }
}
