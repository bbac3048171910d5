//! Demo data: two organisations with clients, care plans, reports, photos, notes and
//! networks, generated deterministically (fixed seed) so every start looks the same.
//!
//! Never used with real data: it only runs in demo mode, on an empty database.

pub mod content;
mod identities;
mod images;

pub use identities::DEMO_PASSWORD;

use std::path::{Path, PathBuf};

use chrono::{DateTime, Duration, NaiveDate, NaiveTime, Utc};
use kring_api::{DocumentSection, LocalizedText};

use crate::config::DemoSize;
use crate::db::{Db, Pool};
use crate::organisation::starter_documents as documents;
use content::LIFE_DOMAINS;
use documents::{OrgFacts, Section};

/// The seed of the generator: the same seed gives the same demo data.
const SEED: u64 = 0x4b52_494e_4700_0001;

/// A transaction on the demo database.
type Tx<'a> = sqlx::Transaction<'a, Db>;

/// Why the demo data could not be created.
#[derive(Debug, thiserror::Error)]
pub enum DemoError {
    /// The database failed.
    #[error("demo data: database: {0}")]
    Database(#[from] sqlx::Error),
    /// A photo file could not be written.
    #[error("demo data: cannot write photo {path}: {source}")]
    Photo {
        /// The file.
        path: PathBuf,
        /// The reason.
        source: std::io::Error,
    },
    /// A generated image could not be encoded.
    #[error("demo data: cannot encode a photo: {0}")]
    Encode(#[from] image::ImageError),
    /// A password hash or token could not be made.
    #[error("demo data: {0}")]
    Identity(#[from] crate::problem::ApiError),
}

/// A demo account someone can use, as printed at start-up.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DemoAccount {
    /// The person's name.
    pub name: String,
    /// Their e-mail address (the sign-in name).
    pub email: String,
    /// Who they are in the demo, in plain words.
    pub role: String,
}

/// One demo organisation's fixed facts.
struct OrgSpec {
    slug: &'static str,
    name: &'static str,
    short_name: &'static str,
    colours: (&'static str, &'static str, &'static str),
    emergency: (&'static str, &'static str),
    care_team: (&'static str, &'static str, &'static str),
    grace_days: u32,
    /// Disability care (group homes, day activities) or elderly care.
    elderly_care: bool,
    /// The headline clients: (first name, family name, birth date, administrator).
    clients: &'static [HeadlineClient],
}

/// A client whose portal the demo accounts use.
struct HeadlineClient {
    first_name: &'static str,
    family_name: &'static str,
    born: &'static str,
    /// `None`: the client is their own administrator; otherwise the representative
    /// (first name, family name, relation, basis of representation).
    representative: Option<(&'static str, &'static str, &'static str, &'static str)>,
    email: &'static str,
    /// The administrator's mobile number (fixed, so codes are easy to find in the outbox).
    mobile: &'static str,
    /// Days ago the care relation ended, if it did.
    ended_days_ago: Option<i64>,
    /// Whether the administrator accepted the terms in force (else: none, or only the
    /// earlier version for the first client, so the demo shows both kinds of modal).
    terms_accepted: bool,
}

const ORGANISATIONS: &[OrgSpec] = &[
    OrgSpec {
        slug: "de-linde",
        name: "Zorggroep De Linde",
        short_name: "De Linde",
        colours: ("#1f5f4a", "#ffffff", "#17674f"),
        emergency: ("+31307001122", "030 700 11 22"),
        care_team: ("+31307001100", "030 700 11 00", "zorgteam@delinde.example"),
        grace_days: 7,
        elderly_care: false,
        clients: &[
            HeadlineClient {
                first_name: "Daan",
                family_name: "Visser",
                born: "1994-03-12",
                representative: None,
                email: "daan@demo.example",
                mobile: "+31600000001",
                ended_days_ago: None,
                terms_accepted: false,
            },
            HeadlineClient {
                first_name: "Noor",
                family_name: "Jansen",
                born: "2001-09-30",
                representative: Some((
                    "Ingrid",
                    "Jansen",
                    "Moeder",
                    "Mentorschap, uitspraak kantonrechter Utrecht 2019",
                )),
                email: "ingrid@demo.example",
                mobile: "+31600000002",
                ended_days_ago: None,
                terms_accepted: false,
            },
            HeadlineClient {
                first_name: "Sem",
                family_name: "de Boer",
                born: "1988-06-04",
                representative: None,
                email: "sem@demo.example",
                mobile: "+31600000003",
                ended_days_ago: Some(10),
                terms_accepted: false,
            },
            HeadlineClient {
                first_name: "Lotte",
                family_name: "Dekker",
                born: "1979-02-17",
                representative: None,
                email: "lotte@demo.example",
                mobile: "+31600000004",
                ended_days_ago: None,
                terms_accepted: true,
            },
        ],
    },
    OrgSpec {
        slug: "het-anker",
        name: "Thuiszorg Het Anker",
        short_name: "Het Anker",
        colours: ("#23407a", "#ffffff", "#23407a"),
        emergency: ("+31107002233", "010 700 22 33"),
        care_team: (
            "+31107002200",
            "010 700 22 00",
            "clientbureau@hetanker.example",
        ),
        grace_days: 14,
        elderly_care: true,
        clients: &[
            HeadlineClient {
                first_name: "Wim",
                family_name: "Bakker",
                born: "1941-01-21",
                representative: Some((
                    "Els",
                    "Bakker",
                    "Dochter",
                    "Schriftelijke machtiging, in het dossier sinds 2023",
                )),
                email: "els@demo.example",
                mobile: "+31600000011",
                ended_days_ago: None,
                terms_accepted: false,
            },
            HeadlineClient {
                first_name: "Riet",
                family_name: "Smit",
                born: "1938-11-02",
                representative: None,
                email: "riet@demo.example",
                mobile: "+31600000012",
                ended_days_ago: None,
                terms_accepted: false,
            },
        ],
    },
];

/// How much to generate.
struct Sizes {
    /// Reports per day for a headline client.
    reports_per_day: f64,
    /// Reports for the first client (the large set fixes this exactly).
    first_client_reports: Option<usize>,
    photos_first_client: usize,
    photos_other_clients: usize,
    contacts_first_client: usize,
    extra_clients: usize,
}

impl Sizes {
    fn for_size(size: DemoSize) -> Self {
        match size {
            DemoSize::Small => Sizes {
                reports_per_day: 0.6,
                first_client_reports: None,
                photos_first_client: 24,
                photos_other_clients: 8,
                contacts_first_client: 4,
                extra_clients: 3,
            },
            DemoSize::Large => Sizes {
                reports_per_day: 0.6,
                first_client_reports: Some(10_000),
                photos_first_client: 1_000,
                photos_other_clients: 8,
                contacts_first_client: 50,
                extra_clients: 3,
            },
        }
    }
}

/// Whether the database has no organisations yet.
pub async fn is_empty(db: &Pool) -> Result<bool, sqlx::Error> {
    let count: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM organisations")
        .fetch_one(db)
        .await?;
    Ok(count == 0)
}

/// Creates the demo data in an empty database; photos go to `photo_dir`.
pub async fn seed(
    db: &Pool,
    photo_dir: &Path,
    size: DemoSize,
    now: DateTime<Utc>,
    public_url: &str,
) -> Result<(), DemoError> {
    std::fs::create_dir_all(photo_dir).map_err(|source| DemoError::Photo {
        path: photo_dir.to_owned(),
        source,
    })?;
    let mut rng = fastrand::Rng::with_seed(SEED);
    let sizes = Sizes::for_size(size);
    let password_hash = identities::demo_password_hash()?;
    let mut tx = crate::db::begin_write(db).await?;
    let mut photos = PhotoFiles {
        dir: photo_dir,
        pool: images::PhotoPool::default(),
    };
    for spec in ORGANISATIONS {
        seed_organisation(&mut tx, &mut rng, spec, &sizes, &mut photos, now).await?;
        identities::seed(&mut tx, spec, &password_hash, now, public_url).await?;
    }
    tx.commit().await?;
    Ok(())
}

/// The accounts a demo user can sign in with, for the organisation `slug`.
pub fn accounts(slug: &str) -> Vec<DemoAccount> {
    let Some(spec) = ORGANISATIONS.iter().find(|o| o.slug == slug) else {
        return Vec::new();
    };
    spec.clients
        .iter()
        .map(|c| {
            let client = format!("{} {}", c.first_name, c.family_name);
            let ended = if c.ended_days_ago.is_some() {
                " (zorg beëindigd / care ended)"
            } else {
                ""
            };
            match c.representative {
                None => DemoAccount {
                    name: client,
                    email: c.email.to_owned(),
                    role: format!("cliënt en portaalbeheerder / client and administrator{ended}"),
                },
                Some((first, family, relation, _)) => DemoAccount {
                    name: format!("{first} {family}"),
                    email: c.email.to_owned(),
                    role: format!(
                        "{relation}, wettelijk vertegenwoordiger van {client} / legal representative{ended}"
                    ),
                },
            }
        })
        .chain(identities::extra_accounts(spec))
        .collect()
}

fn org_facts(spec: &OrgSpec) -> OrgFacts<'static> {
    OrgFacts {
        name: spec.name,
        grace_days: spec.grace_days,
        retention_years: 20,
        correction_days: 30,
        emergency_phone: spec.emergency.1,
        care_team_email: spec.care_team.2,
    }
}

fn sections_json(sections: Vec<Section>) -> String {
    let sections: Vec<DocumentSection> = sections
        .into_iter()
        .map(|s| DocumentSection {
            heading: LocalizedText::new(s.heading_nl, s.heading_en),
            body: LocalizedText::new(s.body_nl, s.body_en),
        })
        .collect();
    serde_json::to_string(&sections).expect("sections serialize")
}

fn logo_svg(spec: &OrgSpec) -> String {
    // A simple mark: a circle of small circles (a "kring") in the brand colour.
    let mut dots = String::new();
    for i in 0..8 {
        let angle = f64::from(i) * std::f64::consts::PI / 4.0;
        let (x, y) = (24.0 + 15.0 * angle.cos(), 24.0 + 15.0 * angle.sin());
        dots.push_str(&format!(r#"<circle cx="{x:.1}" cy="{y:.1}" r="5"/>"#));
    }
    format!(
        r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 48 48" role="img" aria-label="{name}"><g fill="{colour}">{dots}</g></svg>"#,
        name = spec.name,
        colour = spec.colours.0
    )
}

fn day(date: &str) -> NaiveDate {
    NaiveDate::parse_from_str(date, "%Y-%m-%d").expect("demo dates are valid")
}

fn pick<'a, T>(rng: &mut fastrand::Rng, items: &'a [T]) -> &'a T {
    &items[rng.usize(..items.len())]
}

/// A demo text with its placeholders filled in, starting with a capital letter (a
/// placeholder such as "de groep" may open the sentence).
fn fill(template: &str, client: &str, staff: &str) -> String {
    let text = template
        .replace("{naam}", client)
        .replace("{medewerker}", staff);
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => text,
    }
}

/// The first name of a staff member, as family and colleagues address them.
fn first_name(name: &str) -> &str {
    name.split_whitespace().next().unwrap_or(name)
}

async fn insert_id<'q>(
    tx: &mut Tx<'_>,
    query: sqlx::query::Query<'q, Db, <Db as sqlx::Database>::Arguments<'q>>,
) -> Result<i64, sqlx::Error> {
    use sqlx::Row;
    let row = query.fetch_one(&mut **tx).await?;
    row.try_get::<i64, _>(0)
}

struct Staff {
    id: i64,
    name: String,
}

struct ClientSeed {
    id: i64,
    first_name: String,
    counsellor: usize,
    relation_start: NaiveDate,
}

async fn seed_organisation(
    tx: &mut Tx<'_>,
    rng: &mut fastrand::Rng,
    spec: &OrgSpec,
    sizes: &Sizes,
    photos: &mut PhotoFiles<'_>,
    now: DateTime<Utc>,
) -> Result<(), DemoError> {
    let today = now.date_naive();
    let (hours_nl, hours_en) = (
        "Dag en nacht bereikbaar, ook in het weekend.",
        "Available day and night, also at weekends.",
    );
    let (team_hours_nl, team_hours_en) = (
        "Maandag tot en met vrijdag, 9.00 tot 17.00 uur.",
        "Monday to Friday, 9 am to 5 pm.",
    );
    let org_id = insert_id(
        tx,
        sqlx::query(
            "INSERT INTO organisations (slug, name, short_name, logo_svg, colour_primary, \
             colour_on_primary, colour_accent, emergency_phone, emergency_phone_display, \
             emergency_hours_nl, emergency_hours_en, care_team_phone, care_team_phone_display, \
             care_team_email, care_team_hours_nl, care_team_hours_en, access_grace_days, \
             retention_years, correction_deadline_days, created_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20) \
             RETURNING id",
        )
        .bind(spec.slug)
        .bind(spec.name)
        .bind(spec.short_name)
        .bind(logo_svg(spec))
        .bind(spec.colours.0)
        .bind(spec.colours.1)
        .bind(spec.colours.2)
        .bind(spec.emergency.0)
        .bind(spec.emergency.1)
        .bind(hours_nl)
        .bind(hours_en)
        .bind(spec.care_team.0)
        .bind(spec.care_team.1)
        .bind(spec.care_team.2)
        .bind(team_hours_nl)
        .bind(team_hours_en)
        .bind(i64::from(spec.grace_days))
        .bind(20_i64)
        .bind(30_i64)
        .bind(now),
    )
    .await?;

    // Documents: two terms versions (the second in force since a few months) and the
    // privacy statement.
    let facts = org_facts(spec);
    let (changes_nl, changes_en) = documents::terms_v2_changes(&facts);
    let versions = [
        (
            today - Duration::days(800),
            documents::terms_v1(&facts),
            String::new(),
            String::new(),
        ),
        (
            today - Duration::days(120),
            documents::terms_v2(&facts),
            changes_nl,
            changes_en,
        ),
    ];
    for (i, (in_force_from, sections, summary_nl, summary_en)) in versions.into_iter().enumerate() {
        sqlx::query(
            "INSERT INTO terms_versions (organisation_id, version, in_force_from, published_at, \
             change_summary_nl, change_summary_en, sections) VALUES ($1, $2, $3, $4, $5, $6, $7)",
        )
        .bind(org_id)
        .bind(i as i64 + 1)
        .bind(in_force_from)
        .bind(in_force_from.and_time(NaiveTime::MIN).and_utc() - Duration::days(30))
        .bind(summary_nl)
        .bind(summary_en)
        .bind(sections_json(sections))
        .execute(&mut **tx)
        .await?;
    }
    sqlx::query("INSERT INTO privacy_statements (organisation_id, updated_on, sections) VALUES ($1, $2, $3)")
        .bind(org_id)
        .bind(today - Duration::days(120))
        .bind(sections_json(documents::privacy_statement(&facts)))
        .execute(&mut **tx)
        .await?;

    // Teams and staff.
    let mut teams = Vec::new();
    for _ in 0..2 {
        let name = *pick(rng, content::TEAM_NAMES);
        let id = insert_id(
            tx,
            sqlx::query("INSERT INTO teams (organisation_id, name) VALUES ($1, $2) RETURNING id")
                .bind(org_id)
                .bind(name),
        )
        .await?;
        teams.push(id);
    }
    let mut staff = Vec::new();
    for i in 0..8 {
        let name = format!(
            "{} {}",
            pick(rng, content::FIRST_NAMES),
            pick(rng, content::FAMILY_NAMES)
        );
        let (title_nl, title_en) = if i < 3 {
            content::JOB_TITLES[0]
        } else {
            *pick(rng, content::JOB_TITLES)
        };
        let role = if i == 7 {
            "team_lead"
        } else {
            "care_professional"
        };
        let email = format!(
            "{}@{}.example",
            name.to_lowercase().replace([' ', '\''], "."),
            spec.slug
        );
        let id = insert_id(
            tx,
            sqlx::query(
                "INSERT INTO staff_members (organisation_id, team_id, name, job_title_nl, \
                 job_title_en, role, email, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
            )
            .bind(org_id)
            .bind(teams[i % 2])
            .bind(&name)
            .bind(title_nl)
            .bind(title_en)
            .bind(role)
            .bind(email)
            .bind(now),
        )
        .await?;
        staff.push(Staff { id, name });
    }

    // Clients: the headline clients, then a few more without portal accounts.
    let mut clients = Vec::new();
    let extra: Vec<(String, String)> = (0..sizes.extra_clients)
        .map(|_| {
            (
                pick(rng, content::FIRST_NAMES).to_string(),
                pick(rng, content::FAMILY_NAMES).to_string(),
            )
        })
        .collect();
    let all_clients = spec
        .clients
        .iter()
        .map(|c| (c.first_name.to_owned(), c.family_name.to_owned(), Some(c)))
        .chain(extra.into_iter().map(|(f, l)| (f, l, None)));
    for (n, (first_name, family_name, headline)) in all_clients.enumerate() {
        let born = headline.map(|c| day(c.born)).unwrap_or_else(|| {
            let years = if spec.elderly_care {
                78 + rng.i64(0..15)
            } else {
                20 + rng.i64(0..40)
            };
            today - Duration::days(years * 365 + rng.i64(0..365))
        });
        let relation_start = today - Duration::days(800 + rng.i64(0..900));
        let relation_end = headline
            .and_then(|c| c.ended_days_ago)
            .map(|d| today - Duration::days(d));
        let counsellor = n % 3;
        let id = insert_id(
            tx,
            sqlx::query(
                "INSERT INTO clients (organisation_id, team_id, client_number, first_name, family_name, \
                 date_of_birth, care_relation_start, care_relation_end, personal_counsellor_id, created_at) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id",
            )
            .bind(org_id)
            .bind(teams[n % 2])
            .bind(format!("{}-{:05}", &spec.slug[..2].to_uppercase(), 1001 + n))
            .bind(&first_name)
            .bind(&family_name)
            .bind(born)
            .bind(relation_start)
            .bind(relation_end)
            .bind(staff[counsellor].id)
            .bind(now),
        )
        .await?;
        clients.push((
            ClientSeed {
                id,
                first_name,
                counsellor,
                relation_start,
            },
            headline,
            family_name,
        ));
    }

    for (index, (client, headline, family_name)) in clients.iter().enumerate() {
        let is_first = index == 0;
        seed_care_plans(tx, rng, client, today, now).await?;
        let report_count = match (is_first, sizes.first_client_reports) {
            (true, Some(n)) => n,
            _ if headline.is_some() => (730.0 * sizes.reports_per_day) as usize,
            _ => 120,
        };
        seed_reports(tx, rng, client, &staff, report_count, now).await?;
        if let Some(headline) = headline {
            let contacts = if is_first {
                sizes.contacts_first_client
            } else {
                3
            };
            let accounts = seed_network(
                tx,
                rng,
                org_id,
                client,
                headline,
                family_name,
                contacts,
                now,
            )
            .await?;
            let counsellor = first_name(&staff[client.counsellor].name);
            seed_notes(tx, rng, client, counsellor, &accounts, now).await?;
            let count = if is_first {
                sizes.photos_first_client
            } else {
                sizes.photos_other_clients
            };
            seed_photos(
                tx, rng, org_id, client, &staff, &accounts, count, photos, now,
            )
            .await?;
        }
    }

    // Joint activities: photos linked to several clients at once (R18).
    let group: Vec<i64> = clients.iter().take(3).map(|(c, _, _)| c.id).collect();
    for i in 0..4 {
        let taken = today - Duration::days(20 + 45 * i);
        let caption = *pick(rng, content::PHOTO_CAPTIONS);
        let caption = fill(caption, "de groep", first_name(&staff[0].name));
        let photo_id = insert_photo(
            tx,
            rng,
            org_id,
            None,
            Some(staff[3].id),
            &caption,
            taken,
            photos,
            now,
        )
        .await?;
        for client_id in &group {
            sqlx::query("INSERT INTO photo_clients (photo_id, client_id) VALUES ($1, $2)")
                .bind(photo_id)
                .bind(client_id)
                .execute(&mut **tx)
                .await?;
        }
    }
    Ok(())
}

async fn seed_care_plans(
    tx: &mut Tx<'_>,
    rng: &mut fastrand::Rng,
    client: &ClientSeed,
    today: NaiveDate,
    now: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    // An earlier plan (ended) and the current one.
    let current_start = today - Duration::days(90 + rng.i64(0..90));
    let earlier_start = current_start - Duration::days(365);
    let plans = [
        (earlier_start, Some(current_start - Duration::days(1))),
        (current_start, None),
    ];
    for (plan_index, (start, end)) in plans.into_iter().enumerate() {
        let start = start.max(client.relation_start);
        let plan_id = insert_id(
            tx,
            sqlx::query(
                "INSERT INTO care_plans (client_id, period_start, period_end, created_at) \
                 VALUES ($1, $2, $3, $4) RETURNING id",
            )
            .bind(client.id)
            .bind(start)
            .bind(end)
            .bind(now),
        )
        .await?;
        let mut domain_indices: Vec<usize> = (0..LIFE_DOMAINS.len()).collect();
        rng.shuffle(&mut domain_indices);
        for (position, &d) in domain_indices.iter().take(4).enumerate() {
            let domain = &LIFE_DOMAINS[d];
            let domain_id = insert_id(
                tx,
                sqlx::query(
                    "INSERT INTO care_plan_domains (care_plan_id, domain, position) VALUES ($1, $2, $3) RETURNING id",
                )
                .bind(plan_id)
                .bind(domain.key.as_str())
                .bind(position as i64),
            )
            .await?;
            let goal_count = 1 + rng.usize(0..2);
            let first_goal = rng.usize(0..domain.goals.len());
            for g in 0..goal_count {
                let goal = &domain.goals[(first_goal + g) % domain.goals.len()];
                let status = if plan_index == 0 {
                    if rng.bool() {
                        "achieved"
                    } else {
                        "stopped"
                    }
                } else if rng.u8(0..10) == 0 {
                    "achieved"
                } else {
                    "active"
                };
                let evaluation = start + Duration::days(182);
                let goal_id = insert_id(
                    tx,
                    sqlx::query(
                        "INSERT INTO care_plan_goals (domain_id, text, status, start_date, evaluation_date, position) \
                         VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
                    )
                    .bind(domain_id)
                    .bind(fill(goal.text, &client.first_name, ""))
                    .bind(status)
                    .bind(start)
                    .bind(evaluation)
                    .bind(g as i64),
                )
                .await?;
                for (a, action) in goal.actions.iter().enumerate() {
                    sqlx::query(
                        "INSERT INTO care_plan_actions (goal_id, what, who, how_often, position) \
                         VALUES ($1, $2, $3, $4, $5)",
                    )
                    .bind(goal_id)
                    .bind(fill(action.what, &client.first_name, ""))
                    .bind(fill(action.who, &client.first_name, ""))
                    .bind(action.how_often)
                    .bind(a as i64)
                    .execute(&mut **tx)
                    .await?;
                }
            }
        }
    }
    Ok(())
}

async fn seed_reports(
    tx: &mut Tx<'_>,
    rng: &mut fastrand::Rng,
    client: &ClientSeed,
    staff: &[Staff],
    count: usize,
    now: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    // Spread over the last two years, newest at most a few hours ago.
    let span_minutes = 730 * 24 * 60;
    for _ in 0..count {
        let domain = pick(rng, LIFE_DOMAINS);
        let author = if rng.u8(0..3) == 0 {
            &staff[client.counsellor]
        } else {
            pick(rng, staff)
        };
        let minutes_ago = 60 + rng.i64(0..span_minutes);
        let written_at = now - Duration::minutes(minutes_ago);
        // Most reports are released; a few are not (yet) or shielded, and never show.
        let roll = rng.u8(0..50);
        let (released, shielded) = match roll {
            0 => (false, false),
            1 => (true, true),
            _ => (true, false),
        };
        sqlx::query(
            "INSERT INTO reports (client_id, author_id, written_at, category, body, released_to_portal, shielded) \
             VALUES ($1, $2, $3, $4, $5, $6, $7)",
        )
        .bind(client.id)
        .bind(author.id)
        .bind(written_at)
        .bind(domain.key.as_str())
        .bind(fill(pick::<&str>(rng, domain.reports), &client.first_name, &author.name))
        .bind(released)
        .bind(shielded)
        .execute(&mut **tx)
        .await?;
    }
    Ok(())
}

/// Creates the administrator and the network; returns their account ids.
#[allow(clippy::too_many_arguments)]
async fn seed_network(
    tx: &mut Tx<'_>,
    rng: &mut fastrand::Rng,
    org_id: i64,
    client: &ClientSeed,
    headline: &HeadlineClient,
    family_name: &str,
    contacts: usize,
    now: DateTime<Utc>,
) -> Result<Vec<i64>, sqlx::Error> {
    let mut accounts = Vec::new();
    let (admin_name, relation, basis) = match headline.representative {
        None => (
            format!("{} {}", headline.first_name, headline.family_name),
            "client",
            None,
        ),
        Some((first, family, _, basis)) => {
            (format!("{first} {family}"), "representative", Some(basis))
        }
    };
    let admin_id = insert_account(tx, org_id, &admin_name, headline.email, rng, now).await?;
    let admin_status = if headline.ended_days_ago.is_some() {
        "ended"
    } else {
        "active"
    };
    sqlx::query(
        "INSERT INTO portal_access (client_id, account_id, role, relation, representation_basis, status, \
         can_view_care_plan, can_view_reports, can_view_photos, can_add_photos, can_view_notes, can_add_notes, created_at) \
         VALUES ($1, $2, 'administrator', $3, $4, $5, TRUE, TRUE, TRUE, TRUE, TRUE, TRUE, $6)",
    )
    .bind(client.id)
    .bind(admin_id)
    .bind(relation)
    .bind(basis)
    .bind(admin_status)
    .bind(now - Duration::days(400))
    .execute(&mut **tx)
    .await?;
    accounts.push(admin_id);

    for i in 0..contacts {
        let (relation_nl, _) = *pick(rng, content::RELATIONS);
        let first = pick(rng, content::FIRST_NAMES);
        let family = if relation_nl.contains("riend")
            || relation_nl.contains("uur")
            || relation_nl == "Mentor"
        {
            pick(rng, content::FAMILY_NAMES).to_string()
        } else {
            family_name.to_owned()
        };
        let name = format!("{first} {family}");
        let email = format!(
            "{}.{}{}@demo.example",
            first.to_lowercase(),
            client.first_name.to_lowercase(),
            i + 1
        );
        // A spread of states and rights, chosen deliberately per contact (R7).
        let status = match i % 7 {
            5 => "invited",
            6 => "left",
            _ => "active",
        };
        let rights: [bool; 6] = match i % 4 {
            0 => [true, true, true, true, true, true],
            1 => [false, false, true, true, true, true],
            2 => [false, false, true, false, true, false],
            _ => [true, false, false, false, true, true],
        };
        if status == "invited" {
            // Invited, not yet accepted: an invitation whose link (never sent) is unknown.
            let sent_at = now - Duration::days(i as i64 % 10);
            let token_hash = crate::secrets::hash_token(&format!("demo-{email}-{}", rng.u64(..)));
            sqlx::query(
                "INSERT INTO network_invitations (client_id, invited_by_account, name, email, relation, language, \
                 can_view_care_plan, can_view_reports, can_view_photos, can_add_photos, can_view_notes, can_add_notes, \
                 token_hash, created_at, sent_at, expires_at) \
                 VALUES ($1, $2, $3, $4, $5, 'nl', $6, $7, $8, $9, $10, $11, $12, $13, $13, $14)",
            )
            .bind(client.id)
            .bind(admin_id)
            .bind(&name)
            .bind(&email)
            .bind(relation_nl)
            .bind(rights[0])
            .bind(rights[1])
            .bind(rights[2])
            .bind(rights[3])
            .bind(rights[4])
            .bind(rights[5])
            .bind(token_hash)
            .bind(sent_at)
            .bind(sent_at + Duration::days(kring_api::network::INVITATION_DAYS))
            .execute(&mut **tx)
            .await?;
            continue;
        }
        let account_id = insert_account(tx, org_id, &name, &email, rng, now).await?;
        sqlx::query(
            "INSERT INTO portal_access (client_id, account_id, role, relation, status, can_view_care_plan, \
             can_view_reports, can_view_photos, can_add_photos, can_view_notes, can_add_notes, created_at) \
             VALUES ($1, $2, 'contact', $3, $4, $5, $6, $7, $8, $9, $10, $11)",
        )
        .bind(client.id)
        .bind(account_id)
        .bind(relation_nl)
        .bind(status)
        .bind(rights[0])
        .bind(rights[1])
        .bind(rights[2])
        .bind(rights[3])
        .bind(rights[4])
        .bind(rights[5])
        .bind(now - Duration::days(300 - i as i64))
        .execute(&mut **tx)
        .await?;
        if status == "active" {
            accounts.push(account_id);
        }
    }
    Ok(accounts)
}

async fn insert_account(
    tx: &mut Tx<'_>,
    org_id: i64,
    name: &str,
    email: &str,
    rng: &mut fastrand::Rng,
    now: DateTime<Utc>,
) -> Result<i64, sqlx::Error> {
    let mobile = format!("+316{:08}", rng.u32(10_000_000..99_999_999));
    insert_id(
        tx,
        sqlx::query(
            "INSERT INTO accounts (organisation_id, display_name, email, mobile, preferred_language, created_at) \
             VALUES ($1, $2, $3, $4, 'nl', $5) RETURNING id",
        )
        .bind(org_id)
        .bind(name)
        .bind(email)
        .bind(mobile)
        .bind(now),
    )
    .await
}

async fn seed_notes(
    tx: &mut Tx<'_>,
    rng: &mut fastrand::Rng,
    client: &ClientSeed,
    counsellor: &str,
    accounts: &[i64],
    now: DateTime<Utc>,
) -> Result<(), sqlx::Error> {
    // Written in time order, as real notes are (the timeline pages by id).
    let mut notes: Vec<(i64, DateTime<Utc>)> = (0..12)
        .map(|_| {
            let author = *pick(rng, accounts);
            (
                author,
                now - Duration::minutes(30 + rng.i64(0..200 * 24 * 60)),
            )
        })
        .collect();
    notes.sort_by_key(|(_, at)| *at);
    for (author, written_at) in notes {
        sqlx::query(
            "INSERT INTO notes (client_id, author_account_id, body, created_at) VALUES ($1, $2, $3, $4)",
        )
        .bind(client.id)
        .bind(author)
        .bind(fill(pick::<&str>(rng, content::NOTES), &client.first_name, counsellor))
        .bind(written_at)
        .execute(&mut **tx)
        .await?;
    }
    Ok(())
}

/// Where the demo's photos go, and the rendered photos they reuse.
struct PhotoFiles<'a> {
    dir: &'a Path,
    pool: images::PhotoPool,
}

