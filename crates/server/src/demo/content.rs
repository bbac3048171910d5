//! Static Dutch content for the Kring demo data.
//!
//! This module holds pure data: life domains with goals and progress-report
//! texts, names, job titles, network relations, notes, photo captions and team
//! names. The demo-data generator picks from these lists in a deterministic way.
//!
//! Texts are written in plain Dutch (B1 level). Two placeholders are used and
//! nothing else: `{naam}` is the client's first name and `{medewerker}` is the
//! name of a staff member. The generator replaces both.

/// A life domain of the care plan (trajectplan/zorgplan).
#[derive(Debug, Clone, Copy)]
pub struct LifeDomain {
    /// Which domain (the database stores its API key).
    pub key: kring_api::LifeDomain,
    /// Dutch display name, e.g. "Wonen".
    pub name_nl: &'static str,
    /// English display name, e.g. "Living".
    pub name_en: &'static str,
    /// Goals in the client's own words (first person, simple), 4 to 6 per domain.
    pub goals: &'static [GoalTemplate],
    /// Progress-report texts for this domain, at least 25 per domain.
    pub reports: &'static [&'static str],
}

/// A goal with the actions agreed to reach it.
#[derive(Debug, Clone, Copy)]
pub struct GoalTemplate {
    /// The goal in the client's words, e.g. "Ik wil zelf mijn boodschappen doen."
    pub text: &'static str,
    /// 2 to 3 agreed actions.
    pub actions: &'static [ActionTemplate],
}

/// One agreed action: what, who, how often.
#[derive(Debug, Clone, Copy)]
pub struct ActionTemplate {
    /// What is done, e.g. "Samen een boodschappenlijst maken".
    pub what: &'static str,
    /// Who does it, e.g. "{naam} met begeleider", "Persoonlijk begeleider", "Fysiotherapeut", "Moeder".
    pub who: &'static str,
    /// How often, e.g. "Elke maandag", "Twee keer per week", "Elke dag na het ontbijt".
    pub how_often: &'static str,
}

/// The six life domains with their goals and report texts.
pub const LIFE_DOMAINS: &[LifeDomain] = &[
    LifeDomain {
        key: kring_api::LifeDomain::Living,
        name_nl: "Wonen",
        name_en: "Living",
        goals: WONEN_GOALS,
        reports: WONEN_REPORTS,
    },
    LifeDomain {
        key: kring_api::LifeDomain::Health,
        name_nl: "Gezondheid",
        name_en: "Health",
        goals: GEZONDHEID_GOALS,
        reports: GEZONDHEID_REPORTS,
    },
    LifeDomain {
        key: kring_api::LifeDomain::DaytimeActivities,
        name_nl: "Dagbesteding en werk",
        name_en: "Day activities and work",
        goals: DAGBESTEDING_GOALS,
        reports: DAGBESTEDING_REPORTS,
    },
    LifeDomain {
        key: kring_api::LifeDomain::Finances,
        name_nl: "Financiën",
        name_en: "Finances",
        goals: FINANCIEN_GOALS,
        reports: FINANCIEN_REPORTS,
    },
    LifeDomain {
        key: kring_api::LifeDomain::SocialContacts,
        name_nl: "Sociale contacten",
        name_en: "Social contacts",
        goals: SOCIALE_CONTACTEN_GOALS,
        reports: SOCIALE_CONTACTEN_REPORTS,
    },
    LifeDomain {
        key: kring_api::LifeDomain::SelfCare,
        name_nl: "Zelfzorg",
        name_en: "Self-care",
        goals: ZELFZORG_GOALS,
        reports: ZELFZORG_REPORTS,
    },
];

// ---------------------------------------------------------------------------
// Wonen
// ---------------------------------------------------------------------------

const WONEN_GOALS: &[GoalTemplate] = &[
    GoalTemplate {
        text: "Ik wil mijn eigen kamer netjes houden.",
        actions: &[
            ActionTemplate {
                what: "Samen de kamer opruimen en stofzuigen",
                who: "{naam} met begeleider",
                how_often: "Elke zaterdagochtend",
            },
            ActionTemplate {
                what: "Een weekschema met plaatjes op de deur hangen en bespreken",
                who: "Persoonlijk begeleider",
                how_often: "Eén keer per maand",
            },
            ActionTemplate {
                what: "Zelf het bed opmaken",
                who: "{naam}",
                how_often: "Elke ochtend na het opstaan",
            },
        ],
    },
    GoalTemplate {
        text: "Ik wil zelf mijn boodschappen doen.",
        actions: &[
            ActionTemplate {
                what: "Samen een boodschappenlijst maken",
                who: "{naam} met begeleider",
                how_often: "Elke maandag",
            },
            ActionTemplate {
                what: "Samen naar de supermarkt lopen en de lijst afwerken",
                who: "{naam} met begeleider",
                how_often: "Elke dinsdagmiddag",
            },
            ActionTemplate {
                what: "Alleen een kleine boodschap doen bij de bakker op de hoek",
                who: "{naam}",
                how_often: "Elke zaterdag",
            },
        ],
    },
    GoalTemplate {
        text: "Ik wil veilig in mijn eigen huis blijven wonen.",
        actions: &[
            ActionTemplate {
                what: "Losse kleden en snoeren weghalen en het huis nalopen",
                who: "Wijkverpleegkundige met dochter",
                how_often: "Elk kwartaal",
            },
            ActionTemplate {
                what: "De alarmknop om de pols dragen en testen",
                who: "{naam}",
                how_often: "Elke eerste maandag van de maand",
            },
            ActionTemplate {
                what: "Huisbezoek om hulpmiddelen te bekijken",
                who: "Ergotherapeut",
                how_often: "Twee keer per jaar",
            },
        ],
    },
    GoalTemplate {
        text: "Ik wil leren koken, zodat ik één keer per week voor de groep kan koken.",
        actions: &[
            ActionTemplate {
                what: "Samen een makkelijk recept uitkiezen",
                who: "{naam} met begeleider",
                how_often: "Elke vrijdag",
            },
            ActionTemplate {
                what: "Samen koken voor de groep",
                who: "{naam} met begeleider",
                how_often: "Elke woensdagavond",
            },
        ],
    },
    GoalTemplate {
        text: "Ik wil mijn was zelf doen.",
        actions: &[
            ActionTemplate {
                what: "De wasmachine aanzetten met het stappenplan",
                who: "{naam} met begeleider",
                how_often: "Twee keer per week",
            },
            ActionTemplate {
                what: "Schone was opvouwen en in de kast leggen",
                who: "{naam}",
                how_often: "Na elke was",
            },
        ],
    },
    GoalTemplate {
        text: "Ik wil over een jaar in een eigen appartement wonen.",
        actions: &[
            ActionTemplate {
                what: "Samen woningen bekijken op de website van de woningcorporatie",
                who: "Persoonlijk begeleider",
                how_often: "Eén keer per maand",
            },
            ActionTemplate {
                what: "Oefenen met alleen zijn in het trainingsappartement",
                who: "{naam}",
                how_often: "Twee avonden per week",
            },
            ActionTemplate {
                what: "Bespreken hoe het gaat",
                who: "Mentor en persoonlijk begeleider",
                how_often: "Elke drie maanden",
            },
        ],
    },
];

