//! Starter texts for an organisation: the terms of use (version 1 and 2) and the
//! privacy statement, each in Dutch and English. `kring-server init` publishes version 2
//! and the privacy statement for a new organisation, to be reviewed and replaced by
//! its own; the demo organisations show both versions.
//!
//! The texts are written in plain language (B1 level). They describe, as rules
//! and promises for the user, what the portal does. Facts that differ per
//! organisation (name, periods, phone number, e-mail address) come from
//! [`OrgFacts`] and are filled in with `format!`.

/// Facts about the organisation that the texts mention.
#[derive(Debug, Clone, Copy)]
pub struct OrgFacts<'a> {
    /// Full name, e.g. "Zorggroep De Linde".
    pub name: &'a str,
    /// Days after the care relation ends that access ends.
    pub grace_days: u32,
    /// Years the data is kept.
    pub retention_years: u32,
    /// Days within which a correction request is handled.
    pub correction_days: u32,
    /// Emergency number as written, e.g. "030 123 45 67".
    pub emergency_phone: &'a str,
    /// The care team's e-mail address.
    pub care_team_email: &'a str,
}

/// A section of a document: heading and body in Dutch and English. Bodies are plain
/// text; paragraphs are separated by one blank line ("\n\n"); no markup of any kind.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Section {
    /// Dutch heading.
    pub heading_nl: String,
    /// English heading.
    pub heading_en: String,
    /// Dutch body.
    pub body_nl: String,
    /// English body.
    pub body_en: String,
}

/// Builds one section from its four texts.
fn section(
    heading_nl: &str,
    heading_en: &str,
    body_nl: impl Into<String>,
    body_en: impl Into<String>,
) -> Section {
    Section {
        heading_nl: heading_nl.to_string(),
        heading_en: heading_en.to_string(),
        body_nl: body_nl.into(),
        body_en: body_en.into(),
    }
}

/// A number of days in Dutch, e.g. "1 dag" or "30 dagen".
fn days_nl(n: u32) -> String {
    if n == 1 {
        "1 dag".to_string()
    } else {
        format!("{n} dagen")
    }
}

/// A number of days in English, e.g. "1 day" or "30 days".
fn days_en(n: u32) -> String {
    if n == 1 {
        "1 day".to_string()
    } else {
        format!("{n} days")
    }
}

/// A number of years in Dutch ("jaar" has no plural after a number).
fn years_nl(n: u32) -> String {
    format!("{n} jaar")
}

/// A number of years in English, e.g. "1 year" or "20 years".
fn years_en(n: u32) -> String {
    if n == 1 {
        "1 year".to_string()
    } else {
        format!("{n} years")
    }
}

/// Which version of the terms of use to build.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum TermsVersion {
    V1,
    V2,
}

/// Terms of use, version 1.
pub fn terms_v1(org: &OrgFacts) -> Vec<Section> {
    terms(org, TermsVersion::V1)
}

/// Terms of use, version 2.
pub fn terms_v2(org: &OrgFacts) -> Vec<Section> {
    terms(org, TermsVersion::V2)
}

