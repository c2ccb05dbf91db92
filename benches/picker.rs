//! Invitee picker benchmark (issue 3): the picker's filter over 100k synthetic people and
//! 1k call-ins (30 invitations each), through the command's code path
//! (`commands::invitations::candidates`: the filtered page, each candidate's invited flag
//! and the warnings inviting them would bring against the call-in's current invitees).
//!
//! Run: `cargo bench --bench picker` (add `-- 20000` for a smaller registry).

mod common;

use std::time::{Duration, Instant};

use callin_planner::commands::invitations as cmd;
use callin_planner::demo::Rng;
use callin_planner::domain::callins::CallInBasicsInput;
use callin_planner::domain::groups::{link_pair, validate_group, GroupInput, LinkKind};
use callin_planner::domain::invitations::InviteeQuery;
use callin_planner::domain::lifecycle::CallInStatus;
use callin_planner::domain::people::{MembershipInput, SupervisionType};
use callin_planner::store;
use common::synthetic;

fn main() {
    let n: usize = std::env::args()
        .skip(1)
        .find_map(|a| a.parse().ok())
        .unwrap_or(100_000);
    let (_dir, app) = common::new_app("callin-picker-bench-");

    let t = Instant::now();
    let (groups, call_ins) = app
        .write(|tx| {
            let mut groups = Vec::new();
            for i in 0..12 {
                let g = validate_group(&GroupInput {
                    name: format!("Group {i}"),
                    area: String::new(),
                    notes: String::new(),
                })?;
                groups.push(store::groups::create_group(tx, &g)?.id);
            }
            for i in (0..12).step_by(2) {
                let pair = link_pair(&groups[i], &groups[i + 1])?;
                store::groups::link_groups(tx, &groups[i], pair, LinkKind::Feud)?;
            }
            let person_ids = synthetic::people(tx, n, 99, |_, rng, p| {
                if rng.chance(40) {
                    p.groups = vec![MembershipInput {
                        group_id: groups[rng.below(groups.len())].clone(),
                        role: String::new(),
                    }];
                }
            })?;
            let mut rng = Rng::new(98);
            let mut call_ins = Vec::new();
            for i in 0..1000 {
                let c = synthetic::draft(
                    tx,
                    CallInBasicsInput {
                        title: format!("Call-in {i}"),
                        date: format!("2027-{:02}-{:02}", 1 + i % 12, 1 + i % 28),
                        venue_name: "Hall".into(),
                        venue_capacity: Some(40),
                        ..Default::default()
                    },
                )?;
                let mut chosen = std::collections::BTreeSet::new();
                while chosen.len() < 30 {
                    chosen.insert(rng.below(person_ids.len()));
                }
                let invitees: Vec<String> =
                    chosen.into_iter().map(|p| person_ids[p].clone()).collect();
                synthetic::scheduled(tx, &c, &invitees, invitees.len())?;
                if i % 10 != 0 {
                    synthetic::held(tx, &c)?;
                    callin_planner::commands::callins::move_to(
                        tx,
                        &c,
                        CallInStatus::Closed,
                        None,
                        None,
                    )?;
                }
                call_ins.push(c);
            }
            Ok((groups, call_ins))
        })
        .unwrap();
    let setup = t.elapsed();
    // As a coordinator would meet it: the app opened on an existing registry.
    app.lock();
    app.unlock("bench passphrase 1").unwrap();

    // What a coordinator does in the picker, on an open call-in with 30 invitees.
    let target = &call_ins[0];
    let agencies = [
        "County Adult Probation",
        "State Board of Parole",
        "U.S. Probation Office",
    ];
    let mut rng = Rng::new(5);
    let mut queries = Vec::new();
    for i in 0..300 {
        let q = match i % 6 {
            0 => InviteeQuery::default(),
            1 => InviteeQuery {
                search: Some(["ma", "joh", "ngu", "rod", "al", "tito", "kim"][rng.below(7)].into()),
                ..Default::default()
            },
            2 => InviteeQuery {
                group_id: Some(groups[rng.below(groups.len())].clone()),
                ..Default::default()
            },
            3 => InviteeQuery {
                agency: Some(agencies[rng.below(3)].into()),
                supervision_type: Some(SupervisionType::Probation),
                ..Default::default()
            },
            4 => InviteeQuery {
                supervision_ends_before: Some("2027-06-30".into()),
                supervision_ends_after: Some("2027-01-01".into()),
                ..Default::default()
            },
            _ => InviteeQuery {
                search: Some("mar".into()),
                group_id: Some(groups[rng.below(groups.len())].clone()),
                ..Default::default()
            },
        };
        queries.push(q);
    }
    let mut times: Vec<Duration> = Vec::new();
    let mut by_kind: Vec<Vec<Duration>> = vec![Vec::new(); 6];
    for round in 0..2 {
        for (i, q) in queries.iter().enumerate() {
            let t = Instant::now();
            let page = cmd::candidates(&app, target, q).unwrap();
            let d = t.elapsed();
            std::hint::black_box(page.total);
            if round == 1 {
                times.push(d);
                by_kind[i % 6].push(d);
            }
        }
    }
    let kinds = [
        "no filter",
        "search",
        "group",
        "agency + type",
        "supervision ends between",
        "search + group",
    ];
    for (k, mut v) in by_kind.into_iter().enumerate() {
        v.sort();
        eprintln!(
            "  {:<26} p50 {:>7.2} ms  p95 {:>7.2} ms",
            kinds[k],
            v[v.len() / 2].as_secs_f64() * 1e3,
            v[(v.len() * 95) / 100].as_secs_f64() * 1e3
        );
    }
    times.sort();
    let pct =
        |p: f64| times[((times.len() as f64 - 1.0) * p).round() as usize].as_secs_f64() * 1000.0;
    println!(
        "invitee picker benchmark: {n} people, 1,000 call-ins × 30 invitations, {} picker queries",
        queries.len()
    );
    println!("| measure | figure |");
    println!("|---|---|");
    println!(
        "| set-up (not timed in the figures below) | {:.1} s |",
        setup.as_secs_f64()
    );
    println!("| picker page of 50 with invited flags and warnings, p50 / p95 / max | {:.2} ms / {:.2} ms / {:.2} ms |", pct(0.5), pct(0.95), pct(1.0));
    app.lock();
}