const WONEN_REPORTS: &[&str] = &[
    "{naam} heeft de tafel afgeruimd.",
    "{naam} heeft vandaag zelf de kamer opgeruimd. De vuile was lag netjes in de wasmand.",
    "Vanochtend heeft {naam} zelf het bed opgemaakt. Dat ging goed.",
    "{naam} heeft samen met {medewerker} de boodschappen gedaan. {naam} hield zelf de lijst vast en vond bijna alles zonder hulp.",
    "{naam} heeft vanavond voor de groep gekookt: pasta met groenten. Iedereen vond het lekker en {naam} was er trots op.",
    "Het was onrustig in de groep, omdat een huisgenoot erg luid was. {naam} is even naar de eigen kamer gegaan om rustig te worden. Dat was een goede keuze.",
    "{naam} vindt het spannend dat er volgende week een nieuwe bewoner komt. We hebben erover gepraat. {naam} wil de nieuwe bewoner graag het huis laten zien.",
    "{naam} heeft de was in de machine gedaan met het stappenplan. Alleen het bakje voor het wasmiddel moest {medewerker} even aanwijzen.",
    "De thuiszorg heeft de rollator van {naam} op de goede hoogte gezet. Lopen door de gang gaat nu makkelijker.",
    "Bij het huisbezoek lag er een los kleed in de woonkamer. Met toestemming van {naam} is het kleed weggehaald, zodat {naam} er niet over kan vallen.",
    "{naam} heeft de alarmknop vandaag getest. De meldkamer nam snel op en alles werkt goed.",
    "De verwarming stond bij {naam} erg hoog. Samen de thermostaat op 20 graden gezet.",
    "In de koelkast van {naam} stonden producten die over de datum waren. Samen opgeruimd en een nieuw boodschappenlijstje gemaakt.",
    "{naam} heeft de planten in de huiskamer water gegeven. Dat is een vaste taak die {naam} graag doet.",
    "Vanavond was er huisvergadering. {naam} vroeg of we vaker pannenkoeken kunnen eten. Dat zetten we volgende week op het menu.",
    "{naam} heeft de vuilniszakken buiten gezet, zonder dat iemand het vroeg.",
    "{naam} kon de huissleutel niet vinden. Samen gezocht: de sleutel zat in de jaszak. Er hangt nu een haakje naast de deur.",
    "{naam} was vanavond een uur alleen in het trainingsappartement. Het ging rustig en {naam} had geen hulp nodig.",
    "Samen met {naam} gekeken op de website van de woningcorporatie. {naam} staat nu ingeschreven voor een eigen woning.",
    "{naam} heeft de kamer anders ingericht. Het bed staat nu bij het raam. {naam} is er blij mee.",
    "De trap blijft lastig voor {naam}. Met de familie besproken of een traplift mogelijk is. De ergotherapeut komt kijken.",
    "{naam} heeft vanochtend zelf koffie gezet en de kopjes daarna afgewassen.",
    "{naam} heeft geholpen met de ramen wassen. De binnenkant van de ramen deed {naam} helemaal zelf.",
    "Het was druk in de huiskamer en {naam} at op de eigen kamer. Later kwam {naam} weer gezellig bij de groep zitten.",
    "In de gang brandt nu 's nachts een lampje. {naam} vindt het zo minder eng om naar het toilet te gaan.",
    "{naam} heeft meegeholpen in de tuin. Samen met twee huisgenoten is het onkruid weggehaald.",
    "{naam} heeft het afval gescheiden: plastic, papier en groente-afval. Dat gaat steeds beter.",
    "Vanochtend was de verwarming kapot. De monteur is geweest. {naam} bleef rustig en trok een extra trui aan.",
    "{naam} heeft de vaatwasser uitgeruimd en alles op de goede plek gezet.",
    "{naam} heeft vandaag de eigen kamer gestofzuigd. Onder het bed moest {medewerker} nog even helpen.",
    "Er kwam een monteur voor de wasmachine. {naam} heeft de deur opengedaan en de monteur de weg gewezen.",
    "{naam} heeft een nieuw schilderij opgehangen boven het bureau. Samen de plek gekozen.",
];

// ---------------------------------------------------------------------------
// Gezondheid
// ---------------------------------------------------------------------------

const GEZONDHEID_GOALS: &[GoalTemplate] = &[
    GoalTemplate {
        text: "Ik wil minder vaak vallen.",
        actions: &[
            ActionTemplate {
                what: "Oefeningen doen voor balans en sterke benen",
                who: "Fysiotherapeut",
                how_often: "Twee keer per week",
            },
            ActionTemplate {
                what: "Altijd de rollator gebruiken bij het lopen",
                who: "{naam}",
                how_often: "Elke dag",
            },
            ActionTemplate {
                what: "Stevige schoenen aantrekken in plaats van sloffen",
                who: "{naam} met verzorgende",
                how_often: "Elke ochtend bij het aankleden",
            },
        ],
    },
    GoalTemplate {
        text: "Ik wil mijn medicijnen elke dag op tijd innemen.",
        actions: &[
            ActionTemplate {
                what: "Medicijnen geven volgens de lijst en aftekenen",
                who: "Verzorgende IG",
                how_often: "Elke dag om 8.00 en 20.00 uur",
            },
            ActionTemplate {
                what: "De medicijnrol controleren",
                who: "Wijkverpleegkundige",
                how_often: "Elke twee weken",
            },
            ActionTemplate {
                what: "Een herinnering op de telefoon zetten",
                who: "{naam} met begeleider",
                how_often: "Elke zondag nakijken",
            },
        ],
    },
    GoalTemplate {
        text: "Ik wil gezonder eten en een beetje afvallen.",
        actions: &[
            ActionTemplate {
                what: "Samen een weekmenu maken met veel groente",
                who: "{naam} met begeleider",
                how_often: "Elke zondag",
            },
            ActionTemplate {
                what: "Wegen op de weegschaal en het gewicht opschrijven",
                who: "{naam}",
                how_often: "Elke maandagochtend",
            },
            ActionTemplate {
                what: "Gesprek over eten en drinken",
                who: "Diëtist",
                how_often: "Eén keer per maand",
            },
        ],
    },
    GoalTemplate {
        text: "Ik wil goed slapen en uitgerust wakker worden.",
        actions: &[
            ActionTemplate {
                what: "Op een vaste tijd naar bed gaan",
                who: "{naam}",
                how_often: "Elke avond om 22.30 uur",
            },
            ActionTemplate {
                what: "Telefoon in de huiskamer aan de lader leggen",
                who: "{naam} met begeleider",
                how_often: "Elke avond",
            },
            ActionTemplate {
                what: "Rustig moment met thee en zachte muziek",
                who: "Begeleider avonddienst",
                how_often: "Elke avond na het journaal",
            },
        ],
    },
    GoalTemplate {
        text: "Ik wil elke dag een stukje wandelen.",
        actions: &[
            ActionTemplate {
                what: "Samen een rondje om het huis lopen",
                who: "{naam} met begeleider",
                how_often: "Elke dag na de lunch",
            },
            ActionTemplate {
                what: "Stappen bijhouden op een kaart in de keuken",
                who: "{naam}",
                how_often: "Elke avond",
            },
        ],
    },
    GoalTemplate {
        text: "Ik wil minder bang zijn voor de tandarts.",
        actions: &[
            ActionTemplate {
                what: "Samen foto's van de tandartspraktijk bekijken",
                who: "Persoonlijk begeleider",
                how_often: "In de week voor de afspraak",
            },
            ActionTemplate {
                what: "Met een vertrouwde begeleider naar de tandarts gaan",
                who: "Persoonlijk begeleider",
                how_often: "Twee keer per jaar",
            },
        ],
    },
];

