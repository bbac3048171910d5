//! The texts of the e-mails and text messages the portal sends, in both languages.

use kring_api::dev::Channel;
use kring_api::Language;

use crate::outbox::{MessageKind, OutgoingMessage};

/// The SMS with a one-time code.
pub fn code_sms(to: &str, code: &str, organisation: &str, language: Language) -> OutgoingMessage {
    let body = match language {
        Language::Nl => format!(
            "Uw code voor het cliëntportaal van {organisation} is {code}. De code werkt 10 minuten. Geef deze code aan niemand."
        ),
        Language::En => format!(
            "Your code for the client portal of {organisation} is {code}. It works for 10 minutes. Do not give this code to anyone."
        ),
    };
    OutgoingMessage {
        kind: MessageKind::SignInCode,
        channel: Channel::Sms,
        to: to.to_owned(),
        subject: None,
        body,
    }
}

/// An e-mail to one person.
fn email(kind: MessageKind, to: &str, subject: String, body: String) -> OutgoingMessage {
    OutgoingMessage {
        kind,
        channel: Channel::Email,
        to: to.to_owned(),
        subject: Some(subject),
        body,
    }
}

/// The e-mail to an organisation's first administrator, made by `kring-server init`.
pub fn organisation_set_up_email(
    to: &str,
    name: &str,
    link: &str,
    organisation: &str,
    language: Language,
) -> OutgoingMessage {
    let (subject, body) = match language {
        Language::Nl => (
            format!("Het cliëntportaal van {organisation} staat klaar"),
            format!(
                "Beste {name},

Het cliëntportaal van {organisation} is ingericht.                  U bent de eerste beheerder.

                 Maak uw account met deze link:
{link}

                 U kiest een wachtwoord en krijgt een code per sms op uw mobiele nummer.
                 De link werkt 72 uur en maar één keer.

                 Daarna richt u het portaal verder in: teams, medewerkers en cliënten.                  Lees ook de voorwaarden en de privacyverklaring na: het portaal begint met                  voorbeeldteksten die u kunt vervangen.
"
            ),
        ),
        Language::En => (
            format!("The client portal of {organisation} is ready"),
            format!(
                "Dear {name},

The client portal of {organisation} has been set up.                  You are its first administrator.

                 Create your account with this link:
{link}

                 You choose a password and get a code by text message on your mobile.
                 The link works for 72 hours, and only once.

                 Then set up the rest of the portal: teams, staff and clients. Please also                  read the terms of use and the privacy statement: the portal starts with                  example texts that you can replace.
"
            ),
        ),
    };
    email(MessageKind::OrganisationSetUp, to, subject, body)
}

/// The facts of a staff member's invitation e-mail.
pub struct StaffInvitationFacts<'a> {
    /// The new staff member's name.
    pub name: &'a str,
    /// Their job title, in the e-mail's language.
    pub job_title: &'a str,
    /// Their team's name, if they have one.
    pub team: Option<&'a str>,
    /// The activation link.
    pub link: &'a str,
    /// The organisation's name.
    pub organisation: &'a str,
}

/// The e-mail inviting a new staff member to the care team's part of the portal, with
/// their activation link.
pub fn staff_invitation_email(
    to: &str,
    facts: &StaffInvitationFacts<'_>,
    language: Language,
) -> OutgoingMessage {
    let StaffInvitationFacts {
        name,
        job_title,
        team,
        link,
        organisation,
    } = facts;
    let (subject, body) = match language {
        Language::Nl => (
            format!("Uw account voor het cliëntportaal van {organisation}"),
            format!(
                "Beste {name},\n\n{organisation} heeft een account voor u gemaakt in het cliëntportaal, \
                 als {job_title}{}.\n\n\
                 Maak uw account met deze link:\n{link}\n\n\
                 U kiest een wachtwoord en krijgt een code per sms op uw mobiele nummer.\n\
                 De link werkt 72 uur en maar één keer.\n\n\
                 Verwachtte u dit bericht niet? Neem dan contact op met de beheerder van het portaal bij {organisation}.\n",
                team.map(|team| format!(" in {team}")).unwrap_or_default()
            ),
        ),
        Language::En => (
            format!("Your account for the client portal of {organisation}"),
            format!(
                "Dear {name},\n\n{organisation} has made an account for you in the client portal, \
                 as {job_title}{}.\n\n\
                 Create your account with this link:\n{link}\n\n\
                 You choose a password and get a code by text message on your mobile.\n\
                 The link works for 72 hours, and only once.\n\n\
                 Did you not expect this message? Please contact the portal's administrator at {organisation}.\n",
                team.map(|team| format!(" in {team}")).unwrap_or_default()
            ),
        ),
    };
    email(MessageKind::StaffInvitation, to, subject, body)
}

