//! The terms version being written, as plain data and rules: its editable state (one
//! signal per field), adding, removing, restoring and moving sections, the checks before
//! the preview, and the request the API takes. The views are in the parent module.

use kring_api::{Day, DocumentSection, LocalizedText, PublishTermsRequest, TermsDocument};
use leptos::prelude::*;

use crate::local_time::{field_day, today};

/// What is wrong with the day the version is in force from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum DateProblem {
    /// No day given.
    Missing,
    /// Not a day, or a day before today.
    Past,
}

/// One section being edited: heading and text in both languages.
#[derive(Clone, Copy)]
pub struct SectionDraft {
    /// Stable while the section is moved about (ids and the list's keys).
    pub key: u64,
    /// The heading in Dutch.
    pub heading_nl: RwSignal<String>,
    /// The heading in English.
    pub heading_en: RwSignal<String>,
    /// The text in Dutch.
    pub body_nl: RwSignal<String>,
    /// The text in English.
    pub body_en: RwSignal<String>,
}

impl SectionDraft {
    /// A section to edit, filled with `section`'s text or empty.
    pub fn new(key: u64, section: Option<&DocumentSection>) -> Self {
        let text = |pick: fn(&DocumentSection) -> &str| {
            RwSignal::new(section.map(pick).unwrap_or_default().to_owned())
        };
        Self {
            key,
            heading_nl: text(|s| &s.heading.nl),
            heading_en: text(|s| &s.heading.en),
            body_nl: text(|s| &s.body.nl),
            body_en: text(|s| &s.body.en),
        }
    }

    /// The section as it will be sent, trimmed.
    pub fn section(&self) -> DocumentSection {
        let text = |value: RwSignal<String>| value.get_untracked().trim().to_owned();
        DocumentSection {
            heading: LocalizedText::new(text(self.heading_nl), text(self.heading_en)),
            body: LocalizedText::new(text(self.body_nl), text(self.body_en)),
        }
    }

    /// The fields in the order they are shown: (id suffix, value).
    pub fn fields(&self) -> [(&'static str, RwSignal<String>); 4] {
        [
            ("heading-nl", self.heading_nl),
            ("heading-en", self.heading_en),
            ("body-nl", self.body_nl),
            ("body-en", self.body_en),
        ]
    }

    /// The id of one of the section's fields (`suffix` as in [`SectionDraft::fields`]).
    pub fn field_id(&self, suffix: &str) -> String {
        format!("terms-section-{}-{suffix}", self.key)
    }
}

/// The editor's shared state.
#[derive(Clone, Copy)]
pub struct Draft {
    /// The day the version is in force from, as its date field holds it.
    pub in_force_from: RwSignal<String>,
    /// The change summary in Dutch.
    pub summary_nl: RwSignal<String>,
    /// The change summary in English.
    pub summary_en: RwSignal<String>,
    /// The sections, in order.
    pub sections: RwSignal<Vec<SectionDraft>>,
    next_key: StoredValue<u64>,
    /// The last section removed and where it was, to put it back.
    pub removed: RwSignal<Option<(usize, SectionDraft)>>,
    /// What the last move did, read out by screen readers.
    pub announcement: RwSignal<String>,
    /// The person tried to go on: empty fields now say so.
    pub tried: RwSignal<bool>,
}

impl Draft {
    /// A draft that starts from the terms in force (or one empty section).
    pub fn new(current: Option<&TermsDocument>) -> Self {
        Self::from_sections(
            current
                .map(|terms| terms.sections.as_slice())
                .unwrap_or_default(),
        )
    }

    /// A draft of these sections (or one empty section): also the privacy statement's
    /// editor, which is sections alone.
    pub fn from_sections(sections: &[DocumentSection]) -> Self {
        let sections: Vec<SectionDraft> = if sections.is_empty() {
            vec![SectionDraft::new(0, None)]
        } else {
            sections
                .iter()
                .enumerate()
                .map(|(key, section)| SectionDraft::new(key as u64, Some(section)))
                .collect()
        };
        let next_key = sections.len() as u64;
        Self {
            in_force_from: RwSignal::new(String::new()),
            summary_nl: RwSignal::new(String::new()),
            summary_en: RwSignal::new(String::new()),
            sections: RwSignal::new(sections),
            next_key: StoredValue::new(next_key),
            removed: RwSignal::new(None),
            announcement: RwSignal::new(String::new()),
            tried: RwSignal::new(false),
        }
    }

