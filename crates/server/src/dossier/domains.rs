//! Life domains as the database stores them (Dutch keys) and as the API names them.

use kring_api::dossier::LifeDomain;

/// The database key of a domain.
pub fn key(domain: LifeDomain) -> &'static str {
    match domain {
        LifeDomain::Living => "wonen",
        LifeDomain::Health => "gezondheid",
        LifeDomain::DaytimeActivities => "dagbesteding",
        LifeDomain::Finances => "financien",
        LifeDomain::SocialContacts => "sociale-contacten",
        LifeDomain::SelfCare => "zelfzorg",
    }
}

/// The domain of a database key (unknown keys count as daily living).
pub fn from_key(key: &str) -> LifeDomain {
    LifeDomain::ALL
        .into_iter()
        .find(|d| self::key(*d) == key)
        .unwrap_or(LifeDomain::Living)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_domain_round_trips() {
        for domain in LifeDomain::ALL {
            assert_eq!(from_key(key(domain)), domain);
        }
    }

    #[cfg(feature = "demo")]
    #[test]
    fn every_domain_is_in_the_demo_content() {
        for domain in LifeDomain::ALL {
            assert!(crate::demo::content::LIFE_DOMAINS
                .iter()
                .any(|d| d.key == key(domain)));
        }
    }
}
