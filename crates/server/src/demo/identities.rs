//! Demo identities: every demo account can sign in with one password, and the demo
//! holds an account in each state the portal knows (active, terms not yet accepted,
//! invited but not activated, suspended, care ended) and a staff account.

use chrono::{DateTime, Duration, Utc};

use super::{insert_id, OrgSpec, Tx};
use crate::problem::ApiError;
use crate::secrets;

/// The password of every demo account.
pub const DEMO_PASSWORD: &str = "kring-demo-wachtwoord";

/// The argon2 hash of [`DEMO_PASSWORD`] (computed once per seeding).
pub fn demo_password_hash() -> Result<String, ApiError> {
    crate::auth::passwords::hash_now(DEMO_PASSWORD)
}

/// Accounts beyond the headline administrators, per organisation: (e-mail, name,
/// description).
const EXTRA: &[(&str, &str, &str, &str)] = &[
    (
        "de-linde",
        "fleur@demo.example",
        "Fleur Mulder",
        "uitgenodigd, nog niet geactiveerd: de activatielink staat in de dev outbox / invited, activation link in the dev outbox",
    ),
    (
        "de-linde",
        "jeroen@demo.example",
        "Jeroen Visser",
        "broer van Daan, geblokkeerd door de organisatie / brother of Daan, suspended by the organisation",
    ),
    (
        "de-linde",
        "anna@demo.example",
        "Anna Visser",
        "oma van Daan, contactpersoon: foto's en berichten / Daan's grandmother, contact: photos and notes",
    ),
    (
        "de-linde",
        "sanne@demo.example",
        "Sanne de Vries",
        "uitgenodigd in de kring van Daan: de uitnodiging staat in de dev outbox / invited into Daan's circle, the invitation is in the dev outbox",
    ),
    (
        "de-linde",
        "team@demo.example",
        "Teamleider De Linde",
        "medewerker (teamleider, Wijkteam Noord) / staff (team lead, Wijkteam Noord)",
    ),
    (
        "de-linde",
        "zorg@demo.example",
        "Begeleider De Linde",
        "medewerker (begeleider van Daan, Wijkteam Centrum) / staff (Daan's care professional)",
    ),
    (
        "de-linde",
        "beheer@demo.example",
        "Beheerder De Linde",
        "medewerker (beheerder van de organisatie: alle teams, voorwaarden) / staff (organisation administrator)",
    ),
];

/// The extra demo accounts of one organisation, for the start-up message.
pub fn extra_accounts(spec: &OrgSpec) -> impl Iterator<Item = super::DemoAccount> + '_ {
    EXTRA
        .iter()
        .filter(move |(slug, ..)| *slug == spec.slug)
        .map(|(_, email, name, role)| super::DemoAccount {
            name: (*name).to_owned(),
            email: (*email).to_owned(),
            role: (*role).to_owned(),
        })
}

async fn account_id(tx: &mut Tx<'_>, org_id: i64, email: &str) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar("SELECT id FROM accounts WHERE organisation_id = $1 AND email = $2")
        .bind(org_id)
        .bind(email)
        .fetch_one(&mut **tx)
        .await
}

async fn client_of(tx: &mut Tx<'_>, account_id: i64) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar(
        "SELECT client_id FROM portal_access WHERE account_id = $1 AND role = 'administrator'",
    )
    .bind(account_id)
    .fetch_one(&mut **tx)
    .await
}