    /// Where the section with `key` stands now.
    pub fn position(&self, key: u64) -> Option<usize> {
        self.sections
            .with_untracked(|list| list.iter().position(|s| s.key == key))
    }

    /// What is wrong with the first day, if anything (tracked): missing, not a day, or
    /// before today on this device.
    pub fn date_problem(&self) -> Option<DateProblem> {
        self.date_problem_on(today())
    }

    /// [`Draft::date_problem`] as it is on `today`.
    pub fn date_problem_on(&self, today: Day) -> Option<DateProblem> {
        let date = self.in_force_from.get();
        match field_day(&date) {
            None if date.trim().is_empty() => Some(DateProblem::Missing),
            Some(day) if day >= today => None,
            _ => Some(DateProblem::Past),
        }
    }

    /// A new, empty section at the end (undo of a removal is no longer offered).
    pub fn add_section(&self) -> SectionDraft {
        let key = self.next_key.get_value();
        self.next_key.set_value(key + 1);
        let section = SectionDraft::new(key, None);
        self.sections.update(|list| list.push(section));
        self.removed.set(None);
        section
    }

    /// Removes the section with `key`, keeping it and its place for "undo"; answers
    /// the place it had.
    pub fn remove_section(&self, key: u64) -> Option<usize> {
        let index = self.position(key)?;
        let section = self.sections.try_update(|list| list.remove(index))?;
        self.removed.set(Some((index, section)));
        Some(index)
    }

    /// Puts the last removed section back where it was; answers its place and the
    /// section.
    pub fn undo_removal(&self) -> Option<(usize, SectionDraft)> {
        let (index, section) = self.removed.get_untracked()?;
        let index = self.sections.try_update(|list| {
            let index = index.min(list.len());
            list.insert(index, section);
            index
        })?;
        self.removed.set(None);
        Some((index, section))
    }

    /// Moves the section with `key` one place up (`-1`) or down (`1`); answers its new
    /// place, or `None` when it cannot go that way.
    pub fn move_section(&self, key: u64, delta: isize) -> Option<usize> {
        let from = self.position(key)?;
        let count = self.sections.with_untracked(Vec::len);
        let to = from.checked_add_signed(delta).filter(|to| *to < count)?;
        self.sections.update(|list| list.swap(from, to));
        Some(to)
    }

    /// The ids of the fields that need attention, in the order shown (tracked).
    pub fn invalid_fields(&self) -> Vec<String> {
        let mut ids = Vec::new();
        if self.date_problem().is_some() {
            ids.push("terms-in-force".to_owned());
        }
        for (id, value) in [
            ("terms-summary-nl", self.summary_nl),
            ("terms-summary-en", self.summary_en),
        ] {
            if value.with(|v| v.trim().is_empty()) {
                ids.push(id.to_owned());
            }
        }
        ids.extend(self.invalid_section_fields());
        ids
    }

    /// The ids of the sections' empty fields, in the order shown (tracked).
    pub fn invalid_section_fields(&self) -> Vec<String> {
        let mut ids = Vec::new();
        for section in self.sections.get() {
            for (suffix, value) in section.fields() {
                if value.with(|v| v.trim().is_empty()) {
                    ids.push(section.field_id(suffix));
                }
            }
        }
        ids
    }

    /// The sections as they will be sent, trimmed.
    pub fn section_texts(&self) -> Vec<DocumentSection> {
        self.sections
            .get_untracked()
            .iter()
            .map(SectionDraft::section)
            .collect()
    }

    /// What will be published; `None` while the date field holds no day.
    pub fn request(&self) -> Option<PublishTermsRequest> {
        let text = |value: RwSignal<String>| value.get_untracked().trim().to_owned();
        Some(PublishTermsRequest {
            in_force_from: field_day(&self.in_force_from.get_untracked())?,
            change_summary: LocalizedText::new(text(self.summary_nl), text(self.summary_en)),
            sections: self.section_texts(),
        })
    }
}
