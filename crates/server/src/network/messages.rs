//! The invitation e-mail, in the language the administrator chose.

use kring_api::dev::Channel;
use kring_api::Language;

use crate::outbox::{MessageKind, OutgoingMessage};

/// Who invites whom into which circle.
pub struct InvitationFacts<'a> {
    /// The invitee's name.
    pub name: &'a str,
    /// The administrator who invites.
    pub inviter: &'a str,
    /// The client whose circle it is.
    pub client: &'a str,
    /// The organisation's name.
    pub organisation: &'a str,
    /// The link with its token.
    pub link: &'a str,
}

/// The e-mail with the invitation link.
pub fn invitation_email(
    to: &str,
    facts: &InvitationFacts<'_>,
    language: Language,
) -> OutgoingMessage {
    let InvitationFacts {
        name,
        inviter,
        client,
        organisation,
        link,
    } = facts;
    let (subject, body) = match language {
        Language::Nl => (
            format!("{inviter} nodigt u uit in het cliëntportaal van {organisation}"),
            format!(
                "Beste {name},\n\n{inviter} nodigt u uit in de kring van {client} in het cliëntportaal \
                 van {organisation}. In het portaal kunt u volgen hoe het gaat en contact houden.\n\n\
                 Neem de uitnodiging aan met deze link:\n{link}\n\n\
                 De link werkt 7 dagen en maar één keer. U ziet precies wat {inviter} voor u heeft \
                 gekozen.\n\nKent u deze persoon niet? Dan kunt u deze e-mail negeren.\n"
            ),
        ),
        Language::En => (
            format!("{inviter} invites you to the client portal of {organisation}"),
            format!(
                "Dear {name},\n\n{inviter} invites you into the circle of {client} in the client \
                 portal of {organisation}. In the portal you can follow how things are going and \
                 keep in touch.\n\nAccept the invitation with this link:\n{link}\n\n\
                 The link works for 7 days, and only once. You see exactly what {inviter} chose \
                 for you.\n\nDo you not know this person? Then you can ignore this e-mail.\n"
            ),
        ),
    };
    OutgoingMessage {
        kind: MessageKind::Invitation,
        channel: Channel::Email,
        to: to.to_owned(),
        subject: Some(subject),
        body,
    }
}