const GEZONDHEID_REPORTS: &[&str] = &[
    "{naam} heeft goed geslapen.",
    "{naam} heeft de ochtendmedicatie om 8.00 uur ingenomen. Afgetekend op de lijst.",
    "{naam} heeft goed gegeten en gedronken. Geen bijzonderheden.",
    "{naam} sliep onrustig en was vannacht drie keer wakker. Overdag was {naam} wat moe, maar wel vrolijk.",
    "Vandaag naar de huisarts geweest voor controle van de bloeddruk. De bloeddruk is goed. Over drie maanden weer controle.",
    "{naam} heeft bij de fysiotherapeut geoefend met opstaan uit de stoel. Het ging beter dan vorige week.",
    "Controle bij de tandarts. {naam} bleef rustig in de stoel zitten. Er waren geen gaatjes.",
    "{naam} had pijn in de rechterknie. Paracetamol gegeven volgens afspraak. Morgen kijken we hoe het gaat.",
    "{naam} verloor bij het opstaan even het evenwicht. {medewerker} stond ernaast en kon {naam} opvangen. Er is geen letsel. De melding is gemaakt.",
    "{naam} is gewogen: één kilo lichter dan vorige maand. {naam} was er blij mee.",
    "{naam} had vandaag verhoging (38,2 graden). {naam} heeft veel gedronken en in bed gerust. De huisarts is gebeld; we kijken het een dag aan.",
    "Vandaag is de griepprik gegeven. {naam} had er geen last van.",
    "{naam} wilde de avondmedicatie eerst niet innemen. Na een rustig gesprek met {medewerker} heeft {naam} de tabletten toch ingenomen.",
    "De apotheek heeft de nieuwe medicijnrol gebracht. Gecontroleerd met de lijst: alles klopt.",
    "Het was warm vandaag. {naam} heeft zes bekers water gedronken. We houden het drinken goed bij.",
    "De hielen van {naam} waren rood. De wijkverpleegkundige heeft gekeken en er komt een speciaal kussen.",
    "{naam} heeft met {medewerker} een half uur in het park gewandeld. Daarna was {naam} lekker moe.",
    "Bij de oogarts geweest. {naam} krijgt een nieuwe bril. Over twee weken kan de bril worden opgehaald.",
    "{naam} was vanochtend wat in de war en wist niet welke dag het was. Rustig uitgelegd en de kalender laten zien. Na het ontbijt ging het beter.",
    "{naam} had om 19.15 uur een korte epileptische aanval van ongeveer een minuut. Daarna moe en naar bed. Gehandeld volgens het protocol.",
    "{naam} heeft de gehoorapparaten de hele dag ingehad. Praten gaat dan veel makkelijker.",
    "Controle bij de diabetesverpleegkundige. De suikerwaarden van {naam} zijn stabiel.",
    "{naam} ging om half elf zonder moeite naar bed. De telefoon bleef in de huiskamer.",
    "{naam} heeft de oefeningen van de fysiotherapeut gedaan. {naam} kan nu tien keer achter elkaar opstaan uit de stoel.",
    "{naam} had hoofdpijn na de dagbesteding. Even gerust op de kamer, daarna ging het weer.",
    "De specialist ouderengeneeskunde is langs geweest. De bloeddrukpillen blijven hetzelfde.",
    "{naam} heeft vandaag de hele dag stevige schoenen gedragen in plaats van sloffen. Goed zo!",
    "{naam} voelde zich somber en had nergens zin in. {medewerker} heeft samen met {naam} thee gedronken en gepraat. Morgen vragen we opnieuw hoe het gaat.",
    "De wond op de arm is verzorgd door de wijkverpleegkundige. Het geneest goed.",
    "Gesprek met de gedragsdeskundige over slapen. We proberen een vast avondritueel met rustige muziek.",
    "{naam} heeft de hele nacht doorgeslapen en werd om 7.30 uur uitgerust wakker.",
    "{naam} is naar het ziekenhuis geweest voor bloedonderzoek. {naam} was dapper en hield de hand van {medewerker} vast.",
    "De medicatie is vandaag volgens schema gegeven. {naam} slikte de tabletten met een beetje vla.",
];

// ---------------------------------------------------------------------------
// Dagbesteding en werk
// ---------------------------------------------------------------------------

const DAGBESTEDING_GOALS: &[GoalTemplate] = &[
    GoalTemplate {
        text: "Ik wil elke week werken bij de kringloopwinkel.",
        actions: &[
            ActionTemplate {
                what: "Samen de fietsroute naar de winkel oefenen",
                who: "{naam} met begeleider",
                how_often: "Eén keer per week, tot het alleen lukt",
            },
            ActionTemplate {
                what: "Werken in de kringloopwinkel",
                who: "{naam}",
                how_often: "Dinsdag en donderdag",
            },
            ActionTemplate {
                what: "Bespreken hoe het werk gaat",
                who: "Werkbegeleider en persoonlijk begeleider",
                how_often: "Elke zes weken",
            },
        ],
    },
    GoalTemplate {
        text: "Ik wil leren werken met de computer.",
        actions: &[
            ActionTemplate {
                what: "Computerles op de dagbesteding",
                who: "Activiteitenbegeleider",
                how_often: "Elke woensdagochtend",
            },
            ActionTemplate {
                what: "Samen een e-mail sturen naar familie",
                who: "{naam} met begeleider",
                how_often: "Eén keer per week",
            },
        ],
    },
    GoalTemplate {
        text: "Ik wil me overdag minder vervelen.",
        actions: &[
            ActionTemplate {
                what: "Meedoen met de activiteiten in de huiskamer",
                who: "Activiteitenbegeleider",
                how_often: "Elke ochtend",
            },
            ActionTemplate {
                what: "Samen puzzelen of een spel doen",
                who: "Vrijwilliger",
                how_often: "Elke donderdagmiddag",
            },
            ActionTemplate {
                what: "Het weekprogramma bij de stoel hangen en voorlezen",
                who: "Verzorgende IG",
                how_often: "Elke maandag",
            },
        ],
    },
    GoalTemplate {
        text: "Ik wil in de tuin werken en voor de planten zorgen.",
        actions: &[
            ActionTemplate {
                what: "Werken in de moestuin",
                who: "{naam} met activiteitenbegeleider",
                how_often: "Maandag, woensdag en vrijdag",
            },
            ActionTemplate {
                what: "Groenten oogsten en naar de keuken brengen",
                who: "{naam}",
                how_often: "In de zomer, als er iets te oogsten is",
            },
        ],
    },
    GoalTemplate {
        text: "Ik wil op tijd klaarstaan voor de taxi naar de dagbesteding.",
        actions: &[
            ActionTemplate {
                what: "De tas voor de volgende dag inpakken",
                who: "{naam}",
                how_often: "Elke avond voor een werkdag",
            },
            ActionTemplate {
                what: "Het ochtendschema met plaatjes volgen",
                who: "{naam} met begeleider",
                how_often: "Elke werkdag",
            },
            ActionTemplate {
                what: "De wekker om 7.00 uur zetten",
                who: "{naam}",
                how_often: "Elke avond",
            },
        ],
    },
    GoalTemplate {
        text: "Ik wil samen met anderen muziek maken.",
        actions: &[
            ActionTemplate {
                what: "Meezingen met het koor",
                who: "{naam}",
                how_often: "Elke donderdagavond",
            },
            ActionTemplate {
                what: "Heen en terug brengen naar de repetitie",
                who: "Broer",
                how_often: "Elke donderdag",
            },
        ],
    },
];

