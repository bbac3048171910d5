//! Cursor paging: every list is answered a page at a time.
//!
//! A list endpoint's query is a struct in this crate: the server reads it, the app
//! writes it, and the OpenAPI document describes it (`IntoParams`), so a parameter is
//! declared once. Its page sizes are its [`PageBounds`].

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
            pub cursor: Option<String>,
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
            pub fn after(cursor: Option<&str>) -> Self {
                Self {
                    cursor: cursor.map(str::to_owned),
                    limit: None,
                }
            }
        }
    };
}
pub(crate) use page_query;