/// Gives the organisation's demo accounts their passwords and states.
pub async fn seed(
    tx: &mut Tx<'_>,
    spec: &OrgSpec,
    password_hash: &str,
    now: DateTime<Utc>,
    public_url: &str,
) -> Result<(), super::DemoError> {
    let org_id: i64 = sqlx::query_scalar("SELECT id FROM organisations WHERE slug = $1")
        .bind(spec.slug)
        .fetch_one(&mut **tx)
        .await?;
    // Everyone created so far is an active, verified account with the demo password.
    sqlx::query(
        "UPDATE accounts SET password_hash = $1, email_verified_at = $2, mobile_verified_at = $2, status = 'active' \
         WHERE organisation_id = $3",
    )
    .bind(password_hash)
    .bind(now - Duration::days(400))
    .bind(org_id)
    .execute(&mut **tx)
    .await?;
    for client in spec.clients {
        sqlx::query("UPDATE accounts SET mobile = $1 WHERE organisation_id = $2 AND email = $3")
            .bind(client.mobile)
            .bind(org_id)
            .bind(client.email)
            .execute(&mut **tx)
            .await?;
    }
    // Terms: contacts, and administrators marked `terms_accepted`, accepted the version
    // in force; the first administrator accepted only the earlier version (so the demo
    // shows "what changed"); the others none yet.
    let versions: Vec<(i64, i64)> = sqlx::query_as(
        "SELECT id, version FROM terms_versions WHERE organisation_id = $1 ORDER BY version",
    )
    .bind(org_id)
    .fetch_all(&mut **tx)
    .await?;
    if let (Some((first_id, _)), Some((current_id, _))) = (versions.first(), versions.last()) {
        sqlx::query(
            "INSERT INTO terms_acceptances (account_id, terms_version_id, accepted_at) \
             SELECT pa.account_id, $1, $2 FROM portal_access pa JOIN clients c ON c.id = pa.client_id \
             WHERE c.organisation_id = $3 AND pa.role = 'contact'",
        )
        .bind(current_id)
        .bind(now - Duration::days(60))
        .bind(org_id)
        .execute(&mut **tx)
        .await?;
        for client in spec.clients.iter().filter(|c| c.terms_accepted) {
            let id = account_id(tx, org_id, client.email).await?;
            sqlx::query("INSERT INTO terms_acceptances (account_id, terms_version_id, accepted_at) VALUES ($1, $2, $3)")
                .bind(id)
                .bind(current_id)
                .bind(now - Duration::days(30))
                .execute(&mut **tx)
                .await?;
        }
        if let Some(first) = spec.clients.first() {
            let id = account_id(tx, org_id, first.email).await?;
            sqlx::query("INSERT INTO terms_acceptances (account_id, terms_version_id, accepted_at) VALUES ($1, $2, $3)")
                .bind(id)
                .bind(first_id)
                .bind(now - Duration::days(300))
                .execute(&mut **tx)
                .await?;
        }
    }
    if spec.slug != "de-linde" {
        return Ok(());
    }
    let daan = account_id(tx, org_id, "daan@demo.example").await?;
    let daans_portal = client_of(tx, daan).await?;

    // A contact the organisation suspended for excessive use.
    let jeroen = insert_id(
        tx,
        sqlx::query(
            "INSERT INTO accounts (organisation_id, display_name, email, mobile, preferred_language, created_at, \
             password_hash, email_verified_at, mobile_verified_at, status, status_reason) \
             VALUES ($1, 'Jeroen Visser', 'jeroen@demo.example', '+31600000021', 'nl', $2, $3, $2, $2, 'suspended', \
             'U heeft herhaaldelijk berichten geplaatst die niet passend zijn. Neem contact op met het zorgteam.') RETURNING id",
        )
        .bind(org_id)
        .bind(now - Duration::days(200))
        .bind(password_hash),
    )
    .await?;
    sqlx::query(
        "INSERT INTO portal_access (client_id, account_id, role, relation, status, can_view_photos, can_view_notes, \
         can_add_notes, created_at) VALUES ($1, $2, 'contact', 'Broer', 'active', TRUE, TRUE, TRUE, $3)",
    )
    .bind(daans_portal)
    .bind(jeroen)
    .bind(now - Duration::days(200))
    .execute(&mut **tx)
    .await?;

    // A grandmother in Daan's circle who sees photos and notes, and accepted the terms.
    let anna = insert_id(
        tx,
        sqlx::query(
            "INSERT INTO accounts (organisation_id, display_name, email, mobile, preferred_language, created_at, \
             password_hash, email_verified_at, mobile_verified_at, status) \
             VALUES ($1, 'Anna Visser', 'anna@demo.example', '+31600000051', 'nl', $2, $3, $2, $2, 'active') RETURNING id",
        )
        .bind(org_id)
        .bind(now - Duration::days(300))
        .bind(password_hash),
    )
    .await?;
    sqlx::query(
        "INSERT INTO portal_access (client_id, account_id, role, relation, status, can_view_photos, can_view_notes, \
         can_add_notes, created_at) VALUES ($1, $2, 'contact', 'Oma', 'active', TRUE, TRUE, TRUE, $3)",
    )
    .bind(daans_portal)
    .bind(anna)
    .bind(now - Duration::days(300))
    .execute(&mut **tx)
    .await?;
    if let Some((current_id, _)) = versions.last() {
        sqlx::query("INSERT INTO terms_acceptances (account_id, terms_version_id, accepted_at) VALUES ($1, $2, $3)")
            .bind(anna)
            .bind(current_id)
            .bind(now - Duration::days(60))
            .execute(&mut **tx)
            .await?;
    }

    // A note of Anna's that the organisation removed (R16): Anna sees why, others
    // see nothing.
    sqlx::query(
        "INSERT INTO notes (client_id, author_account_id, body, created_at, removed_at, removed_reason) \
         VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(daans_portal)
    .bind(anna)
    .bind("Gezellig bij de barbecue! Ook leuk dat de buurman van Daan er was.")
    // Newer than every seeded note (those end 30 minutes ago), as it is inserted after
    // them: the timeline orders by id, as real notes arrive in time order.
    .bind(now - Duration::minutes(20))
    .bind(now - Duration::minutes(10))
    .bind("Dit bericht noemde een andere bewoner. Over anderen schrijven we niet in het portaal.")
    .execute(&mut **tx)
    .await?;

    // An invitation into Daan's circle, not yet accepted: the link is in the dev
    // outbox, as if e-mailed, so the acceptance can be tried with a new account.
    let invitation_token = secrets::new_token()?;
    let (daan_name, client_name): (String, String) = sqlx::query_as(
        "SELECT a.display_name, c.first_name || ' ' || c.family_name FROM accounts a, clients c \
         WHERE a.id = $1 AND c.id = $2",
    )
    .bind(daan)
    .bind(daans_portal)
    .fetch_one(&mut **tx)
    .await?;
    sqlx::query(
        "INSERT INTO network_invitations (client_id, invited_by_account, name, email, relation, language, \
         can_view_care_plan, can_view_photos, can_view_notes, can_add_notes, token_hash, created_at, sent_at, expires_at) \
         VALUES ($1, $2, 'Sanne de Vries', 'sanne@demo.example', 'Tante', 'nl', TRUE, TRUE, TRUE, TRUE, $3, $4, $4, $5)",
    )
    .bind(daans_portal)
    .bind(daan)
    .bind(secrets::hash_token(&invitation_token))
    .bind(now)
    .bind(now + Duration::days(kring_api::network::INVITATION_DAYS))
    .execute(&mut **tx)
    .await?;
    let message = crate::network::invitation_email(
        "sanne@demo.example",
        &crate::network::InvitationFacts {
            name: "Sanne de Vries",
            inviter: &daan_name,
            client: &client_name,
            organisation: "Zorggroep De Linde",
            link: &format!("{public_url}/uitnodiging#{invitation_token}"),
        },
        kring_api::Language::Nl,
    );
    sqlx::query(
        "INSERT INTO dev_outbox (channel, recipient, subject, body, sent_at) VALUES ('email', $1, $2, $3, $4)",
    )
    .bind(&message.to)
    .bind(&message.subject)
    .bind(&message.body)
    .bind(now)
    .execute(&mut **tx)
    .await?;

    // A staff account (team lead).
    let lead: i64 = sqlx::query_scalar(
        "SELECT id FROM staff_members WHERE organisation_id = $1 AND role = 'team_lead' ORDER BY id LIMIT 1",
    )
    .bind(org_id)
    .fetch_one(&mut **tx)
    .await?;
    sqlx::query(
        "INSERT INTO accounts (organisation_id, display_name, email, mobile, preferred_language, created_at, \
         password_hash, email_verified_at, mobile_verified_at, status, staff_member_id) \
         VALUES ($1, 'Teamleider De Linde', 'team@demo.example', '+31600000031', 'nl', $2, $3, $2, $2, 'active', $4)",
    )
    .bind(org_id)
    .bind(now - Duration::days(500))
    .bind(password_hash)
    .bind(lead)
    .execute(&mut **tx)
    .await?;

    // A care professional of Daan's team, and an organisation administrator (no team).
    let carer: i64 = sqlx::query_scalar(
        "SELECT s.id FROM staff_members s JOIN clients c ON c.team_id = s.team_id \
         WHERE s.organisation_id = $1 AND s.role = 'care_professional' AND c.first_name = 'Daan' \
         ORDER BY s.id LIMIT 1",
    )
    .bind(org_id)
    .fetch_one(&mut **tx)
    .await?;
    let administrator: i64 = sqlx::query_scalar(
        "INSERT INTO staff_members (organisation_id, team_id, name, job_title_nl, job_title_en, role, email, created_at) \
         VALUES ($1, NULL, 'Beheerder De Linde', 'Beheerder', 'Administrator', 'organisation_admin', \
         'beheer@demo.example', $2) RETURNING id",
    )
    .bind(org_id)
    .bind(now - Duration::days(500))
    .fetch_one(&mut **tx)
    .await?;
    for (name, email, mobile, staff_id) in [
        (
            "Begeleider De Linde",
            "zorg@demo.example",
            "+31600000032",
            carer,
        ),
        (
            "Beheerder De Linde",
            "beheer@demo.example",
            "+31600000033",
            administrator,
        ),
    ] {
        sqlx::query(
            "INSERT INTO accounts (organisation_id, display_name, email, mobile, preferred_language, created_at, \
             password_hash, email_verified_at, mobile_verified_at, status, staff_member_id) \
             VALUES ($1, $2, $3, $4, 'nl', $5, $6, $5, $5, 'active', $7)",
        )
        .bind(org_id)
        .bind(name)
        .bind(email)
        .bind(mobile)
        .bind(now - Duration::days(500))
        .bind(password_hash)
        .bind(staff_id)
        .execute(&mut **tx)
        .await?;
    }

    // A client whose administrator was invited and has not activated yet; the link is
    // in the dev outbox, as if e-mailed.
    let team: i64 =
        sqlx::query_scalar("SELECT id FROM teams WHERE organisation_id = $1 ORDER BY id LIMIT 1")
            .bind(org_id)
            .fetch_one(&mut **tx)
            .await?;
    let fleur_client = insert_id(
        tx,
        sqlx::query(
            "INSERT INTO clients (organisation_id, team_id, client_number, first_name, family_name, date_of_birth, \
             care_relation_start, personal_counsellor_id, created_at) \
             VALUES ($1, $2, 'DE-02001', 'Fleur', 'Mulder', $3, $4, $5, $6) RETURNING id",
        )
        .bind(org_id)
        .bind(team)
        .bind((now - Duration::days(25 * 365)).date_naive())
        .bind((now - Duration::days(30)).date_naive())
        .bind(lead)
        .bind(now),
    )
    .await?;
    let fleur = insert_id(
        tx,
        sqlx::query(
            "INSERT INTO accounts (organisation_id, display_name, email, mobile, preferred_language, created_at, status) \
             VALUES ($1, 'Fleur Mulder', 'fleur@demo.example', '+31600000041', 'nl', $2, 'pending') RETURNING id",
        )
        .bind(org_id)
        .bind(now),
    )
    .await?;
    sqlx::query(
        "INSERT INTO portal_access (client_id, account_id, role, relation, status, can_view_care_plan, can_view_reports, \
         can_view_photos, can_add_photos, can_view_notes, can_add_notes, created_at) \
         VALUES ($1, $2, 'administrator', 'client', 'invited', TRUE, TRUE, TRUE, TRUE, TRUE, TRUE, $3)",
    )
    .bind(fleur_client)
    .bind(fleur)
    .bind(now)
    .execute(&mut **tx)
    .await?;
    let token = secrets::new_token()?;
    sqlx::query(
        "INSERT INTO account_links (account_id, purpose, token_hash, created_at, expires_at) VALUES ($1, 'activation', $2, $3, $4)",
    )
    .bind(fleur)
    .bind(secrets::hash_token(&token))
    .bind(now)
    .bind(now + crate::auth::ACTIVATION_LINK_LIFETIME)
    .execute(&mut **tx)
    .await?;
    sqlx::query(
        "INSERT INTO dev_outbox (channel, recipient, subject, body, sent_at) VALUES ('email', 'fleur@demo.example', $1, $2, $3)",
    )
    .bind("Uw toegang tot het cliëntportaal van Zorggroep De Linde")
    .bind(format!(
        "Beste Fleur Mulder,\n\nZorggroep De Linde heeft u toegang gegeven tot het cliëntportaal.\n\n\
         Maak uw account met deze link:\n{public_url}/activeren#{token}\n\n\
         U kiest een wachtwoord en krijgt een code per sms op uw mobiele nummer.\n\
         De link werkt 72 uur en maar één keer.\n"
    ))
    .bind(now)
    .execute(&mut **tx)
    .await?;
    Ok(())
}