#[allow(clippy::too_many_arguments)]
async fn seed_photos(
    tx: &mut Tx<'_>,
    rng: &mut fastrand::Rng,
    org_id: i64,
    client: &ClientSeed,
    staff: &[Staff],
    accounts: &[i64],
    count: usize,
    photos: &mut PhotoFiles<'_>,
    now: DateTime<Utc>,
) -> Result<(), DemoError> {
    let today = now.date_naive();
    for i in 0..count {
        let taken = today - Duration::days(rng.i64(0..700));
        let caption = fill(
            pick::<&str>(rng, content::PHOTO_CAPTIONS),
            &client.first_name,
            first_name(&staff[client.counsellor].name),
        );
        // Staff place most photos; the network adds some.
        let (account, staff_id) = if i % 3 == 0 {
            (Some(*pick(rng, accounts)), None)
        } else {
            (None, Some(pick(rng, staff).id))
        };
        let photo_id = insert_photo(
            tx, rng, org_id, account, staff_id, &caption, taken, photos, now,
        )
        .await?;
        sqlx::query("INSERT INTO photo_clients (photo_id, client_id) VALUES ($1, $2)")
            .bind(photo_id)
            .bind(client.id)
            .execute(&mut **tx)
            .await?;
    }
    Ok(())
}