/// The terms of use. Both versions share most of the text; version 2 is more
/// explicit about photos, mentions the access log the administrator can see and
/// shows what changed when the terms change.
fn terms(org: &OrgFacts, version: TermsVersion) -> Vec<Section> {
    let name = org.name;
    let phone = org.emergency_phone;
    let email = org.care_team_email;
    let grace_nl = days_nl(org.grace_days);
    let grace_en = days_en(org.grace_days);
    let correction_nl = days_nl(org.correction_days);
    let correction_en = days_en(org.correction_days);
    let years_nl = years_nl(org.retention_years);
    let years_en = years_en(org.retention_years);
    let v2 = version == TermsVersion::V2;

    let photos_rule_nl = if v2 {
        "Staan er andere mensen op een foto? Dan mag u die foto niet kopiëren, \
         downloaden of doorsturen. U mag zo'n foto ook niet op sociale media \
         zetten, zoals Facebook of Instagram, en ook niet in een appgroep. Zo \
         beschermen wij de privacy van iedereen."
    } else {
        "Ga zorgvuldig om met foto's waarop andere mensen staan. Ook zij hebben \
         recht op privacy."
    };
    let photos_rule_en = if v2 {
        "Are there other people in a photo? Then you must not copy, download or \
         forward that photo. You must not put such a photo on social media either, \
         such as Facebook or Instagram, and not in a chat group. This is how we \
         protect everyone's privacy."
    } else {
        "Take care with photos that show other people. They have a right to \
         privacy too."
    };

    let log_nl = if v2 {
        "Wij houden bij wie welke gegevens bekijkt of wijzigt, en wanneer. De \
         beheerder kan dit logboek altijd in het portaal bekijken."
    } else {
        "Wij houden bij wie welke gegevens bekijkt of wijzigt, en wanneer."
    };
    let log_en = if v2 {
        "We keep a record of who views or changes which data, and when. The \
         administrator can look at this log in the portal at any time."
    } else {
        "We keep a record of who views or changes which data, and when."
    };

    let changes_nl = if v2 {
        format!(
            "{name} kan deze voorwaarden veranderen. Als dat gebeurt, ziet u bij \
             het inloggen eerst een korte lijst van wat er anders is. Daarna vragen \
             wij u om de nieuwe voorwaarden te accepteren."
        )
    } else {
        format!(
            "{name} kan deze voorwaarden veranderen. Als dat gebeurt, ziet u bij \
             het inloggen dat er nieuwe voorwaarden zijn. Daarna vragen wij u om de \
             nieuwe voorwaarden te lezen en te accepteren."
        )
    };
    let changes_en = if v2 {
        format!(
            "{name} may change these terms. When that happens, you first see a short \
             list of what has changed when you sign in. We then ask you to accept the \
             new terms."
        )
    } else {
        format!(
            "{name} may change these terms. When that happens, you see that there are \
             new terms when you sign in. We then ask you to read and accept the new \
             terms."
        )
    };

    vec![
        section(
            "Over deze voorwaarden",
            "About these terms",
            format!(
                "Deze voorwaarden gelden voor Kring, het cliëntportaal van {name}. In \
                 het portaal leest u het zorgplan en de rapportages van de cliënt. U \
                 kunt er ook foto's delen en contact houden met het zorgteam.\n\n\
                 De voorwaarden gelden voor iedereen die het portaal gebruikt: de \
                 cliënt, de wettelijk vertegenwoordiger en de familie en vrienden die \
                 zij uitnodigen.\n\n\
                 Als u het portaal gebruikt, gaat u akkoord met alle voorwaarden die op \
                 dat moment gelden. U kunt de geldende voorwaarden altijd nalezen in \
                 het portaal."
            ),
            format!(
                "These terms apply to Kring, the client portal of {name}. In the portal \
                 you can read the client's care plan and progress reports. You can also \
                 share photos and keep in touch with the care team.\n\n\
                 The terms apply to everyone who uses the portal: the client, the legal \
                 representative and the family and friends they invite.\n\n\
                 When you use the portal, you accept all of the terms that apply at that \
                 time. You can always read the current terms in the portal."
            ),
        ),
        section(
            "Wie het portaal mag gebruiken",
            "Who may use the portal",
            format!(
                "Het portaal is alleen voor cliënten van {name}. U krijgt alleen \
                 toegang als u daar zelf om vraagt.\n\n\
                 Toegang is persoonlijk. U mag uw toegang niet aan iemand anders geven. \
                 {name} geeft per cliënt toegang aan één persoon: de cliënt zelf, of de \
                 wettelijk vertegenwoordiger. Deze persoon is de beheerder van het \
                 portaal.\n\n\
                 Bent u de wettelijk vertegenwoordiger? Dan heeft u in het portaal \
                 dezelfde rechten en plichten als de cliënt. U moet kunnen laten zien \
                 dat u de vertegenwoordiger bent, bijvoorbeeld met een besluit van de \
                 rechter."
            ),
            format!(
                "The portal is only for clients of {name}. You only get access if you \
                 ask for it yourself.\n\n\
                 Access is personal. You must not give your access to anyone else. \
                 {name} gives access to one person per client: the client, or the \
                 client's legal representative. This person is the administrator of the \
                 portal.\n\n\
                 Are you the legal representative? Then you have the same rights and \
                 duties in the portal as the client. You must be able to show that you \
                 are the representative, for example with a court decision."
            ),
        ),
        section(
            "Uw account en inloggen",
            "Your account and signing in",
            format!(
                "Voor een account heeft u een e-mailadres en een mobiel nummer nodig. \
                 Wij controleren ze allebei als u het account maakt.\n\n\
                 Inloggen gaat in twee stappen. Eerst vult u uw wachtwoord in. Daarna \
                 krijgt u een code per sms. Die vult u ook in.\n\n\
                 Houd uw wachtwoord en de codes geheim. Deel ze met niemand, ook niet \
                 met familie of met medewerkers van {name}. Denkt u dat iemand anders \
                 uw wachtwoord kent? Verander het dan meteen en meld het bij het \
                 zorgteam."
            ),
            format!(
                "To have an account you need an e-mail address and a mobile phone \
                 number. We check both of them when you create the account.\n\n\
                 Signing in takes two steps. First you enter your password. Then you \
                 get a code by text message. You enter that code too.\n\n\
                 Keep your password and the codes to yourself. Do not share them with \
                 anyone, not even with family or with staff of {name}. Do you think \
                 someone else knows your password? Then change it straight away and tell \
                 the care team."
            ),
        ),
        section(
            "Uw kring uitnodigen",
            "Inviting your circle",
            "De beheerder kan familie en vrienden uitnodigen voor het portaal. Samen \
             vormen zij de kring van de cliënt.\n\n\
             De beheerder bepaalt per persoon wat die mag zien en doen. Bijvoorbeeld: \
             het zorgplan lezen, rapportages lezen, foto's bekijken of toevoegen, en \
             notities lezen of schrijven. De beheerder kan deze rechten altijd \
             veranderen of intrekken.\n\n\
             Bent u uitgenodigd? Dan gebruikt u het portaal alleen binnen de rechten \
             die u heeft gekregen. Ook voor u gelden deze voorwaarden.",
            "The administrator can invite family and friends to the portal. Together \
             they form the client's circle.\n\n\
             The administrator decides for each person what they may see and do. For \
             example: read the care plan, read progress reports, view or add photos, \
             and read or write notes. The administrator can change or withdraw these \
             rights at any time.\n\n\
             Have you been invited? Then you use the portal only within the rights you \
             were given. These terms apply to you too.",
        ),
        section(
            "Wat u in het portaal ziet",
            "What you see in the portal",
            "Het portaal laat informatie zien uit het eigen zorgdossier van de cliënt. \
             Dat is het zorgplan, met de levensgebieden, de doelen, de afgesproken \
             acties en de data waarop het plan wordt besproken. Ook ziet u de \
             rapportages over hoe het met de cliënt gaat.\n\n\
             Het portaal helpt u om contact te houden met het zorgteam. Maar het \
             vervangt geen gesprek. Wilt u iets bespreken? Maak dan een afspraak met \
             het zorgteam of met de persoonlijk begeleider.",
            "The portal shows information from the client's own care record. This is \
             the care plan, with the life domains, the goals, the agreed actions and \
             the dates when the plan is reviewed. You also see the progress reports \
             about how the client is doing.\n\n\
             The portal helps you keep in touch with the care team. But it does not \
             replace talking to them. Do you want to discuss something? Then make an \
             appointment with the care team or the personal counsellor.",
        ),
        section(
            "Niet voor noodgevallen",
            "Not for emergencies",
            format!(
                "Gebruik het portaal nooit bij een noodgeval. Berichten in het portaal \
                 worden niet altijd meteen gelezen.\n\n\
                 Is er een noodgeval? Bel dan het zorgteam op {phone}. Is iemands leven \
                 in gevaar? Bel dan direct 112."
            ),
            format!(
                "Never use the portal in an emergency. Messages in the portal are not \
                 always read straight away.\n\n\
                 Is there an emergency? Then call the care team at {phone}. Is someone's \
                 life in danger? Then call 112 straight away."
            ),
        ),
        section(
            "Klopt de informatie?",
            "Is the information correct?",
            "Wij doen ons best om de informatie in het portaal juist en volledig te \
             houden. Toch kan er iets niet kloppen of ontbreken. Daarom kunt u aan de \
             informatie in het portaal geen rechten ontlenen.\n\n\
             Twijfelt u over iets? Neem dan contact op met de persoonlijk begeleider.",
            "We do our best to keep the information in the portal correct and \
             complete. Still, something may be wrong or missing. That is why you \
             cannot claim any rights based on the information in the portal.\n\n\
             Are you in doubt about something? Then contact the personal counsellor.",
        ),
        section(
            "Wat u zelf toevoegt",
            "What you add yourself",
            format!(
                "Heeft u de rechten ervoor? Dan kunt u notities, berichten en foto's \
                 toevoegen. Wat u toevoegt, moet gepast zijn en met de cliënt en de zorg \
                 te maken hebben. Het moet mogen volgens de wet. En het mag de rechten \
                 van anderen niet schaden, zoals hun privacy.\n\n\
                 {name} mag iets wat u toevoegt weigeren of weghalen als wij het in \
                 strijd met de wet, niet relevant of ongepast vinden. U ziet dan dat \
                 het is weggehaald, en waarom.\n\n\
                 Wordt het portaal overmatig gebruikt, bijvoorbeeld met heel veel \
                 berichten of foto's? Dan mag {name} onderdelen van het portaal \
                 tijdelijk stopzetten."
            ),
            format!(
                "Do you have the rights for it? Then you can add notes, messages and \
                 photos. What you add must be appropriate and have to do with the client \
                 and the care. It must be lawful. And it must not harm the rights of \
                 others, such as their privacy.\n\n\
                 {name} may refuse or remove something you add if we think it is \
                 unlawful, not relevant or inappropriate. You will then see that it was \
                 removed, and why.\n\n\
                 Is the portal used excessively, for example with a very large number of \
                 messages or photos? Then {name} may suspend parts of the portal for a \
                 while."
            ),
        ),
        section(
            "Foto's",
            "Photos",
            format!(
                "Cliënten, hun kring en medewerkers kunnen foto's in het portaal zetten. \
                 Dat kan ook een foto zijn van een activiteit met meerdere cliënten \
                 samen.\n\n\
                 In het portaal van een cliënt staan alleen de foto's die bij die \
                 cliënt horen. De beheerder kan een foto altijd uit het eigen portaal \
                 halen.\n\n\
                 {photos_rule_nl}"
            ),
            format!(
                "Clients, their circle and staff can put photos in the portal. This can \
                 also be a photo of an activity with several clients together.\n\n\
                 A client's portal only shows the photos that belong to that client. \
                 The administrator can always remove a photo from their own portal.\n\n\
                 {photos_rule_en}"
            ),
        ),
        section(
            "Goed gebruik",
            "Using the portal properly",
            "Gebruik het portaal alleen waarvoor het bedoeld is. Probeer geen gegevens \
             uit het systeem te wissen. Hinder andere cliënten niet bij het gebruik van \
             het portaal. En beschadig of omzeil de beveiliging van het systeem niet, \
             bijvoorbeeld door in te loggen met de gegevens van iemand anders.\n\n\
             Wat u in het portaal doet, vernietigt nooit gegevens in het zorgdossier. \
             Wordt er iets uit het portaal gehaald? Dan blijft het in het dossier \
             bewaard.",
            "Only use the portal for what it is meant for. Do not try to delete data \
             from the system. Do not get in the way of other clients using the portal. \
             And do not damage or get around the security of the system, for example \
             by signing in with someone else's details.\n\n\
             Nothing you do in the portal destroys anything in the care record. Is \
             something removed from the portal? Then it is still kept in the care record.",
        ),
        section(
            "Privacy en beveiliging",
            "Privacy and security",
            format!(
                "{name} verwerkt uw gegevens volgens de Algemene verordening \
                 gegevensbescherming (AVG), de Wet op de geneeskundige \
                 behandelingsovereenkomst (WGBO) en de Wet aanvullende bepalingen \
                 verwerking persoonsgegevens in de zorg. Die laatste wet regelt uw \
                 rechten als uw gegevens elektronisch worden verwerkt. De beveiliging \
                 volgt NEN 7510, de norm voor informatiebeveiliging in de zorg.\n\n\
                 Informatie uit het portaal gaat alleen naar de cliënt of de \
                 vertegenwoordiger, en naar de mensen die zij daarvoor toestemming \
                 hebben gegeven. Meer hierover leest u in onze privacyverklaring.\n\n\
                 {log_nl}"
            ),
            format!(
                "{name} processes your data according to the General Data Protection \
                 Regulation (GDPR, in Dutch AVG), the Dutch law on the medical treatment \
                 agreement (WGBO) and the Dutch law on client rights when data is \
                 processed electronically. Security follows NEN 7510, the standard for \
                 information security in Dutch healthcare.\n\n\
                 Information from the portal only goes to the client or the \
                 representative, and to the people they have given permission. You can \
                 read more about this in our privacy statement.\n\n\
                 {log_en}"
            ),
        ),
        section(
            "Uw gegevens laten aanpassen",
            "Having your data changed",
            format!(
                "Bent u de cliënt of de vertegenwoordiger? Dan kunt u vragen om \
                 gegevens te verbeteren of aan te vullen. U kunt ook vragen om gegevens \
                 te verwijderen of af te schermen, zodat anderen ze niet meer zien.\n\n\
                 Uw verzoek gaat naar de persoonlijk begeleider. Wij handelen het af \
                 binnen {correction_nl}. In het portaal ziet u hoe het met uw verzoek \
                 staat."
            ),
            format!(
                "Are you the client or the representative? Then you can ask us to \
                 correct your data or add to it. You can also ask us to remove data or \
                 shield it, so that others can no longer see it.\n\n\
                 Your request goes to the personal counsellor. We deal with it within \
                 {correction_en}. The portal shows you how your request is doing."
            ),
        ),
        section(
            "Bewaren van gegevens",
            "Keeping data",
            format!(
                "De gegevens in het portaal horen bij het zorgdossier van de cliënt. \
                 Wij bewaren ze {years_nl} na de laatste wijziging. Dat geldt ook als de \
                 zorg is gestopt.\n\n\
                 Zo houden wij ons aan de wet die regelt hoe lang een zorgdossier \
                 bewaard blijft."
            ),
            format!(
                "The data in the portal is part of the client's care record. We keep it \
                 for {years_en} after the last change. This also applies when the care \
                 has ended.\n\n\
                 This is how we follow the law on how long a care record must be kept."
            ),
        ),
        section(
            "Einde van de toegang",
            "End of access",
            format!(
                "Uw toegang stopt vanzelf {grace_nl} nadat de zorg van {name} voor de \
                 cliënt is gestopt. Dat geldt ook als de cliënt overlijdt. De beheerder \
                 kan de toegang tot het portaal ook zelf op elk moment stoppen.\n\n\
                 {name} mag de toegang stoppen of weigeren als het portaal niet goed \
                 wordt gebruikt. Bijvoorbeeld bij overmatig gebruik, of als iemand zich \
                 niet aan deze voorwaarden houdt. Wij verwerken dan geen gegevens meer \
                 via het portaal.\n\n\
                 Het zorgdossier blijft wel bewaard, zoals staat bij Bewaren van \
                 gegevens."
            ),
            format!(
                "Your access ends by itself {grace_en} after the care by {name} for the \
                 client has ended. This also applies when the client dies. The \
                 administrator can also end access to the portal at any time.\n\n\
                 {name} may end or refuse access if the portal is not used properly. For \
                 example when it is used excessively, or when someone does not follow \
                 these terms. We then no longer process any data through the portal.\n\n\
                 The care record is still kept, as described under Keeping data."
            ),
        ),
        section(
            "Wijzigingen van deze voorwaarden",
            "Changes to these terms",
            format!(
                "{changes_nl}\n\n\
                 Accepteert u de nieuwe voorwaarden niet? Dan kunt u het portaal niet \
                 meer gebruiken. De voorwaarden die gelden, kunt u altijd nalezen in het \
                 portaal."
            ),
            format!(
                "{changes_en}\n\n\
                 Do you not accept the new terms? Then you can no longer use the portal. \
                 You can always read the terms that apply in the portal."
            ),
        ),
        section(
            "Aansprakelijkheid, recht en klachten",
            "Liability, law and complaints",
            format!(
                "Wij doen ons best om het portaal goed en veilig te laten werken. Toch \
                 werkt het soms even niet, bijvoorbeeld door onderhoud of een storing. \
                 {name} is niet aansprakelijk voor schade door het gebruik van het \
                 portaal, behalve als wij die schade met opzet of door ernstige \
                 nalatigheid hebben veroorzaakt. Uw rechten als cliënt volgens de wet \
                 blijven altijd gelden.\n\n\
                 Op deze voorwaarden is het Nederlandse recht van toepassing.\n\n\
                 Heeft u een vraag of een klacht over het portaal? Neem dan contact op \
                 met het zorgteam via {email}."
            ),
            format!(
                "We do our best to make the portal work well and safely. Still, it may \
                 sometimes not work for a while, for example because of maintenance or a \
                 fault. {name} is not liable for damage caused by using the portal, \
                 unless we caused that damage on purpose or through serious negligence. \
                 Your rights as a client under the law always remain.\n\n\
                 Dutch law applies to these terms.\n\n\
                 Do you have a question or a complaint about the portal? Then contact \
                 the care team at {email}."
            ),
        ),
    ]
}

