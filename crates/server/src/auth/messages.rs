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
