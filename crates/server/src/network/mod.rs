//! The client's circle (R2, R7, R22): the administrator invites people, gives each their
//! own rights, changes or removes them; invitees accept with an account; contacts may
//! leave. Every change takes effect on the contact's next request, because every
//! request reads the rights afresh (`portals::authorize`).

mod contacts;
mod invitations;
mod messages;
mod routes;

pub use messages::{invitation_email, InvitationFacts};
pub use routes::routes;

use kring_api::Rights;

/// The six rights as the columns `can_view_care_plan` … `can_add_notes` store them.
#[derive(Clone, Copy, Debug, Default, sqlx::FromRow)]
pub(crate) struct RightColumns {
    can_view_care_plan: bool,
    can_view_reports: bool,
    can_view_photos: bool,
    can_add_photos: bool,
    can_view_notes: bool,
    can_add_notes: bool,
}

impl From<RightColumns> for Rights {
    fn from(c: RightColumns) -> Self {
        Rights {
            care_plan: c.can_view_care_plan,
            reports: c.can_view_reports,
            photos_view: c.can_view_photos,
            photos_add: c.can_add_photos,
            notes_view: c.can_view_notes,
            notes_add: c.can_add_notes,
        }
    }
}

/// The rights in the order of the columns, for binding.
pub fn right_values(r: &Rights) -> [bool; 6] {
    [
        r.care_plan,
        r.reports,
        r.photos_view,
        r.photos_add,
        r.notes_view,
        r.notes_add,
    ]
}

/// The rights as a short text for the access log, e.g. `care_plan,notes_view`.
pub(crate) fn rights_detail(r: &Rights) -> String {
    let names = [
        "care_plan",
        "reports",
        "photos_view",
        "photos_add",
        "notes_view",
        "notes_add",
    ];
    let granted: Vec<&str> = names
        .iter()
        .zip(right_values(r))
        .filter_map(|(name, on)| on.then_some(*name))
        .collect();
    if granted.is_empty() {
        "none".into()
    } else {
        granted.join(",")
    }
}

#[cfg(test)]
mod tests;
