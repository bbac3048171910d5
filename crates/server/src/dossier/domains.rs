//! Life domains as the database stores them: the API's own key (`living`, `health`,
//! ...), so one domain has one spelling in the database, the API and the app (migration
//! 0007 rewrote the older Dutch keys).

use kring_api::dossier::LifeDomain;
use sqlx::error::BoxDynError;
use sqlx::{Database, Decode, Type};

use crate::db::Db;

/// A life domain read from a column: a key that names no domain is an error of the
/// row, not a quiet "living".
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct StoredDomain(pub LifeDomain);

impl Type<Db> for StoredDomain {
    fn type_info() -> <Db as Database>::TypeInfo {
        <&str as Type<Db>>::type_info()
    }

    fn compatible(ty: &<Db as Database>::TypeInfo) -> bool {
        <&str as Type<Db>>::compatible(ty)
    }
}

impl<'r> Decode<'r, Db> for StoredDomain {
    fn decode(value: <Db as Database>::ValueRef<'r>) -> Result<Self, BoxDynError> {
        let key = <&str as Decode<Db>>::decode(value)?;
        LifeDomain::parse(key)
            .map(StoredDomain)
            .ok_or_else(|| format!("{key:?} is not a life domain").into())
    }
}

#[cfg(test)]
mod tests {
    use kring_api::dossier::LifeDomain;

    use crate::app::AppOptions;
    use crate::test_support::test_app;

    #[tokio::test]
    async fn every_domain_is_stored_and_read_by_its_api_key() {
        let app = test_app(AppOptions::default(), false).await;
        for domain in LifeDomain::ALL {
            let read: (super::StoredDomain,) = sqlx::query_as("SELECT $1")
                .bind(domain.as_str())
                .fetch_one(&app.state.db)
                .await
                .unwrap();
            assert_eq!(read.0 .0, domain);
        }
        let unknown: Result<(super::StoredDomain,), _> = sqlx::query_as("SELECT 'wonen'")
            .fetch_one(&app.state.db)
            .await;
        assert!(unknown.is_err());
    }
}
