//! The care plan being edited, as plain data and rules: its editable state (one signal
//! per field, so that typing in one field redraws only that field), the checks the
//! editor shows before sending, and the request the API takes. The views are in the
//! parent module.

use kring_api::{
    CarePlan, Day, GoalStatus, LifeDomain, NewAgreedAction, NewCarePlan, NewCarePlanDomain, NewGoal,
};
use leptos::prelude::*;

use crate::local_time::{add_days, field_day};

/// The longest goal or "what" of an action, in characters (the server checks the same).
pub const GOAL_MAX_CHARS: usize = 1000;
/// The longest "who" or "how often", in characters (the server checks the same).
pub const SHORT_MAX_CHARS: usize = 200;
/// Days from a new goal's start to its evaluation, as a first suggestion (half a year).
pub const EVALUATION_AFTER_DAYS: i64 = 182;

/// One agreed action being edited.
#[derive(Clone, Copy)]
pub struct ActionDraft {
    /// The row's own number, its key in the list (and in its fields' ids).
    pub key: u64,
    /// What is done.
    pub what: RwSignal<String>,
    /// Who does it.
    pub who: RwSignal<String>,
    /// How often.
    pub how_often: RwSignal<String>,
}

/// One goal being edited.
#[derive(Clone, Copy)]
pub struct GoalDraft {
    /// The goal's own number, its key in the list (and in its fields' ids).
    pub key: u64,
    /// The goal in the client's words.
    pub text: RwSignal<String>,
    /// Where the goal stands.
    pub status: RwSignal<GoalStatus>,
    /// Its first day, `YYYY-MM-DD`.
    pub start: RwSignal<String>,
    /// Its evaluation day, `YYYY-MM-DD`.
    pub evaluation: RwSignal<String>,
    /// The agreed actions.
    pub actions: RwSignal<Vec<ActionDraft>>,
}

/// One life domain being edited.
#[derive(Clone, Copy)]
pub struct DomainDraft {
    /// The domain's own number, its key in the list (and in its fields' ids).
    pub key: u64,
    /// Which life domain.
    pub domain: RwSignal<LifeDomain>,
    /// Its goals.
    pub goals: RwSignal<Vec<GoalDraft>>,
}

/// The plan being edited: its first day and its domains, and whether the person tried
/// to save (from then on, every field says what is wrong with it).
#[derive(Clone, Copy)]
pub struct Draft {
    /// The new version's first day, as its date field holds it (`YYYY-MM-DD`).
    pub period_start: RwSignal<String>,
    /// The newest version's first day: the new one must start after it.
    pub latest_start: Option<Day>,
    /// The life domains, in order.
    pub domains: RwSignal<Vec<DomainDraft>>,
    /// Whether the person tried to save (from then on, fields say what is wrong).
    pub tried: RwSignal<bool>,
    next_key: StoredValue<u64>,
    /// The editor's owner: pieces added later live (and go) with the page, not with the
    /// click that added them.
    owner: StoredValue<Owner>,
}

impl Draft {
    /// The draft a new version starts from: a copy of `plan` (the plan in force), or
    /// without one a single empty life domain; its first day is `today`, unless the
    /// newest version starts today or later (then the day after that one). Pieces added
    /// later belong to `owner` (the editor's).
    pub fn new(plan: Option<&CarePlan>, today: Day, owner: Owner) -> Self {
        let latest_start = plan.map(|plan| {
            plan.versions
                .iter()
                .map(|v| v.period_start)
                .fold(plan.period_start, Day::max)
        });
        let first_day = match latest_start.and_then(|l| add_days(l, 1)) {
            Some(after) => after.max(today),
            None => today,
        };
        let draft = owner.with(|| Draft {
            period_start: RwSignal::new(first_day.to_string()),
            latest_start,
            domains: RwSignal::new(Vec::new()),
            tried: RwSignal::new(false),
            next_key: StoredValue::new(0),
            owner: StoredValue::new(owner.clone()),
        });
        let domains = match plan {
            Some(plan) if !plan.domains.is_empty() => plan
                .domains
                .iter()
                .map(|domain| {
                    let goals = domain
                        .goals
                        .iter()
                        .map(|goal| {
                            let actions = goal
                                .actions
                                .iter()
                                .map(|a| draft.action(&a.what, &a.who, &a.how_often))
                                .collect();
                            draft.goal(
                                &goal.text,
                                goal.status,
                                Some(goal.start_date),
                                Some(goal.evaluation_date),
                                actions,
                            )
                        })
                        .collect();
                    draft.domain(domain.domain, goals)
                })
                .collect(),
            _ => vec![draft.domain(LifeDomain::Living, vec![draft.empty_goal()])],
        };
        draft.domains.set(domains);
        draft
    }