/// The e-mail with the activation link for a new account.
pub fn activation_email(
    to: &str,
    name: &str,
    link: &str,
    organisation: &str,
    language: Language,
) -> OutgoingMessage {
    let (subject, body) = match language {
        Language::Nl => (
            format!("Uw toegang tot het cliëntportaal van {organisation}"),
            format!(
                "Beste {name},\n\n{organisation} heeft u toegang gegeven tot het cliëntportaal.\n\n\
                 Maak uw account met deze link:\n{link}\n\n\
                 U kiest een wachtwoord en krijgt een code per sms op uw mobiele nummer.\n\
                 De link werkt 72 uur en maar één keer.\n\n\
                 Heeft u hier niet om gevraagd? Neem dan contact op met het zorgteam.\n"
            ),
        ),
        Language::En => (
            format!("Your access to the client portal of {organisation}"),
            format!(
                "Dear {name},\n\n{organisation} has given you access to the client portal.\n\n\
                 Create your account with this link:\n{link}\n\n\
                 You choose a password and get a code by text message on your mobile.\n\
                 The link works for 72 hours, and only once.\n\n\
                 Did you not ask for this? Please contact the care team.\n"
            ),
        ),
    };
    email(MessageKind::Activation, to, subject, body)
}

/// The e-mail telling an existing account it was given another portal.
pub fn access_granted_email(
    to: &str,
    name: &str,
    client: &str,
    link: &str,
    organisation: &str,
    language: Language,
) -> OutgoingMessage {
    let (subject, body) = match language {
        Language::Nl => (
            format!("Nieuw portaal: {client} ({organisation})"),
            format!(
                "Beste {name},\n\n{organisation} heeft u toegang gegeven tot het portaal van {client}.\n\
                 U ziet het na het inloggen: {link}\n"
            ),
        ),
        Language::En => (
            format!("New portal: {client} ({organisation})"),
            format!(
                "Dear {name},\n\n{organisation} has given you access to the portal of {client}.\n\
                 You will see it after signing in: {link}\n"
            ),
        ),
    };
    email(MessageKind::AccessGranted, to, subject, body)
}

/// The e-mail telling the previous administrator that administration moved.
pub fn administration_moved_email(
    to: &str,
    name: &str,
    client: &str,
    new_administrator: &str,
    organisation: &str,
    language: Language,
) -> OutgoingMessage {
    let (subject, body) = match language {
        Language::Nl => (
            format!("{organisation}: het beheer van het portaal van {client} is overgedragen"),
            format!(
                "Beste {name},\n\n{organisation} heeft het beheer van het cliëntportaal van {client} \
                 overgedragen aan {new_administrator}. U bent geen beheerder meer van dit portaal.\n\n\
                 Wilt u het portaal blijven gebruiken? Dan kan de nieuwe beheerder u uitnodigen. \
                 Heeft u vragen? Neem contact op met het zorgteam.\n"
            ),
        ),
        Language::En => (
            format!("{organisation}: administration of the portal of {client} has moved"),
            format!(
                "Dear {name},\n\n{organisation} has moved the administration of the client portal of \
                 {client} to {new_administrator}. You are no longer this portal's administrator.\n\n\
                 Would you like to keep using the portal? The new administrator can invite you. \
                 Questions? Please contact the care team.\n"
            ),
        ),
    };
    email(MessageKind::AdministrationMoved, to, subject, body)
}

