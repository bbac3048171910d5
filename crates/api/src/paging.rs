//! Cursor paging: every list is answered a page at a time.
//!
//! A list endpoint answers a [`Page`] of its items and, unless it was the last page, a
//! [`Cursor`] to ask for the next one. Its query is a struct in this crate: the server
//! reads it, the app writes it, and the OpenAPI document describes it (`IntoParams`), so
//! a parameter is declared once. Its page sizes are its [`PageBounds`].

use serde::{Deserialize, Serialize};

/// Where the next page of a list starts: a string on the wire, written by the server and
/// opaque to everyone else. Pass a page's `next_cursor` back unchanged as the query's
/// `cursor`. What it holds is the server's business: it may change with any release and
/// is only valid for the list it came from, so no client looks inside.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(transparent)]
pub struct Cursor(String);

impl Cursor {
    /// The cursor as it travels (in a query string, or the app's own address).
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl From<String> for Cursor {
    /// A cursor as it arrived: from the server, from a query string, or from the app's
    /// own address. Nothing is checked here; the server checks it when it comes back.
    fn from(text: String) -> Self {
        Self(text)
    }
}

/// One page of a list, in the list's order.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Page<T> {
    /// The items on this page.
    #[cfg_attr(feature = "openapi", schema(schema_with = items_schema::<T>))]
    pub items: Vec<T>,
    /// Pass as `cursor` for the next page; `null` on the last page.
    pub next_cursor: Option<Cursor>,
}

/// The schema of [`Page::items`]: an array of references to the item's own schema.
/// utoipa's derive would copy the item's whole schema into every `Page_…` instead.
#[cfg(feature = "openapi")]
fn items_schema<T: utoipa::ToSchema>() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
    utoipa::openapi::schema::ArrayBuilder::new()
        .items(utoipa::openapi::Ref::from_schema_name(T::name()))
        .description(Some("The items on this page."))
        .into()
}

impl<T> Default for Page<T> {
    /// An empty list: no items, no next page.
    fn default() -> Self {
        Self {
            items: Vec::new(),
            next_cursor: None,
        }
    }
}

/// How many items a list endpoint answers per page.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PageBounds {
    /// Without `limit`.
    pub default: u32,
    /// The largest `limit` accepted (the smallest is 1).
    pub max: u32,
}

/// Declares a page query with only `cursor` and `limit`, and its bounds. The limit's
/// description is a literal (utoipa reads literal doc strings only).
macro_rules! page_query {
    ($(#[$doc:meta])* $name:ident, $limit_doc:tt, default = $default:tt, max = $max:tt) => {
        $(#[$doc])*
        #[derive(Clone, Debug, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
        #[cfg_attr(feature = "openapi", derive(utoipa::IntoParams))]
        #[cfg_attr(feature = "openapi", into_params(parameter_in = Query))]
        #[serde(deny_unknown_fields)]
        pub struct $name {
            /// `next_cursor` of the previous page
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub cursor: Option<$crate::paging::Cursor>,
            #[doc = $limit_doc]
            #[cfg_attr(feature = "openapi", param(minimum = 1, maximum = $max))]
            #[serde(default, skip_serializing_if = "Option::is_none")]
            pub limit: Option<u32>,
        }

        impl $name {
            /// The page sizes of this list.
            pub const BOUNDS: $crate::paging::PageBounds =
                $crate::paging::PageBounds { default: $default, max: $max };

            /// The page after `cursor` (the first without), in the default size.
            pub fn after(cursor: Option<$crate::paging::Cursor>) -> Self {
                Self {
                    cursor,
                    limit: None,
                }
            }
        }
    };
}
pub(crate) use page_query;

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;
    use crate::dossier::{Counsellor, ReportPage};
    use crate::notes::NoteQuery;

    #[test]
    fn a_page_is_items_and_next_cursor_on_the_wire() {
        let page = Page {
            items: vec![1, 2],
            next_cursor: Some(Cursor::from("azE6Mg".to_owned())),
        };
        let wire = json!({ "items": [1, 2], "next_cursor": "azE6Mg" });
        assert_eq!(serde_json::to_value(&page).unwrap(), wire);
        assert_eq!(serde_json::from_value::<Page<i32>>(wire).unwrap(), page);
        let last = json!({ "items": [], "next_cursor": null });
        assert_eq!(serde_json::to_value(Page::<i32>::default()).unwrap(), last);
        // An answer without the field is the last page too.
        let bare: Page<i32> = serde_json::from_value(json!({ "items": [] })).unwrap();
        assert_eq!(bare, Page::default());
    }

    #[test]
    fn the_report_page_keeps_its_fields_at_the_top_level() {
        let page = ReportPage {
            page: Page {
                items: Vec::new(),
                next_cursor: Some(Cursor::from("cjE6MTox".to_owned())),
            },
            counsellor: None::<Counsellor>,
        };
        let wire = json!({ "items": [], "next_cursor": "cjE6MTox", "counsellor": null });
        assert_eq!(serde_json::to_value(&page).unwrap(), wire);
        assert_eq!(serde_json::from_value::<ReportPage>(wire).unwrap(), page);
    }

    #[test]
    fn a_query_carries_the_cursor_as_a_plain_string() {
        let query = NoteQuery::after(Some(Cursor::from("azE6Mg".to_owned())));
        assert_eq!(
            serde_json::to_value(&query).unwrap(),
            json!({ "cursor": "azE6Mg" })
        );
        assert_eq!(
            serde_json::to_value(NoteQuery::after(None)).unwrap(),
            json!({})
        );
    }
}