    /// The first day the new version may start: the day after the newest version's.
    pub fn earliest_start(&self) -> Option<Day> {
        self.latest_start.and_then(|latest| add_days(latest, 1))
    }

    fn key(&self) -> u64 {
        let key = self.next_key.get_value();
        self.next_key.set_value(key + 1);
        key
    }

    fn in_owner<T>(&self, make: impl FnOnce() -> T) -> T {
        self.owner.get_value().with(make)
    }

    /// A new agreed action with these texts.
    pub fn action(&self, what: &str, who: &str, how_often: &str) -> ActionDraft {
        let key = self.key();
        self.in_owner(|| ActionDraft {
            key,
            what: RwSignal::new(what.to_owned()),
            who: RwSignal::new(who.to_owned()),
            how_often: RwSignal::new(how_often.to_owned()),
        })
    }

    /// A new goal with these values.
    pub fn goal(
        &self,
        text: &str,
        status: GoalStatus,
        start: Option<Day>,
        evaluation: Option<Day>,
        actions: Vec<ActionDraft>,
    ) -> GoalDraft {
        // A date field without a day is empty.
        let field =
            |day: Option<Day>| RwSignal::new(day.map(|d| d.to_string()).unwrap_or_default());
        let key = self.key();
        self.in_owner(|| GoalDraft {
            key,
            text: RwSignal::new(text.to_owned()),
            status: RwSignal::new(status),
            start: field(start),
            evaluation: field(evaluation),
            actions: RwSignal::new(actions),
        })
    }

    /// A new, empty goal starting on the plan's first day (both days empty while the
    /// plan's first day is not a day).
    pub fn empty_goal(&self) -> GoalDraft {
        let start = field_day(&self.period_start.get_untracked());
        let evaluation = start.and_then(|start| add_days(start, EVALUATION_AFTER_DAYS));
        self.goal("", GoalStatus::Active, start, evaluation, Vec::new())
    }

    /// A new life domain with these goals.
    pub fn domain(&self, domain: LifeDomain, goals: Vec<GoalDraft>) -> DomainDraft {
        let key = self.key();
        self.in_owner(|| DomainDraft {
            key,
            domain: RwSignal::new(domain),
            goals: RwSignal::new(goals),
        })
    }

    /// The first life domain not yet in the plan (a new domain starts as that one).
    pub fn unused_domain(&self) -> LifeDomain {
        let used: Vec<LifeDomain> = self
            .domains
            .with_untracked(|d| d.iter().map(|d| d.domain.get_untracked()).collect());
        LifeDomain::ALL
            .into_iter()
            .find(|d| !used.contains(d))
            .unwrap_or(LifeDomain::Living)
    }

    /// What is wrong with the first day, if anything.
    pub fn period_problem(&self) -> Option<Problem> {
        let Some(start) = field_day(&self.period_start.get()) else {
            return Some(Problem::DateMissing);
        };
        match self.latest_start {
            Some(latest) if start <= latest => Some(Problem::PeriodTooEarly),
            _ => None,
        }
    }