const DAGBESTEDING_REPORTS: &[&str] = &[
    "{naam} is vandaag naar de dagbesteding geweest en heeft kaarsen gemaakt.",
    "{naam} heeft bij de kringloopwinkel boeken gesorteerd. De werkbegeleider was tevreden.",
    "{naam} stond om 8.15 uur klaar voor de taxi. De tas was de avond ervoor al ingepakt.",
    "{naam} wilde vanochtend niet naar de dagbesteding. In een gesprek bleek dat {naam} erg moe was. We hebben afgesproken dat {naam} morgen weer gaat.",
    "In de moestuin heeft {naam} tomaten en courgettes geplukt. Die hebben we vanavond samen opgegeten.",
    "{naam} heeft in de houtwerkplaats een vogelhuisje geschuurd en geverfd. Het mag mee naar huis.",
    "Bij de computerles heeft {naam} foto's van het eigen dorp opgezocht. {naam} vertelde er veel over.",
    "{naam} deed vanochtend mee met de stoelgym in de huiskamer. Er werd veel gelachen.",
    "{naam} heeft met een vrijwilliger een legpuzzel van honderd stukjes gemaakt.",
    "Er was muziek in de huiskamer. {naam} zong alle oude liedjes mee.",
    "{naam} heeft in de bakkerij van de dagbesteding broodjes gebakken. Daarna mocht {naam} achter de kassa staan.",
    "{naam} fietste vandaag voor het eerst alleen naar het werk. {medewerker} fietste op afstand mee. Het ging helemaal goed.",
    "Er was een nieuwe begeleider op de dagbesteding. {naam} vond dat spannend en bleef dicht bij een bekende collega.",
    "{naam} heeft de dieren op de zorgboerderij eten gegeven. De geiten zijn favoriet.",
    "Evaluatie met de werkbegeleider: {naam} werkt netjes en is altijd op tijd. {naam} wil graag een ochtend extra werken.",
    "{naam} heeft in de wasserij van de dagbesteding handdoeken gevouwen.",
    "Het koor zong vanavond in de kerk. {naam} stond vooraan en genoot zichtbaar.",
    "{naam} was vandaag snel afgeleid op het werk. Vanaf morgen krijgt {naam} een rustiger plek aan de tafel.",
    "{naam} heeft met de activiteitenbegeleider bloemstukjes gemaakt voor op de tafels.",
    "Door de gladheid reed de taxi vandaag niet. {naam} heeft thuis een spel gespeeld met de groep.",
    "{naam} heeft vanmiddag de krant voorgelezen in de huiskamer. De andere bewoners luisterden graag.",
    "Bij de geheugentraining deed {naam} goed mee. {naam} wist nog veel over vroeger.",
    "{naam} heeft kerstkaarten gemaakt voor de familie.",
    "{naam} heeft geholpen om de koffie rond te brengen op de afdeling. Dat vindt {naam} een fijne taak.",
    "{naam} kwam moe terug van de dagbesteding en wilde eerst rusten. Na het eten ging het weer goed.",
    "{naam} loopt sinds deze week mee met de wandelgroep op vrijdag. Het was een rondje van een half uur.",
    "{naam} heeft met waterverf geschilderd. Eén schilderij hangt nu op de kamer.",
    "Bij de kringloopwinkel heeft {naam} een klant geholpen om een lamp te vinden. {naam} was er trots op.",
    "{naam} was vandaag niet op de dagbesteding, omdat er een afspraak bij de huisarts was.",
    "{naam} heeft samen met andere bewoners jam gemaakt van bramen uit de tuin.",
    "In de pauze heeft {naam} met collega's over voetbal gepraat. Het contact op het werk gaat goed.",
    "{naam} heeft voor het eerst zelf een e-mail gestuurd naar de zus. Er kwam meteen een antwoord terug.",
];

// ---------------------------------------------------------------------------
// Financiën
// ---------------------------------------------------------------------------

const FINANCIEN_GOALS: &[GoalTemplate] = &[
    GoalTemplate {
        text: "Ik wil zelf leren omgaan met mijn weekgeld.",
        actions: &[
            ActionTemplate {
                what: "Het weekgeld samen tellen en in de portemonnee doen",
                who: "{naam} met begeleider",
                how_often: "Elke maandag",
            },
            ActionTemplate {
                what: "Bonnetjes bewaren in een envelop",
                who: "{naam}",
                how_often: "Bij elke aankoop",
            },
            ActionTemplate {
                what: "Samen terugkijken waar het geld aan op is gegaan",
                who: "Persoonlijk begeleider",
                how_often: "Elke vrijdag",
            },
        ],
    },
    GoalTemplate {
        text: "Ik wil sparen voor een nieuwe fiets.",
        actions: &[
            ActionTemplate {
                what: "Een vast bedrag in de spaarpot doen",
                who: "{naam}",
                how_often: "Elke maandag",
            },
            ActionTemplate {
                what: "De spaarkaart bijhouden en kleuren",
                who: "{naam} met begeleider",
                how_often: "Elke week",
            },
        ],
    },
    GoalTemplate {
        text: "Ik wil weten welke rekeningen ik moet betalen.",
        actions: &[
            ActionTemplate {
                what: "De post samen openen en sorteren",
                who: "Dochter",
                how_often: "Elke woensdag",
            },
            ActionTemplate {
                what: "Vaste lasten automatisch laten betalen",
                who: "Zoon",
                how_often: "Eén keer regelen, daarna elk jaar nakijken",
            },
            ActionTemplate {
                what: "Het overzicht van inkomsten en uitgaven bespreken",
                who: "Bewindvoerder",
                how_often: "Elke drie maanden",
            },
        ],
    },
    GoalTemplate {
        text: "Ik wil geen schulden meer maken.",
        actions: &[
            ActionTemplate {
                what: "Gesprek over het budget van de maand",
                who: "Bewindvoerder en persoonlijk begeleider",
                how_often: "Eén keer per maand",
            },
            ActionTemplate {
                what: "Eerst overleggen voordat er iets op afbetaling wordt gekocht",
                who: "{naam}",
                how_often: "Altijd",
            },
        ],
    },
    GoalTemplate {
        text: "Ik wil zelf kunnen betalen in de winkel.",
        actions: &[
            ActionTemplate {
                what: "Oefenen met pinnen en de pincode",
                who: "{naam} met begeleider",
                how_often: "Bij elke boodschap",
            },
            ActionTemplate {
                what: "Oefenen met munten, briefjes en wisselgeld",
                who: "Activiteitenbegeleider",
                how_often: "Elke dinsdag op de dagbesteding",
            },
        ],
    },
];

const FINANCIEN_REPORTS: &[&str] = &[
    "{naam} heeft het weekgeld gekregen en zelf geteld. Het klopte.",
    "{naam} heeft 5 euro in de spaarpot gedaan. Er zit nu 85 euro in voor de nieuwe fiets.",
    "Samen met {naam} de bonnetjes van deze week bekeken. Het meeste geld ging op aan snoep en tijdschriften. Volgende week letten we samen op het snoep.",
    "{naam} heeft in de supermarkt zelf gepind. {naam} wist de pincode uit het hoofd.",
    "De post is samen met {naam} geopend. Er zat een brief van de zorgverzekering bij. Die is doorgestuurd naar de bewindvoerder.",
    "{naam} had het weekgeld woensdag al op. We hebben besproken hoe {naam} het geld beter over de week kan verdelen.",
    "Gesprek met de bewindvoerder. Het budget blijft hetzelfde. In december krijgt {naam} wat extra voor cadeautjes.",
    "{naam} wilde een dure telefoon kopen op afbetaling. Samen de voor- en nadelen op een rij gezet. {naam} besloot eerst te sparen.",
    "De dochter van {naam} heeft de rekeningen van deze maand betaald. Alles zit in de map.",
    "{naam} heeft op de dagbesteding geoefend met munten. Wisselgeld teruggeven gaat steeds beter.",
    "{naam} werd gebeld door een onbekend nummer over een 'gewonnen prijs'. {naam} vertrouwde het niet en heeft opgehangen. Heel goed gedaan!",
    "Het kasboekje van {naam} is bijgewerkt en gecontroleerd door {medewerker}.",
    "{naam} heeft zelf een cadeau gekocht voor de verjaardag van een zus en bleef binnen het budget.",
    "De eigen bijdrage voor de zorg is veranderd. Dit is besproken met de zoon van {naam}.",
    "{naam} vroeg waarom er minder geld op de rekening stond. Samen het overzicht bekeken: de zorgverzekering was afgeschreven.",
    "{naam} heeft samen met {medewerker} de kassabon nagekeken. De melk was twee keer gerekend. De winkel heeft het geld teruggegeven.",
    "{naam} heeft een portemonnee met vakjes gekregen. Zo kan {naam} munten en briefjes beter uit elkaar houden.",
    "{naam} heeft zelf geld gehaald bij de geldautomaat. {medewerker} stond ernaast en hoefde niet te helpen.",
    "{naam} wil graag mee op groepsvakantie. Samen uitgerekend hoeveel {naam} per week moet sparen.",
    "{naam} maakte zich zorgen over een brief van de gemeente. Het was een gewone brief over de afvalpas. {naam} was opgelucht.",
    "{naam} heeft de eerste maand van het spaarplan volgehouden. Er staat nu 40 euro op de spaarrekening.",
    "Deze week geen bijzonderheden rond geld. {naam} kwam goed uit met het weekgeld.",
    "{naam} heeft de kapper zelf contant betaald en goed op het wisselgeld gelet.",
    "De bewindvoerder vroeg om een overzicht van de uitgaven van deze maand. {medewerker} stuurt het deze week op.",
    "{naam} heeft een abonnement op een tijdschrift opgezegd, omdat {naam} het toch niet las. Dat scheelt elke maand geld.",
    "Samen met {naam} het boodschappengeld voor deze week bepaald: 30 euro. {naam} hield er zelfs 2 euro van over.",
    "{naam} had in de folder bijna alle aanbiedingen omcirkeld. Samen gekozen wat echt nodig is.",
    "{naam} heeft het zakgeld van deze week in de envelop van de groepsvakantie gedaan.",
    "{naam} vond het lastig om de bankapp te gebruiken. We oefenen volgende week verder met {medewerker}.",
];

