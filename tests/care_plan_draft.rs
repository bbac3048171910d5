//! The staff care plan editor's draft: what a new version starts as, the checks before
//! sending, and the request it becomes (wasm-bindgen-test, like the other app tests;
//! the draft itself touches no browser).

#![cfg(target_arch = "wasm32")]

use kring::pages::staff::care_plan::draft::{
    domain_problem, evaluation_problem, text_problem, Draft, Problem, GOAL_MAX_CHARS,
};
use kring_api::{Day, GoalStatus, LifeDomain};
use leptos::prelude::*;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn first_plan() -> Draft {
    let owner = Owner::new();
    owner.set();
    Draft::new(None, Day::parse("2026-03-01").unwrap(), owner)
}

#[wasm_bindgen_test]
fn a_first_plan_starts_today_with_one_empty_goal() {
    let draft = first_plan();
    assert_eq!(draft.period_start.get_untracked(), "2026-03-01");
    assert_eq!(draft.earliest_start(), None);
    let domains = draft.domains.get_untracked();
    assert_eq!(domains.len(), 1);
    assert_eq!(domains[0].domain.get_untracked(), LifeDomain::Living);
    let goals = domains[0].goals.get_untracked();
    assert_eq!(goals.len(), 1);
    assert_eq!(goals[0].start.get_untracked(), "2026-03-01");
    // Half a year later, as a first suggestion.
    assert_eq!(goals[0].evaluation.get_untracked(), "2026-08-30");
    assert_eq!(goals[0].status.get_untracked(), GoalStatus::Active);
    // The goal has no text yet.
    assert!(draft.has_problems());
}

#[wasm_bindgen_test]
fn a_complete_draft_becomes_the_request_with_trimmed_texts() {
    let draft = first_plan();
    let domain = draft.domains.get_untracked()[0];
    let goal = domain.goals.get_untracked()[0];
    goal.text.set("  Zelf boodschappen doen ".to_owned());
    goal.actions.set(vec![draft.action(
        " Samen naar de winkel",
        "Anna ",
        " elke week ",
    )]);
    assert!(!draft.has_problems());
    let plan = draft.to_new_plan().expect("every date field holds a day");
    assert_eq!(plan.period_start.to_string(), "2026-03-01");
    assert_eq!(plan.domains.len(), 1);
    let sent = &plan.domains[0].goals[0];
    assert_eq!(sent.text, "Zelf boodschappen doen");
    assert_eq!(sent.evaluation_date.to_string(), "2026-08-30");
    assert_eq!(sent.actions[0].what, "Samen naar de winkel");
    assert_eq!(sent.actions[0].who, "Anna");
    assert_eq!(sent.actions[0].how_often, "elke week");
}

#[wasm_bindgen_test]
fn the_checks_name_what_is_wrong() {
    assert_eq!(text_problem("   ", 10), Some(Problem::TextMissing));
    assert_eq!(
        text_problem(&"a".repeat(GOAL_MAX_CHARS + 1), GOAL_MAX_CHARS),
        Some(Problem::TextTooLong(GOAL_MAX_CHARS))
    );
    assert_eq!(text_problem(" goed ", 10), None);

    let draft = first_plan();
    let goal = draft.domains.get_untracked()[0].goals.get_untracked()[0];
    goal.evaluation.set("2026-02-01".to_owned());
    assert_eq!(
        evaluation_problem(goal),
        Some(Problem::EvaluationBeforeStart)
    );
    goal.evaluation.set("geen dag".to_owned());
    assert_eq!(evaluation_problem(goal), Some(Problem::DateMissing));

    // A second domain of the same kind, and one without goals.
    let again = draft.domain(LifeDomain::Living, Vec::new());
    draft.domains.update(|d| d.push(again));
    assert_eq!(domain_problem(draft, again), Some(Problem::DomainTwice));
    again.domain.set(draft.unused_domain());
    assert_eq!(
        domain_problem(draft, again),
        Some(Problem::DomainWithoutGoals)
    );
}