/// The e-mail with a password reset link.
pub fn password_reset_email(
    to: &str,
    name: &str,
    link: &str,
    organisation: &str,
    language: Language,
) -> OutgoingMessage {
    let (subject, body) = match language {
        Language::Nl => (
            format!("Nieuw wachtwoord voor het cliëntportaal van {organisation}"),
            format!(
                "Beste {name},\n\nU vroeg om een nieuw wachtwoord voor het cliëntportaal van {organisation}.\n\n\
                 Kies een nieuw wachtwoord met deze link:\n{link}\n\n\
                 De link werkt 1 uur en maar één keer. Daarna logt u in met uw nieuwe wachtwoord en een code per sms.\n\
                 Vroeg u hier niet om? Dan hoeft u niets te doen; uw wachtwoord blijft hetzelfde.\n"
            ),
        ),
        Language::En => (
            format!("New password for the client portal of {organisation}"),
            format!(
                "Dear {name},\n\nYou asked for a new password for the client portal of {organisation}.\n\n\
                 Choose a new password with this link:\n{link}\n\n\
                 The link works for 1 hour, and only once. Then you sign in with your new password and a code by text message.\n\
                 Did you not ask for this? Then you need not do anything; your password stays the same.\n"
            ),
        ),
    };
    email(MessageKind::PasswordReset, to, subject, body)
}

/// What changed about an account's sign-in, for the notice to the old address or number.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ChangedDetail {
    /// The e-mail address (the notice goes to the old one).
    Email,
    /// The mobile number.
    Mobile,
    /// The password.
    Password,
    /// The account was deleted.
    AccountDeleted,
    /// An organisation administrator linked a sign-in service to the account.
    ProviderLinked,
}

/// The e-mail telling a person that a sign-in detail of their account changed. It holds
/// no secret and no new address or number: it only says what changed and what to do if
/// it was not them.
pub fn sign_in_detail_changed_email(
    to: &str,
    name: &str,
    detail: ChangedDetail,
    organisation: &str,
    language: Language,
) -> OutgoingMessage {
    let (subject, body) = match language {
        Language::Nl => {
            let what = match detail {
                ChangedDetail::Email => "Het e-mailadres van uw account is gewijzigd. Berichten gaan voortaan naar het nieuwe adres.",
                ChangedDetail::Mobile => "Het mobiele nummer van uw account is gewijzigd. Codes gaan voortaan naar het nieuwe nummer.",
                ChangedDetail::Password => "Het wachtwoord van uw account is gewijzigd.",
                ChangedDetail::AccountDeleted => "Uw account is verwijderd. U kunt niet meer inloggen. Wat u in het portaal heeft gezet, blijft in het dossier zoals de regels vragen.",
                ChangedDetail::ProviderLinked => "Een beheerder van uw organisatie heeft een inlogdienst aan uw account gekoppeld. U kunt daarmee voortaan inloggen. U ziet de koppeling bij Mijn account, en u kunt hem daar ook weghalen.",
            };
            (
                format!("Uw account bij het cliëntportaal van {organisation} is gewijzigd"),
                format!(
                    "Beste {name},\n\n{what}\n\n\
                     Deed u dit zelf? Dan hoeft u niets te doen.\n\
                     Deed u dit niet? Bel dan meteen het zorgteam van {organisation}.\n"
                ),
            )
        }
        Language::En => {
            let what = match detail {
                ChangedDetail::Email => "The e-mail address of your account was changed. Messages now go to the new address.",
                ChangedDetail::Mobile => "The mobile number of your account was changed. Codes now go to the new number.",
                ChangedDetail::Password => "The password of your account was changed.",
                ChangedDetail::AccountDeleted => "Your account was deleted. You can no longer sign in. What you placed in the portal stays in the care record, as the rules require.",
                ChangedDetail::ProviderLinked => "An administrator of your organisation linked a sign-in service to your account. From now on you can sign in with it. You see the link under My account, and you can also remove it there.",
            };
            (
                format!("Your account for the client portal of {organisation} was changed"),
                format!(
                    "Dear {name},\n\n{what}\n\n\
                     Did you do this yourself? Then you need not do anything.\n\
                     Did you not do this? Then call the care team of {organisation} at once.\n"
                ),
            )
        }
    };
    email(MessageKind::SecurityNotice, to, subject, body)
}

/// The text message to the old number after the mobile number changed (no secret, not
/// the new number).
pub fn mobile_changed_sms(to: &str, organisation: &str, language: Language) -> OutgoingMessage {
    let body = match language {
        Language::Nl => format!(
            "Het mobiele nummer van uw account bij het cliëntportaal van {organisation} is gewijzigd. Deed u dit niet? Bel dan meteen het zorgteam."
        ),
        Language::En => format!(
            "The mobile number of your account for the client portal of {organisation} was changed. Did you not do this? Then call the care team at once."
        ),
    };
    OutgoingMessage {
        kind: MessageKind::SecurityNotice,
        channel: Channel::Sms,
        to: to.to_owned(),
        subject: None,
        body,
    }
}