// ---------------------------------------------------------------------------
// Sociale contacten
// ---------------------------------------------------------------------------

const SOCIALE_CONTACTEN_GOALS: &[GoalTemplate] = &[
    GoalTemplate {
        text: "Ik wil vaker contact hebben met mijn familie.",
        actions: &[
            ActionTemplate {
                what: "Beeldbellen met moeder via de tablet",
                who: "{naam} met begeleider",
                how_often: "Elke zondagmiddag",
            },
            ActionTemplate {
                what: "Een kaart sturen naar familie die jarig is",
                who: "{naam}",
                how_often: "Bij elke verjaardag",
            },
            ActionTemplate {
                what: "De verjaardagskalender samen bijwerken",
                who: "Persoonlijk begeleider",
                how_often: "Eén keer per maand",
            },
        ],
    },
    GoalTemplate {
        text: "Ik wil een vriend of vriendin om leuke dingen mee te doen.",
        actions: &[
            ActionTemplate {
                what: "Naar de soosavond in het buurthuis gaan",
                who: "{naam}",
                how_often: "Elke vrijdagavond",
            },
            ActionTemplate {
                what: "Samen zoeken naar een hobbyclub in de buurt",
                who: "Persoonlijk begeleider",
                how_often: "Eén keer per maand",
            },
        ],
    },
    GoalTemplate {
        text: "Ik wil me minder alleen voelen.",
        actions: &[
            ActionTemplate {
                what: "Koffie drinken in het buurthuis",
                who: "{naam} met vrijwilliger",
                how_often: "Elke dinsdagochtend",
            },
            ActionTemplate {
                what: "Op bezoek komen voor een praatje",
                who: "Buurvrouw",
                how_often: "Twee keer per week",
            },
            ActionTemplate {
                what: "Even bellen om te horen of alles goed is",
                who: "Vrijwilliger",
                how_often: "Elke ochtend om 10.00 uur",
            },
        ],
    },
    GoalTemplate {
        text: "Ik wil beter zeggen wat ik voel als ik boos ben.",
        actions: &[
            ActionTemplate {
                what: "Oefenen met de kaart met gevoelens",
                who: "{naam} met gedragsdeskundige",
                how_often: "Elke twee weken",
            },
            ActionTemplate {
                what: "Na een ruzie samen rustig terugkijken",
                who: "Persoonlijk begeleider",
                how_often: "Na elke ruzie",
            },
        ],
    },
    GoalTemplate {
        text: "Ik wil mijn kleinkinderen vaker zien.",
        actions: &[
            ActionTemplate {
                what: "Op bezoek komen met de kinderen",
                who: "Dochter",
                how_often: "Om de week op zaterdag",
            },
            ActionTemplate {
                what: "Samen foto's van de kleinkinderen bekijken",
                who: "Verzorgende IG",
                how_often: "Elke week",
            },
        ],
    },
    GoalTemplate {
        text: "Ik wil leuke dingen doen met de groep.",
        actions: &[
            ActionTemplate {
                what: "Samen een uitje kiezen in de huisvergadering",
                who: "{naam} met de groep",
                how_often: "Eén keer per maand",
            },
            ActionTemplate {
                what: "Spelletjesavond in de huiskamer",
                who: "Begeleider avonddienst",
                how_often: "Elke woensdagavond",
            },
        ],
    },
];

const SOCIALE_CONTACTEN_REPORTS: &[&str] = &[
    "{naam} heeft vanmiddag met moeder gebeld via de tablet. Het was een fijn gesprek.",
    "De zus van {naam} kwam op bezoek. Samen hebben ze koffie gedronken en foto's bekeken.",
    "{naam} is naar de soosavond geweest en heeft veel gedanst.",
    "{naam} had ruzie met een huisgenoot over de afstandsbediening. {medewerker} heeft met allebei gepraat. Daarna was het weer goed.",
    "{naam} was vandaag jarig. Er hingen slingers en er was taart. Broer en zus kwamen ook langs.",
    "De kleindochter van {naam} kwam met de baby op bezoek. {naam} straalde.",
    "{naam} heeft een verjaardagskaart gestuurd naar een neef.",
    "{naam} vertelde dat het weekend soms eenzaam voelt. We kijken of er op zaterdag een vrijwilliger langs kan komen.",
    "{naam} is met de buurvrouw naar de markt geweest.",
    "{naam} ging vanavond naar de bingo in de recreatiezaal en won een pak koffie.",
    "{naam} heeft veel gepraat met een nieuwe huisgenoot. Ze houden allebei van treinen.",
    "Moeder belde om te horen hoe het gaat. Ze is blij dat {naam} het naar de zin heeft op het werk.",
    "Het is vandaag een jaar geleden dat de vader van {naam} is overleden. {naam} was verdrietig. Samen een kaarsje aangestoken en over vader gepraat.",
    "{naam} wil graag met een vriend van de dagbesteding naar de film. We helpen met plannen.",
    "Vader kwam {naam} ophalen voor het weekend. Zondag om 18.00 uur is {naam} weer thuis.",
    "{naam} is vanmiddag op bezoek geweest bij een oud-buurvrouw in het dorp.",
    "{naam} werd boos toen het bezoek weer weg moest. Met de kaart met gevoelens kon {naam} aanwijzen: verdrietig. Daarna samen een rondje gelopen.",
    "Het was spelletjesavond met de groep. Het werd laat en gezellig.",
    "De pastor kwam langs voor een praatje. {naam} vindt die bezoekjes fijn.",
    "{naam} was voor het eerst bij het koffie-uurtje in het buurthuis. {naam} zat naast een oud-collega van vroeger.",
    "De zoon van {naam} belde dat hij volgende week niet kan komen. {naam} vond dat jammer. We hebben voorgesteld om te beeldbellen.",
    "{naam} kreeg een brief van een penvriendin. Samen een brief teruggeschreven.",
    "{naam} zat vanavond bij de andere bewoners in de huiskamer in plaats van op de eigen kamer. Dat is een mooie stap.",
    "Tijdens het bezoek van de kleinzoon vertelde {naam} verhalen over de boerderij van vroeger.",
    "Vandaag was het familiegesprek. Moeder, de mentor en {medewerker} waren erbij. Het plan is besproken en iedereen is tevreden.",
    "{naam} heeft een kaartje gestuurd naar een huisgenoot die in het ziekenhuis ligt.",
    "{naam} heeft met de hond van de buren gewandeld. De buren waren er blij mee.",
    "{naam} had vandaag geen zin in bezoek en wilde rust. Dit is goed afgestemd met de familie.",
    "Een vriendin van {naam} bleef eten. Daarna hebben ze samen de afwas gedaan.",
    "{naam} heeft de buurman geholpen met het vegen van de stoep. Ze hebben lang staan praten.",
    "{naam} heeft vanmiddag met het kleinkind gebeld. Er werd veel gezwaaid naar het scherm.",
];

// ---------------------------------------------------------------------------
// Zelfzorg
// ---------------------------------------------------------------------------