#[allow(clippy::too_many_arguments)]
async fn insert_photo(
    tx: &mut Tx<'_>,
    rng: &mut fastrand::Rng,
    org_id: i64,
    account: Option<i64>,
    staff_id: Option<i64>,
    caption: &str,
    taken: NaiveDate,
    photos: &mut PhotoFiles<'_>,
    now: DateTime<Utc>,
) -> Result<i64, DemoError> {
    let key = format!("{:016x}{:016x}", rng.u64(..), rng.u64(..));
    let (width, height) = (640_u32, 480_u32);
    let folder = photos.dir.join(&key);
    std::fs::create_dir_all(&folder).map_err(|source| DemoError::Photo {
        path: folder.clone(),
        source,
    })?;
    let mut sizes = Vec::new();
    for (w, h, jpeg) in photos.pool.next(rng, width, height)? {
        let path = folder.join(format!("{w}.jpg"));
        std::fs::write(&path, jpeg).map_err(|source| DemoError::Photo { path, source })?;
        sizes.push(format!("{w}x{h}"));
    }
    let id = insert_id(
        tx,
        sqlx::query(
            "INSERT INTO photos (organisation_id, uploaded_by_account, uploaded_by_staff, caption, taken_on, \
             created_at, object_key, content_type, width, height, sizes, sort_day) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, 'image/jpeg', $8, $9, $10, $5) RETURNING id",
        )
        .bind(org_id)
        .bind(account)
        .bind(staff_id)
        .bind(caption)
        .bind(taken)
        .bind(now)
        .bind(&key)
        .bind(i64::from(width))
        .bind(i64::from(height))
        .bind(sizes.join(",")),
    )
    .await?;
    Ok(id)
}

#[cfg(test)]
mod tests;