/// The e-mail to a new address with the link that confirms it.
pub fn email_confirmation_email(
    to: &str,
    name: &str,
    link: &str,
    organisation: &str,
    language: Language,
) -> OutgoingMessage {
    let (subject, body) = match language {
        Language::Nl => (
            format!("Bevestig uw nieuwe e-mailadres voor het cliëntportaal van {organisation}"),
            format!(
                "Beste {name},\n\nU wilt dit e-mailadres gebruiken voor uw account bij het cliëntportaal van {organisation}.\n\n\
                 Bevestig het met deze link:\n{link}\n\n\
                 De link werkt 1 uur en maar één keer. Vroeg u hier niet om? Dan hoeft u niets te doen.\n"
            ),
        ),
        Language::En => (
            format!("Confirm your new e-mail address for the client portal of {organisation}"),
            format!(
                "Dear {name},\n\nYou want to use this e-mail address for your account with the client portal of {organisation}.\n\n\
                 Confirm it with this link:\n{link}\n\n\
                 The link works for 1 hour, and only once. Did you not ask for this? Then you need not do anything.\n"
            ),
        ),
    };
    email(MessageKind::EmailConfirmation, to, subject, body)
}

/// The e-mail to the owner when signing in is paused after too many wrong codes. No
/// code in it.
pub fn sign_in_paused_email(
    to: &str,
    name: &str,
    organisation: &str,
    language: Language,
) -> OutgoingMessage {
    let (subject, body) = match language {
        Language::Nl => (
            format!("Inloggen bij het cliëntportaal van {organisation} is even gepauzeerd"),
            format!(
                "Beste {name},\n\nBij het inloggen op uw account is een paar keer een verkeerde code ingevuld. \
                 Daarom moet u even wachten voordat u het opnieuw kunt proberen.\n\n\
                 Was u dit zelf? Wacht dan even en probeer het opnieuw.\n\
                 Was u dit niet? Dan kent iemand misschien uw wachtwoord. Kies een nieuw wachtwoord \
                 (via 'Wachtwoord vergeten' bij het inloggen) en bel het zorgteam van {organisation}.\n"
            ),
        ),
        Language::En => (
            format!("Signing in to the client portal of {organisation} is paused for a while"),
            format!(
                "Dear {name},\n\nA wrong code was entered several times while signing in to your account. \
                 So you have to wait a little before you can try again.\n\n\
                 Was this you? Then wait a little and try again.\n\
                 Was this not you? Then someone may know your password. Choose a new password \
                 (through 'Forgot password' when signing in) and call the care team of {organisation}.\n"
            ),
        ),
    };
    email(MessageKind::SecurityNotice, to, subject, body)
}

/// The e-mail telling a person that staff removed their old mobile number (a lost
/// phone), and how to get back in.
pub fn second_factor_reset_email(
    to: &str,
    name: &str,
    link: &str,
    organisation: &str,
    language: Language,
) -> OutgoingMessage {
    let (subject, body) = match language {
        Language::Nl => (
            format!("Uw oude mobiele nummer is van uw account gehaald ({organisation})"),
            format!(
                "Beste {name},\n\n{organisation} heeft op uw verzoek uw oude mobiele nummer van uw account gehaald.\n\n\
                 Log in met uw e-mailadres en wachtwoord: {link}\n\
                 Daarna kiest u uw nieuwe tweede stap: uw nieuwe mobiele nummer (u krijgt een code op dat nummer), \
                 of een toegangssleutel op uw apparaat. Pas daarna kunt u het portaal weer gebruiken.\n\n\
                 Vroeg u hier niet om? Bel dan meteen het zorgteam.\n"
            ),
        ),
        Language::En => (
            format!("Your old mobile number was removed from your account ({organisation})"),
            format!(
                "Dear {name},\n\nAt your request, {organisation} removed your old mobile number from your account.\n\n\
                 Sign in with your e-mail address and password: {link}\n\
                 Then choose your new second step: your new mobile number (you get a code on that number), \
                 or a passkey on your device. Only then can you use the portal again.\n\n\
                 Did you not ask for this? Then call the care team at once.\n"
            ),
        ),
    };
    email(MessageKind::SecurityNotice, to, subject, body)
}