const ZELFZORG_GOALS: &[GoalTemplate] = &[
    GoalTemplate {
        text: "Ik wil mezelf zoveel mogelijk zelf wassen en aankleden.",
        actions: &[
            ActionTemplate {
                what: "Zelf wassen aan de wastafel, met hulp bij rug en voeten",
                who: "{naam} met verzorgende",
                how_often: "Elke ochtend",
            },
            ActionTemplate {
                what: "Kleding voor de volgende dag klaarleggen",
                who: "{naam}",
                how_often: "Elke avond",
            },
            ActionTemplate {
                what: "Steunkousen aantrekken",
                who: "Verzorgende IG",
                how_often: "Elke ochtend",
            },
        ],
    },
    GoalTemplate {
        text: "Ik wil elke dag mijn tanden goed poetsen.",
        actions: &[
            ActionTemplate {
                what: "Tanden poetsen met de elektrische tandenborstel",
                who: "{naam}",
                how_often: "Elke ochtend en avond",
            },
            ActionTemplate {
                what: "Nakijken en waar nodig napoetsen",
                who: "Begeleider avonddienst",
                how_often: "Elke avond",
            },
        ],
    },
    GoalTemplate {
        text: "Ik wil er netjes uitzien als ik naar mijn werk ga.",
        actions: &[
            ActionTemplate {
                what: "Samen kleding kiezen die past bij het weer",
                who: "{naam} met begeleider",
                how_often: "Elke werkdag",
            },
            ActionTemplate {
                what: "Naar de kapper gaan",
                who: "{naam} met zus",
                how_often: "Elke zes weken",
            },
        ],
    },
    GoalTemplate {
        text: "Ik wil zelf mijn ontbijt klaarmaken.",
        actions: &[
            ActionTemplate {
                what: "Brood smeren met de stappenkaart",
                who: "{naam}",
                how_often: "Elke ochtend",
            },
            ActionTemplate {
                what: "Veilig oefenen met de waterkoker",
                who: "{naam} met begeleider",
                how_often: "Drie keer per week",
            },
        ],
    },
    GoalTemplate {
        text: "Ik wil 's avonds zo veel mogelijk zelf naar bed gaan.",
        actions: &[
            ActionTemplate {
                what: "Het bed op de goede hoogte zetten",
                who: "Ergotherapeut",
                how_often: "Eén keer, daarna als het nodig is",
            },
            ActionTemplate {
                what: "Avondzorg geven, alleen helpen waar het nodig is",
                who: "Verzorgende IG",
                how_often: "Elke avond",
            },
            ActionTemplate {
                what: "Het nachtlampje aan laten",
                who: "{naam}",
                how_often: "Elke nacht",
            },
        ],
    },
    GoalTemplate {
        text: "Ik wil veilig douchen.",
        actions: &[
            ActionTemplate {
                what: "Douchen op de douchestoel",
                who: "{naam} met verzorgende",
                how_often: "Dinsdag en vrijdag",
            },
            ActionTemplate {
                what: "Haren wassen en föhnen",
                who: "Verzorgende IG",
                how_often: "Dinsdag en vrijdag",
            },
        ],
    },
];

const ZELFZORG_REPORTS: &[&str] = &[
    "{naam} heeft zich vanochtend zelf gewassen en aangekleed. Alleen bij de sokken was hulp nodig.",
    "{naam} heeft gedoucht op de douchestoel. Het ging rustig en veilig.",
    "{naam} heeft de tanden gepoetst. {medewerker} heeft even nagepoetst.",
    "{naam} heeft vanochtend zelf de boterhammen gesmeerd met de stappenkaart.",
    "{naam} zag een vlek op de trui en heeft zelf iets schoons aangetrokken.",
    "{naam} is met de zus naar de kapper geweest. Het haar is kort en {naam} vindt het mooi.",
    "De steunkousen zijn om 8.00 uur aangetrokken door de thuiszorg.",
    "{naam} wilde vandaag niet douchen. Wel gewassen aan de wastafel. Morgen bieden we het douchen opnieuw aan.",
    "De pedicure is geweest en heeft de nagels van {naam} geknipt.",
    "{naam} heeft zelf de kleding voor morgen klaargelegd. Er lag zelfs een regenjas bij, omdat er regen komt.",
    "{naam} heeft zelf de pyjama aangetrokken en is naar bed gegaan. De verzorgende hoefde alleen het licht uit te doen.",
    "{naam} heeft samen met {medewerker} de nagels gelakt. Rood, de lievelingskleur.",
    "{naam} vergat vanochtend de deodorant. Er hangt nu een briefje op de spiegel als geheugensteun.",
    "{naam} heeft goed ontbeten: twee boterhammen met kaas en een beker melk.",
    "{naam} at vanmiddag de helft van de warme maaltijd. Later nog een bakje yoghurt gegeten.",
    "De maaltijdservice bracht om 12.00 uur het eten. {naam} heeft het zelf opgewarmd en alles opgegeten.",
    "{naam} vroeg om hulp bij het dichtdoen van de jas. Goed dat {naam} om hulp vraagt als het nodig is.",
    "{naam} heeft zelf thee gezet met de waterkoker. {medewerker} keek mee.",
    "{naam} was vanochtend stijf bij het aankleden. We hebben rustig de tijd genomen.",
    "{naam} heeft de bril schoongemaakt met het doekje.",
    "{naam} heeft zelf de haren gekamd en een speldje ingedaan.",
    "{naam} heeft geoefend met het openen van een pak melk. Dat gaat nu zonder te knoeien.",
    "{naam} heeft voor het eten de handen gewassen, zonder dat iemand het hoefde te zeggen.",
    "Bij het wassen is de huid van {naam} bekeken. Er zijn geen rode plekken.",
    "{naam} had vanochtend geen zin om op te staan. Na een kop koffie op bed ging het beter.",
    "{naam} heeft met {medewerker} een nieuwe winterjas gepast en zelf gekozen.",
    "{naam} heeft het kunstgebit vanavond zelf schoongemaakt en in het bakje gelegd.",
    "{naam} heeft vanavond lang in bad gelegen met muziek aan. Daarna heerlijk geslapen.",
    "{naam} heeft de nieuwe bril opgehaald en draagt die de hele dag.",
    "{naam} heeft zich vandaag helemaal zelf aangekleed.",
    "{naam} heeft met de stappenkaart zelf de tanden gepoetst. Er was geen hulp nodig.",
];

// ---------------------------------------------------------------------------
// Names, roles and other lists
// ---------------------------------------------------------------------------

/// Common Dutch first names (mixed genders and generations), at least 60.
pub const FIRST_NAMES: &[&str] = &[
    // Older generation.
    "Johanna",
    "Hendrik",
    "Cornelis",
    "Maria",
    "Wilhelmina",
    "Gerrit",
    "Anna",
    "Jan",
    "Klaas",
    "Geertje",
    "Truus",
    "Henk",
    "Riet",
    "Kees",
    "Ans",
    "Joop",
    "Corrie",
    "Wim",
    "Bep",
    "Piet",
    "Gerda",
    "Toos",
    "Herman",
    "Dirk",
    "Willem",
    "Annie",
    "Jacobus",
    "Greet",
    // Middle generation.
    "Marco",
    "Sandra",
    "Peter",
    "Monique",
    "Erik",
    "Linda",
    "Martin",
    "Petra",
    "Jeroen",
    "Ingrid",
    "Dennis",
    "Marieke",
    "Bas",
    "Esther",
    "Arjan",
    "Wendy",
    "Mark",
    "Yvonne",
    "Mohamed",
    "Fatima",
    // Younger generation.
    "Daan",
    "Sem",
    "Lotte",
    "Emma",
    "Sanne",
    "Thijs",
    "Fleur",
    "Lars",
    "Anouk",
    "Ruben",
    "Femke",
    "Jesse",
    "Noor",
    "Tim",
    "Lisa",
    "Milan",
    "Iris",
    "Bram",
    "Julia",
    "Niels",
    "Sophie",
    "Luuk",
    "Eva",
    "Stijn",
    "Samira",
    "Youssef",
];