/// What changed from version 1 to version 2: (Dutch, English), one change per line.
pub fn terms_v2_changes(org: &OrgFacts) -> (String, String) {
    let name = org.name;
    let nl = format!(
        "Bij Foto's staat nu duidelijk dat u foto's waarop andere mensen staan niet mag \
         kopiëren, downloaden, doorsturen of op sociale media zetten.\n\
         De beheerder kan nu in het portaal een logboek bekijken: wie heeft welke \
         gegevens bekeken of gewijzigd, en wanneer.\n\
         Als {name} de voorwaarden verandert, ziet u bij het inloggen eerst een korte \
         lijst van wat er anders is."
    );
    let en = format!(
        "Photos now clearly says that you must not copy, download, forward or put on \
         social media any photos that show other people.\n\
         The administrator can now look at a log in the portal: who viewed or changed \
         which data, and when.\n\
         When {name} changes the terms, you first see a short list of what has changed \
         when you sign in."
    );
    (nl, en)
}

/// The privacy statement.
pub fn privacy_statement(org: &OrgFacts) -> Vec<Section> {
    let name = org.name;
    let email = org.care_team_email;
    let grace_nl = days_nl(org.grace_days);
    let grace_en = days_en(org.grace_days);
    let correction_nl = days_nl(org.correction_days);
    let correction_en = days_en(org.correction_days);
    let years_nl = years_nl(org.retention_years);
    let years_en = years_en(org.retention_years);

    vec![
        section(
            "Over deze privacyverklaring",
            "About this privacy statement",
            format!(
                "In deze verklaring leest u hoe {name} omgaat met gegevens in Kring, \
                 het cliëntportaal. De verklaring is voor iedereen die het portaal \
                 gebruikt: de cliënt, de wettelijk vertegenwoordiger en de familie en \
                 vrienden in de kring.\n\n\
                 Wij gaan zorgvuldig om met uw gegevens. Wij houden ons aan de \
                 Algemene verordening gegevensbescherming (AVG), de Wet op de \
                 geneeskundige behandelingsovereenkomst (WGBO) en de Wet aanvullende \
                 bepalingen verwerking persoonsgegevens in de zorg."
            ),
            format!(
                "This statement explains how {name} handles data in Kring, the client \
                 portal. The statement is for everyone who uses the portal: the client, \
                 the legal representative and the family and friends in the circle.\n\n\
                 We handle your data with care. We follow the General Data Protection \
                 Regulation (GDPR, in Dutch AVG), the Dutch law on the medical treatment \
                 agreement (WGBO) and the Dutch law on client rights when data is \
                 processed electronically."
            ),
        ),
        section(
            "Wie is verantwoordelijk",
            "Who is responsible",
            format!(
                "{name} is verantwoordelijk voor de gegevens in het portaal. Dat \
                 betekent: wij bepalen waarom en hoe de gegevens worden gebruikt. En wij \
                 zorgen ervoor dat dit volgens de wet gebeurt. In de wet heet dit de \
                 verwerkingsverantwoordelijke."
            ),
            format!(
                "{name} is responsible for the data in the portal. This means: we decide \
                 why and how the data is used. And we make sure this happens according \
                 to the law. The law calls this the controller."
            ),
        ),
        section(
            "Uw accountgegevens",
            "Your account data",
            "Voor uw account bewaren wij uw naam, uw e-mailadres en uw mobiele nummer. \
             Ook bewaren wij welke rol u heeft en wat u van de beheerder mag zien en \
             doen.\n\n\
             Uw wachtwoord bewaren wij zo dat niemand het kan lezen, ook onze \
             medewerkers niet.",
            "For your account we keep your name, your e-mail address and your mobile \
             phone number. We also keep your role and what the administrator allows \
             you to see and do.\n\n\
             We store your password in a way that nobody can read it, not even our \
             staff.",
        ),
        section(
            "Gegevens uit het zorgdossier",
            "Data from the care record",
            format!(
                "Het portaal laat gegevens zien uit het zorgdossier van de cliënt. Dat \
                 zijn het zorgplan, met levensgebieden, doelen, afgesproken acties en \
                 evaluatiedata, en de rapportages. Deze gegevens komen van het zorgteam \
                 van {name}.\n\n\
                 Dit zijn gegevens over gezondheid en zorg. De wet beschermt deze \
                 gegevens extra goed, en wij doen dat ook."
            ),
            format!(
                "The portal shows data from the client's care record. This is the care \
                 plan, with life domains, goals, agreed actions and evaluation dates, and \
                 the progress reports. This data comes from the care team of {name}.\n\n\
                 This is data about health and care. The law gives this data extra \
                 protection, and so do we."
            ),
        ),
        section(
            "Wat u zelf toevoegt",
            "What you add yourself",
            "Voegt u notities, berichten of foto's toe? Dan bewaren wij die ook. Ze \
             horen dan bij het zorgdossier van de cliënt. Op foto's kunnen ook andere \
             mensen staan. Daarom gaan wij daar extra zorgvuldig mee om.\n\n\
             Vraagt u om gegevens aan te passen? Dan bewaren wij ook uw verzoek en hoe \
             het is afgehandeld.",
            "Do you add notes, messages or photos? Then we keep those too. They become \
             part of the client's care record. Photos may also show other people. That \
             is why we handle them with extra care.\n\n\
             Do you ask us to change data? Then we also keep your request and how it was \
             dealt with.",
        ),
        section(
            "Logboek",
            "Access log",
            "Wij houden bij wie welke gegevens bekijkt of wijzigt, en wanneer. Dit heet \
             een logboek.\n\n\
             Met het logboek controleren wij dat niemand gegevens bekijkt die hij of zij \
             niet mag zien. De beheerder van het portaal kan het logboek ook zelf \
             bekijken.",
            "We keep a record of who views or changes which data, and when. This is \
             called an access log.\n\n\
             With the log we check that nobody looks at data they are not allowed to \
             see. The administrator of the portal can also look at the log.",
        ),
        section(
            "Waarom wij gegevens gebruiken",
            "Why we use data",
            "Wij gebruiken de gegevens om de cliënt goede zorg te geven. En om de \
             cliënt en de kring te laten meelezen en meedenken over die zorg.\n\n\
             Ook moeten wij ons aan de wet houden. De WGBO verplicht ons om een \
             zorgdossier bij te houden en te bewaren. En de wet vraagt dat wij \
             bijhouden wie gegevens bekijkt.\n\n\
             Wij gebruiken uw gegevens niet voor reclame. En wij verkopen ze nooit.",
            "We use the data to give the client good care. And to let the client and \
             the circle read along and think along about that care.\n\n\
             We must also follow the law. The WGBO requires us to keep a care record \
             and to store it. And the law asks us to keep a record of who views \
             data.\n\n\
             We do not use your data for advertising. And we never sell it.",
        ),
        section(
            "Wie de gegevens kan zien",
            "Who can see the data",
            format!(
                "De cliënt of de wettelijk vertegenwoordiger kan alle gegevens in het \
                 portaal zien. Familie en vrienden in de kring zien alleen wat de \
                 beheerder hen toestaat.\n\n\
                 Medewerkers van {name} zien alleen de gegevens die zij nodig hebben \
                 voor hun werk. Zij moeten geheimhouden wat zij zien. Bedrijven die het \
                 portaal technisch voor ons beheren, werken alleen in onze opdracht en \
                 volgens vaste afspraken.\n\n\
                 Wij geven gegevens niet aan anderen. Behalve als u daar toestemming \
                 voor geeft, of als de wet ons dat verplicht."
            ),
            format!(
                "The client or the legal representative can see all the data in the \
                 portal. Family and friends in the circle only see what the \
                 administrator allows them to see.\n\n\
                 Staff of {name} only see the data they need for their work. They must \
                 keep what they see confidential. Companies that run the portal \
                 technically for us only work on our instructions and under fixed \
                 agreements.\n\n\
                 We do not give data to anyone else. Unless you give permission for it, \
                 or the law requires us to."
            ),
        ),
        section(
            "Hoe lang wij gegevens bewaren",
            "How long we keep data",
            format!(
                "De gegevens in het portaal horen bij het zorgdossier. Wij bewaren ze \
                 {years_nl} na de laatste wijziging. Dat geldt ook als de zorg is \
                 gestopt.\n\n\
                 Uw toegang tot het portaal stopt wel eerder: {grace_nl} nadat de zorg \
                 is gestopt. Dat geldt ook als de cliënt overlijdt."
            ),
            format!(
                "The data in the portal is part of the care record. We keep it for \
                 {years_en} after the last change. This also applies when the care has \
                 ended.\n\n\
                 Your access to the portal ends sooner: {grace_en} after the care has \
                 ended. This also applies when the client dies."
            ),
        ),
        section(
            "Beveiliging",
            "Security",
            "Wij beveiligen de gegevens volgens NEN 7510. Dat is de norm voor \
             informatiebeveiliging in de zorg.\n\n\
             Inloggen gaat in twee stappen: met uw wachtwoord en met een code per sms. \
             Wilt u uw e-mailadres, mobiele nummer of wachtwoord veranderen? Dan vragen \
             wij eerst opnieuw uw wachtwoord en een code, en krijgt u een bericht op uw \
             oude adres of nummer. Bent u uw telefoon kwijt? Dan controleert het zorgteam \
             wie u bent en haalt het oude nummer van uw account; bij het inloggen stelt u \
             dan een nieuw nummer in. De verbinding met het portaal is beveiligd. En met \
             het logboek zien wij wie gegevens bekijkt of wijzigt.\n\n\
             Gaat er toch iets mis met uw gegevens, bijvoorbeeld een datalek? Dan doen \
             wij wat de wet vraagt. Wij melden het waar dat moet, en wij laten het u \
             weten.",
            "We protect the data according to NEN 7510. This is the standard for \
             information security in Dutch healthcare.\n\n\
             Signing in takes two steps: your password and a code by text message. Do \
             you want to change your e-mail address, mobile number or password? Then we \
             first ask for your password and a code again, and you get a message at your \
             old address or number. Have you lost your phone? Then the care team checks \
             who you are and removes the old number from your account; when you sign in, \
             you then set up a new number. The connection to the portal is secured. And \
             with the access log we see who views or changes data.\n\n\
             Does something still go wrong with your data, for example a data breach? \
             Then we do what the law asks. We report it where we must, and we let you \
             know.",
        ),
        section(
            "Uw rechten",
            "Your rights",
            format!(
                "Bent u de cliënt of de vertegenwoordiger? Dan mag u de gegevens zien. \
                 U kunt ook vragen om gegevens te verbeteren, aan te vullen, te \
                 verwijderen of af te schermen. Afschermen betekent dat anderen die \
                 gegevens niet meer kunnen zien.\n\n\
                 Uw verzoek gaat naar de persoonlijk begeleider. Wij handelen het af \
                 binnen {correction_nl}. In het portaal ziet u hoe het met uw verzoek \
                 staat.\n\n\
                 Soms mogen wij gegevens niet verwijderen, omdat de wet zegt dat wij ze \
                 moeten bewaren. Dan leggen wij u uit waarom."
            ),
            format!(
                "Are you the client or the representative? Then you may see the data. \
                 You can also ask us to correct data, add to it, remove it or shield it. \
                 Shielding means that others can no longer see that data.\n\n\
                 Your request goes to the personal counsellor. We deal with it within \
                 {correction_en}. The portal shows you how your request is doing.\n\n\
                 Sometimes we are not allowed to remove data, because the law says we \
                 must keep it. We will then explain why."
            ),
        ),
        section(
            "Een klacht indienen",
            "Making a complaint",
            format!(
                "Bent u het niet eens met hoe wij met uw gegevens omgaan? Laat het ons \
                 dan weten via {email}. Wij zoeken samen met u naar een oplossing.\n\n\
                 U kunt ook een klacht indienen bij de Autoriteit Persoonsgegevens. Dat \
                 is de organisatie die in Nederland toezicht houdt op privacy. Kijk op \
                 autoriteitpersoonsgegevens.nl."
            ),
            format!(
                "Do you disagree with how we handle your data? Then let us know at \
                 {email}. We will look for a solution together with you.\n\n\
                 You can also make a complaint to the Autoriteit Persoonsgegevens. This \
                 is the Dutch authority that supervises privacy. See \
                 autoriteitpersoonsgegevens.nl."
            ),
        ),
        section(
            "Contact",
            "Contact",
            format!(
                "Heeft u vragen over deze privacyverklaring of over uw gegevens? Neem \
                 dan contact op met het zorgteam van {name} via {email}.\n\n\
                 Wij kunnen deze verklaring veranderen. De nieuwste versie staat altijd \
                 in het portaal."
            ),
            format!(
                "Do you have questions about this privacy statement or about your data? \
                 Then contact the care team of {name} at {email}.\n\n\
                 We may change this statement. The latest version is always in the \
                 portal."
            ),
        ),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn facts() -> OrgFacts<'static> {
        OrgFacts {
            name: "Zorggroep De Linde",
            grace_days: 42,
            retention_years: 20,
            correction_days: 28,
            emergency_phone: "030 123 45 67",
            care_team_email: "zorgteam@delinde.example",
        }
    }

    fn documents() -> Vec<(&'static str, Vec<Section>)> {
        let org = facts();
        vec![
            ("terms_v1", terms_v1(&org)),
            ("terms_v2", terms_v2(&org)),
            ("privacy", privacy_statement(&org)),
        ]
    }

    fn paragraphs(body: &str) -> usize {
        body.split("\n\n").count()
    }

    #[test]
    fn both_languages_have_the_same_shape() {
        for (doc, sections) in documents() {
            assert!(
                (10..=16).contains(&sections.len()),
                "{doc}: {} sections",
                sections.len()
            );
            let nl = sections.iter().filter(|s| !s.body_nl.is_empty()).count();
            let en = sections.iter().filter(|s| !s.body_en.is_empty()).count();
            assert_eq!(nl, sections.len(), "{doc}: empty Dutch body");
            assert_eq!(en, sections.len(), "{doc}: empty English body");
            for s in &sections {
                assert!(!s.heading_nl.trim().is_empty(), "{doc}: empty heading");
                assert!(!s.heading_en.trim().is_empty(), "{doc}: empty heading");
                assert_eq!(
                    paragraphs(&s.body_nl),
                    paragraphs(&s.body_en),
                    "{doc}: paragraph count differs in {}",
                    s.heading_en
                );
                assert!(
                    (1..=3).contains(&paragraphs(&s.body_nl)),
                    "{}",
                    s.heading_en
                );
            }
        }
    }

    #[test]
    fn bodies_are_plain_text() {
        for (doc, sections) in documents() {
            for s in &sections {
                for body in [&s.body_nl, &s.body_en] {
                    assert_eq!(body.trim(), body.as_str(), "{doc}: {}", s.heading_en);
                    for paragraph in body.split("\n\n") {
                        assert!(!paragraph.trim().is_empty(), "{doc}: {}", s.heading_en);
                        assert!(!paragraph.contains('\n'), "{doc}: {}", s.heading_en);
                    }
                    for c in ['*', '#', '<', '>', '`', '{', '}', '[', ']', '_'] {
                        assert!(!body.contains(c), "{doc}: {c} in {}", s.heading_en);
                    }
                    assert!(
                        !body.contains("  "),
                        "{doc}: double space in {}",
                        s.heading_en
                    );
                }
            }
        }
    }

    #[test]
    fn terms_mention_grace_days_and_emergency_number() {
        let org = facts();
        for sections in [terms_v1(&org), terms_v2(&org)] {
            let nl: String = sections.iter().map(|s| s.body_nl.as_str()).collect();
            let en: String = sections.iter().map(|s| s.body_en.as_str()).collect();
            assert!(nl.contains("42 dagen"));
            assert!(en.contains("42 days"));
            assert!(nl.contains("030 123 45 67"));
            assert!(en.contains("030 123 45 67"));
            assert!(nl.contains("112") && en.contains("112"));
        }
    }

    #[test]
    fn versions_differ_and_changes_are_listed() {
        let org = facts();
        assert_ne!(terms_v1(&org), terms_v2(&org));
        let (nl, en) = terms_v2_changes(&org);
        let nl_lines = nl.lines().filter(|l| !l.trim().is_empty()).count();
        let en_lines = en.lines().filter(|l| !l.trim().is_empty()).count();
        assert_eq!(nl_lines, en_lines);
        assert!((2..=4).contains(&nl_lines));
    }

    #[test]
    fn singular_units() {
        assert_eq!(days_nl(1), "1 dag");
        assert_eq!(days_en(1), "1 day");
        assert_eq!(years_en(1), "1 year");
        assert_eq!(years_nl(20), "20 jaar");
    }
}
