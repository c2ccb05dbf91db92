//! A call-in on its day: four invitees (three issued a notice, one only vetted) and a
//! provider at the table with a housing service and a substance-use treatment service.

use callin_planner::commands::callins::{self as cmd, CallInAction};
use callin_planner::commands::dayof as dayof_cmd;
use callin_planner::commands::directory;
use callin_planner::commands::people as people_cmd;
use callin_planner::domain::callins::CallInBasicsInput;
use callin_planner::domain::dayof::{OfferInput, ServiceChoice};
use callin_planner::domain::invitations::{DeliveryMethod, NoticeAction};
use callin_planner::domain::lifecycle::OfferResponse;
use callin_planner::domain::people::NeedCategory;
use callin_planner::domain::time::today;
use callin_planner::state::AppState;

use super::{person, unlocked_app, TempDir};

pub struct Day {
    pub _dir: TempDir,
    pub app: AppState,
    pub call_in: String,
    /// Invitation ids: three issued, one only vetted.
    pub inv: Vec<String>,
    pub housing: String,
    pub treatment: String,
}

pub fn day() -> Day {
    let (dir, app) = unlocked_app();
    let c = cmd::create(
        &app,
        &CallInBasicsInput {
            title: "Spring".into(),
            date: "2027-03-14".into(),
            start_time: "18:00".into(),
            venue_name: "Hall".into(),
            venue_capacity: Some(30),
            ..Default::default()
        },
    )
    .unwrap();
    let mut ids = Vec::new();
    for (f, l) in [
        ("Ana", "Peña"),
        ("Kevin", "O'Brien"),
        ("Omar", "Haddad"),
        ("Luis", "Delgado"),
    ] {
        let p = people_cmd::create(&app, &person(f, l)).unwrap();
        callin_planner::commands::invitations::add(&app, &c.id, &p.id, "").unwrap();
    }
    cmd::act(&app, &c.id, &CallInAction::Schedule).unwrap();
    let list = callin_planner::commands::invitations::list(&app, &c.id).unwrap();
    for i in &list.invitations {
        ids.push(i.id.clone());
    }
    callin_planner::commands::invitations::notice(&app, &c.id, &ids, &NoticeAction::Vet).unwrap();
    let issue = NoticeAction::Issue {
        method: DeliveryMethod::Officer,
        delivered_by: "R. Carter".into(),
        issued_on: format!("{}", today()),
    };
    callin_planner::commands::invitations::notice(&app, &c.id, &ids[..3], &issue).unwrap();

    let p = super::provider(
        &app,
        "Homes First",
        &[
            ("Rapid rehousing", NeedCategory::Housing),
            ("Outpatient treatment", NeedCategory::SubstanceUse),
        ],
    );
    directory::set_present(&app, &c.id, &p.id, true).unwrap();
    let housing = p
        .services
        .iter()
        .find(|s| s.name == "Rapid rehousing")
        .unwrap()
        .id
        .clone();
    let treatment = p
        .services
        .iter()
        .find(|s| s.name == "Outpatient treatment")
        .unwrap()
        .id
        .clone();
    Day {
        _dir: dir,
        app,
        call_in: c.id,
        inv: ids,
        housing,
        treatment,
    }
}

/// The day after check-in: Luis (housing + treatment) and Omar (housing) came and took
/// the offer; Kevin did not come. Returns the referral ids: Luis's housing, Luis's
/// treatment, Omar's housing.
pub fn after_the_call_in(d: &Day) -> Vec<String> {
    for i in &d.inv[..2] {
        dayof_cmd::arrive(&d.app, i).unwrap();
    }
    let mut ids = Vec::new();
    for (inv, services) in [
        (
            &d.inv[0],
            vec![
                (d.housing.clone(), NeedCategory::Housing),
                (d.treatment.clone(), NeedCategory::SubstanceUse),
            ],
        ),
        (&d.inv[1], vec![(d.housing.clone(), NeedCategory::Housing)]),
    ] {
        let offer = OfferInput {
            response: OfferResponse::Accepted,
            needs: services.iter().map(|s| s.1).collect(),
            services: services
                .into_iter()
                .map(|(service_id, need)| ServiceChoice { service_id, need })
                .collect(),
        };
        let made = dayof_cmd::record(&d.app, inv, &offer, today()).unwrap();
        ids.extend(made.into_iter().map(|r| r.id));
    }
    dayof_cmd::end(&d.app, &d.call_in).unwrap();
    ids
}