/// Common Dutch family names, including ones with a prefix ("de Vries", "van den Berg"), at least 60.
pub const FAMILY_NAMES: &[&str] = &[
    "de Jong",
    "Jansen",
    "de Vries",
    "van den Berg",
    "van Dijk",
    "Bakker",
    "Janssen",
    "Visser",
    "Smit",
    "Meijer",
    "de Boer",
    "Mulder",
    "de Groot",
    "Bos",
    "Vos",
    "Peters",
    "Hendriks",
    "van Leeuwen",
    "Dekker",
    "Brouwer",
    "de Wit",
    "Dijkstra",
    "Smits",
    "de Graaf",
    "van der Meer",
    "van der Linden",
    "Kok",
    "Jacobs",
    "de Haan",
    "Vermeulen",
    "van den Heuvel",
    "van der Veen",
    "van den Broek",
    "de Bruijn",
    "van der Heijden",
    "Schouten",
    "van Beek",
    "Willems",
    "van Vliet",
    "van de Ven",
    "Hoekstra",
    "Maas",
    "Verhoeven",
    "Koster",
    "van Dam",
    "van der Wal",
    "Prins",
    "Blom",
    "Huisman",
    "Peeters",
    "de Lange",
    "Kuipers",
    "van Wijk",
    "Postma",
    "Kramer",
    "van den Bosch",
    "Timmermans",
    "Groen",
    "Gerritsen",
    "Bosman",
    "Koning",
    "van Rijn",
    "Wouters",
    "Sanders",
    "Hermans",
    "Boersma",
    "Veenstra",
    "ter Horst",
    "El Amrani",
];

/// Staff job titles (Dutch, English), e.g. ("Persoonlijk begeleider", "Personal counsellor"), ("Verzorgende IG", "Carer"), ("Wijkverpleegkundige", "District nurse"), ("Gedragsdeskundige", "Behavioural specialist"), ("Activiteitenbegeleider", "Activity coach"), ("Teamleider", "Team lead"); at least 8.
pub const JOB_TITLES: &[(&str, &str)] = &[
    ("Persoonlijk begeleider", "Personal counsellor"),
    ("Woonbegeleider", "Residential support worker"),
    ("Verzorgende IG", "Carer"),
    ("Helpende", "Care assistant"),
    ("Verpleegkundige", "Nurse"),
    ("Wijkverpleegkundige", "District nurse"),
    ("Gedragsdeskundige", "Behavioural specialist"),
    ("Activiteitenbegeleider", "Activity coach"),
    ("Teamleider", "Team lead"),
    ("Zorgcoördinator", "Care coordinator"),
    ("Fysiotherapeut", "Physiotherapist"),
    ("Ergotherapeut", "Occupational therapist"),
    ("Specialist ouderengeneeskunde", "Elderly care physician"),
    (
        "Arts verstandelijk gehandicapten",
        "Physician for people with intellectual disabilities",
    ),
    ("Werkbegeleider", "Job coach"),
    ("Slaapwacht", "Night support worker"),
];

/// How a network contact relates to the client (Dutch, English), e.g. ("Moeder", "Mother"), ("Broer", "Brother"), ("Mentor", "Mentor"), ("Vriendin", "Friend"), ("Buurman", "Neighbour"), ("Dochter", "Daughter"), ("Kleinzoon", "Grandson"); at least 16.
pub const RELATIONS: &[(&str, &str)] = &[
    ("Moeder", "Mother"),
    ("Vader", "Father"),
    ("Broer", "Brother"),
    ("Zus", "Sister"),
    ("Zoon", "Son"),
    ("Dochter", "Daughter"),
    ("Kleinzoon", "Grandson"),
    ("Kleindochter", "Granddaughter"),
    ("Echtgenoot", "Husband"),
    ("Echtgenote", "Wife"),
    ("Partner", "Partner"),
    ("Oom", "Uncle"),
    ("Tante", "Aunt"),
    ("Neef", "Nephew"),
    ("Nicht", "Niece"),
    ("Schoonzoon", "Son-in-law"),
    ("Schoondochter", "Daughter-in-law"),
    ("Mentor", "Mentor"),
    ("Bewindvoerder", "Financial administrator"),
    ("Curator", "Legal guardian"),
    ("Vriend", "Friend"),
    ("Vriendin", "Friend"),
    ("Buurman", "Neighbour"),
    ("Buurvrouw", "Neighbour"),
    ("Vrijwilliger", "Volunteer"),
    ("Huisarts", "General practitioner"),
];

/// Short notes that family and friends, or the client, write in the portal (1 to 3 sentences, friendly, e.g. about a visit, a birthday, a question to the team). At least 40.
pub const NOTES: &[&str] = &[
    "Wat fijn om de foto's van het uitje te zien! {naam} kijkt zo blij.",
    "Ik kom zaterdag rond 14.00 uur op bezoek. Willen jullie dat aan {naam} vertellen?",
    "Bedankt voor de goede zorg deze week. We merken dat {naam} beter slaapt.",
    "Vraag aan het team: heeft {naam} nog genoeg warme sokken? Anders neem ik er volgende keer een paar mee.",
    "Volgende week ben ik op vakantie. Mijn broer komt dan op woensdag langs.",
    "{naam} heeft maandag om 10.30 uur een afspraak bij de tandarts. Ik ga zelf mee.",
    "Het was gisteren een gezellige verjaardag. Dank jullie wel voor de taart en de slingers!",
    "Ik heb een nieuw fotoalbum meegenomen. Het ligt in de kast op de kamer van {naam}.",
    "Hallo allemaal! Ik ben vandaag met {medewerker} naar de markt geweest. Ik heb een mooie sjaal gekocht.",
    "{medewerker}, dank je wel voor je telefoontje gisteren. Het stelde me gerust.",
    "Kunnen we binnenkort een gesprek plannen over het zorgplan? Dinsdagavond komt mij het best uit.",
    "{naam} vertelde aan de telefoon dat het eten zo lekker was. Fijn om te horen!",
    "Ik heb het weekgeld voor {naam} overgemaakt. Het staat er morgen op.",
    "{naam} lijkt de laatste tijd erg moe. Willen jullie daar een beetje op letten? Dank jullie wel.",
    "Ik vind het leuk dat ik nu met de tablet kan bellen. Tot zondag!",
    "Zondag nemen we {naam} mee naar de kerk en daarna eten we bij ons thuis. Rond 17.00 uur zijn we terug.",
    "Is de nieuwe bril al klaar? Ik kan hem donderdag ophalen bij de opticien.",
    "Wat een mooi schilderij heeft {naam} gemaakt! Het hangt nu bij ons in de gang.",
    "Lieve groeten van de hele familie. We denken aan jullie.",
    "{naam} vroeg naar onze poes. Die maakt het goed! Ik neem volgende keer een foto mee.",
    "Ik merk dat {naam} wat vergeetachtig is. Zien jullie dat ook?",
    "Vandaag heb ik op de dagbesteding een vogelhuisje gemaakt. Het is voor in de tuin bij mijn zus.",
    "Het gesprek van gisteren was prettig. Fijn dat er zo goed geluisterd werd.",
    "Er komt deze week een pakketje met winterkleren voor {naam}. Willen jullie het aannemen?",
    "Kan iemand de nagels van {naam} knippen? Of zal ik een afspraak maken met de pedicure?",
    "{naam} heeft genoten van de muziekmiddag. Thuis zongen we de liedjes nog een keer.",
    "Volgende maand is {naam} jarig. We willen graag een klein feestje geven in de huiskamer. Mag dat?",
    "Dank jullie wel voor het bericht over de val. Gelukkig heeft {naam} zich niet bezeerd.",
    "Ik heb de bewindvoerder gebeld over de nieuwe fiets. Het geld wordt deze week overgemaakt.",
    "Ik vind mijn werk in de winkel heel leuk. Vandaag heb ik dertig boeken gesorteerd!",
    "Wij gaan deze zomer een week naar Zeeland. Kan {naam} mee? Graag even overleggen.",
    "Hoi {medewerker}, wil je tegen {naam} zeggen dat ik morgen wat later kom? Rond 16.00 uur ben ik er.",
    "Super dat {naam} nu zelf naar het werk fietst! We zijn heel trots.",
    "Ik mis jullie een beetje in het weekend. Maar thuis bij mama is het ook gezellig.",
    "Heeft {naam} de nieuwe schoenen al aangehad? Ik denk dat ze wat krap zijn.",
    "Er komt een envelop met foto's van de kleinkinderen. Willen jullie die samen met {naam} bekijken?",
    "Bedankt voor de berichten van deze week. Zo blijven we goed op de hoogte.",
    "Mijn broer en ik komen op tweede paasdag samen langs. We nemen paaseitjes mee voor de hele groep.",
    "Het was een moeilijke week voor ons allemaal. Dank jullie wel voor jullie geduld en steun.",
    "Hoe gaat het nu met slapen? Vorige week hoorde ik dat het wat minder ging.",
    "Zaterdag ga ik met {naam} naar het voetbal. Ik haal {naam} om 13.00 uur op.",
    "Vandaag heb ik zelf een taart gebakken voor de groep. Iedereen vond hem lekker!",
    "Fijn dat de fysiotherapeut weer komt. {naam} loopt al veel steviger.",
    "Groeten van de buren! We hebben {naam} gemist bij de koffieochtend. Volgende week weer?",
    "Kunnen jullie {naam} helpen om de nette kleren aan te trekken voor de bruiloft op zaterdag? Ik kom om 11.00 uur.",
    "Dank je wel, {medewerker}, voor het mooie verhaal over de dag op de boerderij. {naam} vertelde er ook over.",
];