    /// Whether anything in the plan needs attention before it can be sent.
    pub fn has_problems(&self) -> bool {
        self.period_problem().is_some()
            || self.domains.with(Vec::is_empty)
            || self.domains.get().iter().any(|domain| {
                domain_problem(*self, *domain).is_some()
                    || domain.goals.get().iter().any(|goal| {
                        text_problem(&goal.text.get(), GOAL_MAX_CHARS).is_some()
                            || date_problem(&goal.start.get()).is_some()
                            || evaluation_problem(*goal).is_some()
                            || goal.actions.get().iter().any(|action| {
                                text_problem(&action.what.get(), GOAL_MAX_CHARS).is_some()
                                    || text_problem(&action.who.get(), SHORT_MAX_CHARS).is_some()
                                    || text_problem(&action.how_often.get(), SHORT_MAX_CHARS)
                                        .is_some()
                            })
                    })
            })
    }

    /// The plan as the API takes it (texts trimmed); `None` while a date field does not
    /// hold a day (the checks above say which).
    pub fn to_new_plan(self) -> Option<NewCarePlan> {
        let day = |field: RwSignal<String>| field_day(&field.get_untracked());
        Some(NewCarePlan {
            period_start: day(self.period_start)?,
            domains: self
                .domains
                .get_untracked()
                .into_iter()
                .map(|domain| {
                    Some(NewCarePlanDomain {
                        domain: domain.domain.get_untracked(),
                        goals: domain
                            .goals
                            .get_untracked()
                            .into_iter()
                            .map(|goal| {
                                Some(NewGoal {
                                    text: goal.text.get_untracked().trim().to_owned(),
                                    status: goal.status.get_untracked(),
                                    start_date: day(goal.start)?,
                                    evaluation_date: day(goal.evaluation)?,
                                    actions: goal
                                        .actions
                                        .get_untracked()
                                        .into_iter()
                                        .map(|action| NewAgreedAction {
                                            what: action.what.get_untracked().trim().to_owned(),
                                            who: action.who.get_untracked().trim().to_owned(),
                                            how_often: action
                                                .how_often
                                                .get_untracked()
                                                .trim()
                                                .to_owned(),
                                        })
                                        .collect(),
                                })
                            })
                            .collect::<Option<_>>()?,
                    })
                })
                .collect::<Option<_>>()?,
        })
    }
}

/// Something wrong with a field, found in the browser before sending.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Problem {
    /// A text that must be filled in is empty.
    TextMissing,
    /// A text is longer than this many characters.
    TextTooLong(usize),
    /// A day is missing or not a day.
    DateMissing,
    /// A goal's evaluation is before its start.
    EvaluationBeforeStart,
    /// The new version does not start after the newest one.
    PeriodTooEarly,
    /// A life domain is in the plan twice.
    DomainTwice,
    /// A life domain has no goals.
    DomainWithoutGoals,
}

/// What is wrong with a text that must be filled in and may be `max` characters.
pub fn text_problem(text: &str, max: usize) -> Option<Problem> {
    let text = text.trim();
    if text.is_empty() {
        Some(Problem::TextMissing)
    } else if text.chars().count() > max {
        Some(Problem::TextTooLong(max))
    } else {
        None
    }
}

/// What is wrong with a date field's text.
pub fn date_problem(date: &str) -> Option<Problem> {
    field_day(date).is_none().then_some(Problem::DateMissing)
}

/// What is wrong with a goal's evaluation day.
pub fn evaluation_problem(goal: GoalDraft) -> Option<Problem> {
    let evaluation = goal.evaluation.get();
    if let Some(problem) = date_problem(&evaluation) {
        return Some(problem);
    }
    let start = field_day(&goal.start.get());
    (start > field_day(&evaluation)).then_some(Problem::EvaluationBeforeStart)
}

/// What is wrong with a life domain of the plan.
pub fn domain_problem(draft: Draft, domain: DomainDraft) -> Option<Problem> {
    let which = domain.domain.get();
    let twice = draft.domains.with(|all| {
        all.iter()
            .take_while(|d| d.key != domain.key)
            .any(|d| d.domain.get() == which)
    });
    if twice {
        Some(Problem::DomainTwice)
    } else if domain.goals.with(Vec::is_empty) {
        Some(Problem::DomainWithoutGoals)
    } else {
        None
    }
}