/// Photo captions (used as alt text), describing what is visible, e.g. "{naam} bakt een appeltaart in de keuken." At least 40; some about joint activities with several people ("Uitje naar de kinderboerderij met de groep.").
pub const PHOTO_CAPTIONS: &[&str] = &[
    "{naam} strooit kaneel over een appeltaart in de keuken.",
    "{naam} zit in de tuin in de zon met een kop koffie.",
    "{naam} geeft de geiten eten op de zorgboerderij.",
    "De groep staat op het strand, vlak bij de zee.",
    "{naam} blaast de kaarsjes uit op de verjaardagstaart.",
    "Bewoners zitten samen aan een lange, versierde tafel voor het kerstdiner.",
    "{naam} houdt een zelfgemaakt vogelhuisje omhoog.",
    "{naam} loopt met de rollator door het park, met {medewerker} ernaast.",
    "{naam} plukt rode tomaten in de moestuin.",
    "Bewoners doen stoelgym in de huiskamer met gekleurde ballen.",
    "{naam} schildert met waterverf aan de keukentafel.",
    "{naam} lacht naar de camera met een bos tulpen in de hand.",
    "Groepsfoto voor de bus bij het uitje naar de dierentuin.",
    "{naam} zingt mee met het koor, met een map met liedjes in de hand.",
    "{naam} speelt sjoelen met twee huisgenoten.",
    "{naam} zit op de bank met de kleindochter en kijkt in een fotoalbum.",
    "{naam} fietst op de duofiets langs de weilanden, samen met {medewerker}.",
    "{naam} vouwt handdoeken in de wasserij van de dagbesteding.",
    "De huiskamer is versierd met slingers en ballonnen voor het zomerfeest.",
    "{naam} aait een grote bruine hond die op bezoek is.",
    "{naam} zet boeken in een kast in de kringloopwinkel.",
    "{naam} staat trots voor de spiegel in een nieuwe trui.",
    "Bewoners en vrijwilligers maken samen een grote puzzel op tafel.",
    "{naam} zit in de rolstoel op het terras en eet een ijsje.",
    "Uitje naar de kinderboerderij: de groep kijkt naar de biggetjes.",
    "{naam} roert in een grote pan soep.",
    "{naam} zwaait naar de camera vanaf een bankje bij de vijver.",
    "{naam} houdt een zelfgemaakt bloemstukje vast.",
    "De groep eet samen pannenkoeken in de huiskamer.",
    "{naam} voert de eenden bij de vijver.",
    "{naam} zit achter de computer op de dagbesteding.",
    "{naam} speelt op een keyboard in de muziekruimte.",
    "Sinterklaas deelt cadeautjes uit in de huiskamer.",
    "{naam} wandelt over een bospad met een wandelstok.",
    "{naam} drinkt koffie met familie in het restaurant van het verpleeghuis.",
    "De groep staat bij de ingang van het museum.",
    "{naam} draagt een feestmuts op het verjaardagsfeest.",
    "{naam} zit bij het raam en kijkt naar de sneeuw.",
    "Vissen met de groep aan de waterkant; {naam} houdt de hengel vast.",
    "{naam} plant bloembollen in een bak op het balkon.",
    "{naam} knipt kerstkaarten uit aan de grote tafel.",
    "Groepsfoto op de boot tijdens een rondvaart.",
    "{naam} houdt de sleutel van het nieuwe appartement omhoog.",
    "{naam} speelt mens-erger-je-niet met de buurvrouw.",
    "{naam} hangt de schone was op aan het droogrek.",
    "Bewoners dansen samen in de recreatiezaal tijdens de muziekmiddag.",
    "{naam} en {medewerker} dekken samen de tafel voor het avondeten.",
    "{naam} zit op een bankje in het dorp met een zak friet.",
];

/// Team names (e.g. "Team Lindehof", "Wijkteam Oost"), at least 6.
pub const TEAM_NAMES: &[&str] = &[
    "Team Lindehof",
    "Wijkteam Oost",
    "Wijkteam Noord",
    "Team De Wilgen",
    "Team Zonnebloem",
    "Team Eikenlaan",
    "Team Het Anker",
    "Team Dagbesteding De Werkplaats",
    "Team Rozenhof",
    "Wijkteam Centrum",
];

#[cfg(test)]
mod tests {
    use super::*;

    /// Every `{` must open `{naam}` or `{medewerker}`.
    fn check_placeholders(text: &str) {
        let mut rest = text;
        while let Some(index) = rest.find('{') {
            let after = &rest[index + 1..];
            assert!(
                after.starts_with("naam}") || after.starts_with("medewerker}"),
                "unknown placeholder in {text:?}"
            );
            rest = after;
        }
    }

    #[test]
    fn domains_are_complete() {
        let keys: Vec<kring_api::LifeDomain> = LIFE_DOMAINS.iter().map(|d| d.key).collect();
        assert_eq!(keys, kring_api::LifeDomain::ALL);
        for domain in LIFE_DOMAINS {
            assert!((4..=6).contains(&domain.goals.len()), "{:?}", domain.key);
            assert!(domain.reports.len() >= 25, "{:?}", domain.key);
            for goal in domain.goals {
                assert!((2..=3).contains(&goal.actions.len()), "{}", goal.text);
                check_placeholders(goal.text);
                for action in goal.actions {
                    check_placeholders(action.what);
                    check_placeholders(action.who);
                    check_placeholders(action.how_often);
                }
            }
            for report in domain.reports {
                check_placeholders(report);
            }
        }
    }

    #[test]
    fn lists_are_long_enough() {
        assert!(FIRST_NAMES.len() >= 60);
        assert!(FAMILY_NAMES.len() >= 60);
        assert!(JOB_TITLES.len() >= 8);
        assert!(RELATIONS.len() >= 16);
        assert!(NOTES.len() >= 40);
        assert!(PHOTO_CAPTIONS.len() >= 40);
        assert!(TEAM_NAMES.len() >= 6);
        for text in NOTES.iter().chain(PHOTO_CAPTIONS) {
            check_placeholders(text);
        }
    }
}
