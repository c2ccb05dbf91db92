//! Crash safety: a writer process doing the coordinator's real transactions (people,
//! invitations, a call-in's day with offers that create referrals), killed with SIGKILL at
//! random moments, again and again on the same database. After every kill the database must
//! open, pass SQLCipher's and SQLite's integrity checks, hold every commit the writer
//! acknowledged, and hold no half of any transaction. Some rounds kill the writer during
//! backups (made while it writes), some during passphrase changes.
//!
//! The writer is this test binary run again (`writer_child`, told what to do by
//! environment variables); it prints `ACK <what> <ids>` after each command returned.
//! `CRASH_KILLS` sets the number of kills (200 by default; `CRASH_SEED` varies the run).

mod common;

use std::collections::HashSet;
use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::mpsc::{self, RecvTimeoutError};
use std::time::{Duration, Instant};

use callin_planner::commands::backups::{self, PassphraseChange};
use callin_planner::commands::callins::{self as callins_cmd, CallInAction};
use callin_planner::commands::dayof as dayof_cmd;
use callin_planner::commands::directory;
use callin_planner::commands::invitations as inv_cmd;
use callin_planner::commands::people as people_cmd;
use callin_planner::commands::session;
use callin_planner::domain::callins::CallInBasicsInput;
use callin_planner::domain::dayof::{OfferInput, ServiceChoice};
use callin_planner::domain::directory::{ProviderInput, ServiceInput};
use callin_planner::domain::invitations::{DeliveryMethod, NoticeAction};
use callin_planner::domain::lifecycle::OfferResponse;
use callin_planner::domain::people::NeedCategory;
use callin_planner::domain::time::today;
use callin_planner::error::{AppError, AppResult};
use callin_planner::printer::Printer;
use callin_planner::state::AppState;
use callin_planner::store;
use common::{person, PASSPHRASE};

/// The data folder the writer works on; without it `writer_child` does nothing.
const CHILD_ENV: &str = "CALLIN_CRASH_CHILD";
const MODE_ENV: &str = "CALLIN_CRASH_MODE";
/// The index of the passphrase the database is under (see [`passphrase`]).
const PASS_ENV: &str = "CALLIN_CRASH_PASS";
const SEED_ENV: &str = "CALLIN_CRASH_SEED";
/// The backup folder the backup rounds choose.
const FOLDER_ENV: &str = "CALLIN_CRASH_FOLDER";

/// A writer not killed by then ends itself (the parent was killed: nothing waits for it).
const CHILD_LIFETIME: Duration = Duration::from_secs(120);
/// Time allowed for the writer to open the database and say so.
const OPEN_DEADLINE: Duration = Duration::from_secs(30);
/// Time allowed for a killed writer's output to end.
const DRAIN_DEADLINE: Duration = Duration::from_secs(10);

/// The passphrases the database goes through: the first, then one per change.
fn passphrase(n: u32) -> String {
    if n == 0 {
        PASSPHRASE.to_string()
    } else {
        format!("{PASSPHRASE} changed {n}")
    }
}

fn app_on(dir: &Path) -> AppState {
    AppState::new(dir).with_printer(Printer::with_command(dir, "false"))
}

/// xorshift64*: the round's random choices, the same for the same round and seed.
struct Rng(u64);

impl Rng {
    fn new(seed: u64) -> Self {
        // Spread small seeds (round numbers) over the state; never zero.
        Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }

    fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    /// A number in `0..n`.
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mode {
    /// Transactions only.
    Write,
    /// Backups one after another, with transactions beside them.
    Backup,
    /// Passphrase changes one after another.
    Rekey,
}

impl Mode {
    fn name(self) -> &'static str {
        match self {
            Mode::Write => "write",
            Mode::Backup => "backup",
            Mode::Rekey => "rekey",
        }
    }

    fn parse(s: &str) -> Option<Mode> {
        [Mode::Write, Mode::Backup, Mode::Rekey]
            .into_iter()
            .find(|m| m.name() == s)
    }
}

// ---- the writer ----------------------------------------------------------------------

/// Prints one acknowledged commit; a parent gone (closed pipe) ends the writer.
fn ack(line: &str) {
    ack_line(&format!("ACK {line}"));
    think();
}

/// The coordinator's pace, faster than any: 1 to 5 ms between two commands. Back to back,
/// the writer adds some 1,000 commits a second, and the database grows so fast that its
/// checks, backups and passphrase changes, not the kills, take the test's time.
fn think() {
    thread_local! {
        static RNG: std::cell::RefCell<Rng> = std::cell::RefCell::new(Rng::new(
            u64::from(std::process::id())
                ^ std::time::SystemTime::now()
                    .duration_since(std::time::UNIX_EPOCH)
                    .map(|d| d.as_nanos() as u64)
                    .unwrap_or(0),
        ));
    }
    let micros = 1000 + RNG.with(|r| r.borrow_mut().below(4001));
    std::thread::sleep(Duration::from_micros(micros));
}

fn ack_line(line: &str) {
    let mut out = std::io::stdout().lock();
    if writeln!(out, "{line}").and_then(|()| out.flush()).is_err() {
        std::process::exit(2);
    }
}

/// A command failed: the parent fails the test with this line.
fn fail(what: &str, e: impl std::fmt::Display) -> ! {
    let mut out = std::io::stdout().lock();
    let _ = writeln!(out, "ERR {what}: {e}");
    let _ = out.flush();
    std::process::exit(3);
}

fn env_of(name: &str) -> String {
    std::env::var(name).unwrap_or_else(|_| fail("env", format!("{name} is not set")))
}

/// The writer: does nothing unless the parent started it (`CALLIN_CRASH_CHILD`).
#[test]
fn writer_child() {
    let Some(dir) = std::env::var_os(CHILD_ENV) else {
        return;
    };
    // The test harness has printed "test writer_child ... " without a line end: the ACKs
    // start on a line of their own.
    ack_line("");
    std::thread::spawn(|| {
        std::thread::sleep(CHILD_LIFETIME);
        std::process::exit(4);
    });
    let dir = PathBuf::from(dir);
    let mode = Mode::parse(&env_of(MODE_ENV)).unwrap_or_else(|| fail("env", "unknown mode"));
    let pass: u32 = env_of(PASS_ENV).parse().unwrap_or_else(|e| fail("env", e));
    let seed: u64 = env_of(SEED_ENV).parse().unwrap_or_else(|e| fail("env", e));
    let app = app_on(&dir);
    if let Err(e) = session::open(&app, &passphrase(pass)) {
        fail("open", e);
    }
    ack("open");
    let mut rng = Rng::new(seed);
    match mode {
        Mode::Write => write_forever(&app, &mut rng, seed),
        Mode::Backup => {
            let folder = env_of(FOLDER_ENV);
            let chosen = backups::status(&app).unwrap_or_else(|e| fail("backup status", e));
            if chosen.folder != folder {
                backups::set_folder(&app, &folder).unwrap_or_else(|e| fail("set folder", e));
                ack(&format!("folder {folder}"));
            }
            std::thread::scope(|s| {
                s.spawn(|| write_forever(&app, &mut Rng::new(seed ^ 0xB4C0), seed));
                loop {
                    let made =
                        backups::backup_now(&app, None).unwrap_or_else(|e| fail("backup", e));
                    ack(&format!("backup {}", made.entry.file));
                }
            })
        }
        Mode::Rekey => {
            let mut n = pass;
            loop {
                let change = PassphraseChange {
                    current: passphrase(n),
                    new_passphrase: passphrase(n + 1),
                    confirmation: passphrase(n + 1),
                };
                backups::rekey(&app, &change).unwrap_or_else(|e| fail("rekey", e));
                n += 1;
                ack(&format!("rekey {n}"));
            }
        }
    }
}

fn write_forever(app: &AppState, rng: &mut Rng, seed: u64) -> ! {
    let mut day = 0;
    loop {
        if let Err(e) = one_call_in(app, rng, &format!("{seed}x{day}")) {
            fail("write", e);
        }
        day += 1;
    }
}

const FIRST_NAMES: &[&str] = &[
    "Ana", "Kevin", "Omar", "Luis", "Dre", "Marisol", "Tyrone", "Zoë", "Jamal", "Ngozi",
];

/// One call-in from its creation to the end of its check-in, one command (one
/// transaction) at a time, each acknowledged once it returned.
fn one_call_in(app: &AppState, rng: &mut Rng, tag: &str) -> AppResult<()> {
    let date = today() + chrono::Days::new(30 + rng.below(60));
    let c = callins_cmd::create(
        app,
        &CallInBasicsInput {
            title: format!("Crash {tag}"),
            date: date.format("%Y-%m-%d").to_string(),
            start_time: "18:00".into(),
            venue_name: "Hall".into(),
            venue_capacity: Some(40),
            ..Default::default()
        },
    )?;
    ack(&format!("callin {}", c.id));

    let invitees = 2 + rng.below(5) as usize;
    let mut invs = Vec::new();
    for k in 0..invitees {
        let first = FIRST_NAMES[rng.below(FIRST_NAMES.len() as u64) as usize];
        let mut input = person(first, &format!("Crash{tag}n{k}"));
        input.needs = match rng.below(3) {
            0 => vec![],
            1 => vec![NeedCategory::Housing],
            _ => vec![NeedCategory::Housing, NeedCategory::SubstanceUse],
        };
        let p = people_cmd::create(app, &input)?;
        ack(&format!("person {}", p.id));
        let list = inv_cmd::add(app, &c.id, &p.id, "crash test")?;
        let inv = list
            .invitations
            .iter()
            .find(|i| i.person_id == p.id)
            .map(|i| i.id.clone())
            .ok_or_else(|| AppError::Internal("The invitee added is not on the list.".into()))?;
        ack(&format!("invite {inv} {}", p.id));
        invs.push(inv);
    }

    callins_cmd::act(app, &c.id, &CallInAction::Schedule)?;
    ack(&format!("schedule {}", c.id));
    inv_cmd::notice(app, &c.id, &invs, &NoticeAction::Vet)?;
    ack(&format!("notice {} vet {}", c.id, invs.len()));
    let issued = invs.len() - rng.below(2) as usize;
    let issue = NoticeAction::Issue {
        method: DeliveryMethod::Officer,
        delivered_by: "R. Carter".into(),
        issued_on: today().format("%Y-%m-%d").to_string(),
    };
    inv_cmd::notice(app, &c.id, &invs[..issued], &issue)?;
    ack(&format!("notice {} issue {issued}", c.id));

    let mut provider = directory::save_provider_of(
        app,
        None,
        &ProviderInput {
            name: format!("Homes First {tag}"),
            ..Default::default()
        },
    )?;
    ack(&format!("provider {}", provider.id));
    let mut services = Vec::new();
    for (name, need) in [
        ("Rapid rehousing", NeedCategory::Housing),
        ("Outpatient treatment", NeedCategory::SubstanceUse),
    ] {
        provider = directory::save_service_of(
            app,
            &provider.id,
            None,
            &ServiceInput {
                name: name.into(),
                categories: vec![need],
                ..Default::default()
            },
        )?;
        let id = provider
            .services
            .iter()
            .find(|s| s.name == name)
            .map(|s| s.id.clone())
            .ok_or_else(|| AppError::Internal("The service added is not there.".into()))?;
        ack(&format!("service {id}"));
        services.push((id, need));
    }
    directory::set_present(app, &c.id, &provider.id, true)?;
    ack(&format!("present {} {}", c.id, provider.id));

    let came: Vec<String> = invs[..issued]
        .iter()
        .filter(|_| rng.below(4) != 0)
        .cloned()
        .collect();
    for inv in &came {
        dayof_cmd::arrive(app, inv)?;
        ack(&format!("arrive {inv}"));
    }
    for inv in &came {
        let chosen: Vec<(String, NeedCategory)> = match rng.below(4) {
            0 => vec![],
            1 => services[..1].to_vec(),
            _ => services.clone(),
        };
        let response = if chosen.is_empty() && rng.below(2) == 0 {
            OfferResponse::Declined
        } else {
            OfferResponse::Accepted
        };
        let offer = OfferInput {
            response,
            needs: chosen.iter().map(|s| s.1).collect(),
            services: chosen
                .into_iter()
                .map(|(service_id, need)| ServiceChoice { service_id, need })
                .collect(),
        };
        let made = dayof_cmd::record(app, inv, &offer, today())?;
        let ids: Vec<String> = made.into_iter().map(|r| r.id).collect();
        ack(format!("offer {inv} {}", ids.join(" ")).trim_end());
    }
    let no_shows = dayof_cmd::end(app, &c.id)?;
    ack(&format!("end {} {no_shows}", c.id));
    Ok(())
}

// ---- what the writer acknowledged ------------------------------------------------------

#[derive(Debug, Clone)]
enum Ack {
    Open,
    CallIn(String),
    Person(String),
    Invite {
        invitation: String,
        person: String,
    },
    Schedule(String),
    Notice {
        call_in: String,
        action: String,
        count: i64,
    },
    Provider(String),
    Service(String),
    Present {
        call_in: String,
        provider: String,
    },
    Arrive(String),
    Offer {
        invitation: String,
        referrals: Vec<String>,
    },
    End {
        call_in: String,
        no_shows: i64,
    },
    Folder(String),
    Backup(String),
    Rekey(u32),
}

impl Ack {
    fn parse(line: &str) -> Option<Ack> {
        let mut w = line.split_whitespace();
        let kind = w.next()?;
        let mut next = || w.next().map(str::to_owned);
        Some(match kind {
            "open" => Ack::Open,
            "callin" => Ack::CallIn(next()?),
            "person" => Ack::Person(next()?),
            "invite" => Ack::Invite {
                invitation: next()?,
                person: next()?,
            },
            "schedule" => Ack::Schedule(next()?),
            "notice" => Ack::Notice {
                call_in: next()?,
                action: next()?,
                count: next()?.parse().ok()?,
            },
            "provider" => Ack::Provider(next()?),
            "service" => Ack::Service(next()?),
            "present" => Ack::Present {
                call_in: next()?,
                provider: next()?,
            },
            "arrive" => Ack::Arrive(next()?),
            "offer" => Ack::Offer {
                invitation: next()?,
                referrals: std::iter::from_fn(next).collect(),
            },
            "end" => Ack::End {
                call_in: next()?,
                no_shows: next()?.parse().ok()?,
            },
            // The folder is the rest of the line (a temporary folder: no spaces, but still).
            "folder" => Ack::Folder(line["folder ".len()..].trim_end().to_owned()),
            "backup" => Ack::Backup(next()?),
            "rekey" => Ack::Rekey(next()?.parse().ok()?),
            _ => return None,
        })
    }

    fn kind(&self) -> &'static str {
        match self {
            Ack::Open => "open",
            Ack::CallIn(_) => "callin",
            Ack::Person(_) => "person",
            Ack::Invite { .. } => "invite",
            Ack::Schedule(_) => "schedule",
            Ack::Notice { .. } => "notice",
            Ack::Provider(_) => "provider",
            Ack::Service(_) => "service",
            Ack::Present { .. } => "present",
            Ack::Arrive(_) => "arrive",
            Ack::Offer { .. } => "offer",
            Ack::End { .. } => "end",
            Ack::Folder(_) => "folder",
            Ack::Backup(_) => "backup",
            Ack::Rekey(_) => "rekey",
        }
    }
}

fn count(conn: &rusqlite::Connection, sql: &str, params: &[&str]) -> AppResult<i64> {
    Ok(conn.query_row(sql, rusqlite::params_from_iter(params.iter()), |r| r.get(0))?)
}

/// Why an acknowledged commit is not (wholly) in the database, if it is not.
fn missing(conn: &rusqlite::Connection, ack: &Ack) -> AppResult<Option<String>> {
    let audit = |action: &str, entity: &str, id: &str| {
        count(
            conn,
            "SELECT count(*) FROM audit_entries WHERE action = ?1 AND entity = ?2 AND entity_id = ?3",
            &[action, entity, id],
        )
    };
    let problem = |ok: bool, what: &str| (!ok).then(|| what.to_owned());
    Ok(match ack {
        Ack::Open | Ack::Rekey(_) => None,
        Ack::CallIn(id) => problem(
            count(conn, "SELECT count(*) FROM call_ins WHERE id = ?1", &[id])? == 1
                && audit("create", "call_in", id)? == 1,
            "call-in or its audit entry",
        ),
        Ack::Person(id) => problem(
            count(conn, "SELECT count(*) FROM people WHERE id = ?1", &[id])? == 1
                && audit("create", "person", id)? == 1
                && count(
                    conn,
                    "SELECT count(*) FROM people_fts WHERE rowid = (SELECT seq FROM people WHERE id = ?1)",
                    &[id],
                )? == 1,
            "person, its audit entry or its search index row",
        ),
        Ack::Invite { invitation, person } => problem(
            count(
                conn,
                "SELECT count(*) FROM invitations WHERE id = ?1 AND person_id = ?2 AND deleted_at IS NULL",
                &[invitation, person],
            )? == 1
                && audit("create", "invitation", invitation)? == 1,
            "invitation or its audit entry",
        ),
        Ack::Schedule(id) => problem(
            count(
                conn,
                "SELECT count(*) FROM call_ins WHERE id = ?1 AND status <> 'draft'",
                &[id],
            )? == 1
                && audit("status", "call_in", id)? >= 1,
            "scheduled status or its audit entry",
        ),
        Ack::Notice {
            call_in,
            action,
            count: n,
        } => problem(
            count(
                conn,
                "SELECT count(*) FROM invitations i WHERE i.call_in_id = ?1 AND EXISTS (
                     SELECT 1 FROM audit_entries a WHERE a.action = 'notice' AND a.entity = 'invitation'
                     AND a.entity_id = i.id AND json_extract(a.after, '$.action') = ?2)",
                &[call_in, action],
            )? == *n,
            "every notice of the action",
        ),
        Ack::Provider(id) => problem(
            count(conn, "SELECT count(*) FROM providers WHERE id = ?1", &[id])? == 1
                && audit("create", "provider", id)? == 1,
            "provider or its audit entry",
        ),
        Ack::Service(id) => problem(
            count(conn, "SELECT count(*) FROM services WHERE id = ?1", &[id])? == 1,
            "service",
        ),
        Ack::Present { call_in, provider } => problem(
            count(
                conn,
                "SELECT count(*) FROM provider_assignments WHERE call_in_id = ?1 AND provider_id = ?2 AND deleted_at IS NULL",
                &[call_in, provider],
            )? == 1,
            "provider at the table",
        ),
        Ack::Arrive(id) => problem(
            count(
                conn,
                "SELECT count(*) FROM invitations WHERE id = ?1 AND status = 'attended' AND checked_in_at IS NOT NULL",
                &[id],
            )? == 1
                && audit("check_in", "invitation", id)? == 1,
            "check-in or its audit entry",
        ),
        Ack::Offer {
            invitation,
            referrals,
        } => {
            let mut ok = count(
                conn,
                "SELECT count(*) FROM invitations WHERE id = ?1 AND offer_response IS NOT NULL",
                &[invitation],
            )? == 1
                && audit("offer", "invitation", invitation)? == 1
                && count(
                    conn,
                    "SELECT count(*) FROM referrals WHERE invitation_id = ?1",
                    &[invitation],
                )? == referrals.len() as i64;
            for r in referrals {
                ok = ok
                    && count(
                        conn,
                        "SELECT count(*) FROM referrals WHERE id = ?1 AND invitation_id = ?2",
                        &[r, invitation],
                    )? == 1
                    && count(
                        conn,
                        "SELECT count(*) FROM referral_events WHERE referral_id = ?1",
                        &[r],
                    )? == 1
                    && audit("create", "referral", r)? == 1;
            }
            problem(ok, "offer response, its referrals or their events")
        }
        Ack::End { call_in, no_shows } => problem(
            count(
                conn,
                "SELECT count(*) FROM call_ins WHERE id = ?1 AND status = 'held'",
                &[call_in],
            )? == 1
                && count(
                    conn,
                    "SELECT count(*) FROM invitations WHERE call_in_id = ?1 AND status = 'no_show'",
                    &[call_in],
                )? == *no_shows,
            "held status or its no-shows",
        ),
        Ack::Folder(folder) => problem(
            count(
                conn,
                "SELECT count(*) FROM settings WHERE key = 'backup.folder' AND value = ?1",
                &[folder],
            )? == 1,
            "backup folder setting",
        ),
        Ack::Backup(file) => problem(
            count(
                conn,
                "SELECT count(*) FROM audit_entries WHERE action = 'backup' AND json_extract(after, '$.file') = ?1",
                &[file],
            )? == 1,
            "backup's audit entry",
        ),
    })
}

/// Facts that hold only if every transaction is wholly in or wholly out: each query counts
/// the rows breaking one.
const WHOLE: &[(&str, &str)] = &[
    (
        "a person without exactly one 'create' audit entry",
        "SELECT count(*) FROM people p WHERE (SELECT count(*) FROM audit_entries a
         WHERE a.action = 'create' AND a.entity = 'person' AND a.entity_id = p.id) <> 1",
    ),
    (
        "a person's 'create' audit entry without the person",
        "SELECT count(*) FROM audit_entries a WHERE a.action = 'create' AND a.entity = 'person'
         AND NOT EXISTS (SELECT 1 FROM people p WHERE p.id = a.entity_id)",
    ),
    (
        "a person whose needs are not those created with them",
        "SELECT count(*) FROM people p JOIN audit_entries a
         ON a.action = 'create' AND a.entity = 'person' AND a.entity_id = p.id
         WHERE json_array_length(a.after, '$.needs') <>
               (SELECT count(*) FROM person_needs n WHERE n.person_id = p.id AND n.deleted_at IS NULL)",
    ),
    (
        "a call-in without exactly one 'create' audit entry, or the reverse",
        "SELECT (SELECT count(*) FROM call_ins c WHERE (SELECT count(*) FROM audit_entries a
                 WHERE a.action = 'create' AND a.entity = 'call_in' AND a.entity_id = c.id) <> 1)
              + (SELECT count(*) FROM audit_entries a WHERE a.action = 'create' AND a.entity = 'call_in'
                 AND NOT EXISTS (SELECT 1 FROM call_ins c WHERE c.id = a.entity_id))",
    ),
    (
        "a call-in's status moved without its audit entry, or the reverse",
        "SELECT count(*) FROM call_ins c WHERE (c.status <> 'draft') <> EXISTS (
             SELECT 1 FROM audit_entries a WHERE a.action = 'status' AND a.entity = 'call_in' AND a.entity_id = c.id)",
    ),
    (
        "an invitation without exactly one 'create' audit entry, or the reverse",
        "SELECT (SELECT count(*) FROM invitations i WHERE (SELECT count(*) FROM audit_entries a
                 WHERE a.action = 'create' AND a.entity = 'invitation' AND a.entity_id = i.id) <> 1)
              + (SELECT count(*) FROM audit_entries a WHERE a.action = 'create' AND a.entity = 'invitation'
                 AND NOT EXISTS (SELECT 1 FROM invitations i WHERE i.id = a.entity_id))",
    ),
    (
        "an invitation vetted without its audit entry, or the reverse",
        "SELECT count(*) FROM invitations i WHERE (i.status = 'proposed') = EXISTS (
             SELECT 1 FROM audit_entries a WHERE a.action = 'notice' AND a.entity = 'invitation'
             AND a.entity_id = i.id AND json_extract(a.after, '$.action') = 'vet')",
    ),
    (
        "a call-in with some of its invitees vetted and some not (the vetting is one transaction)",
        "SELECT count(*) FROM call_ins c
         WHERE EXISTS (SELECT 1 FROM invitations i WHERE i.call_in_id = c.id AND i.status = 'proposed')
           AND EXISTS (SELECT 1 FROM invitations i WHERE i.call_in_id = c.id AND i.status <> 'proposed')",
    ),
    (
        "a notice issued without its audit entry, or the reverse",
        "SELECT count(*) FROM invitations i WHERE (i.issued_on IS NOT NULL) <> EXISTS (
             SELECT 1 FROM audit_entries a WHERE a.action = 'notice' AND a.entity = 'invitation'
             AND a.entity_id = i.id AND json_extract(a.after, '$.action') = 'issue')",
    ),
    (
        "a check-in without its audit entry, or the reverse",
        "SELECT count(*) FROM invitations i WHERE (i.checked_in_at IS NOT NULL) <> EXISTS (
             SELECT 1 FROM audit_entries a WHERE a.action = 'check_in' AND a.entity = 'invitation' AND a.entity_id = i.id)
           OR (i.checked_in_at IS NOT NULL) <> (i.status = 'attended')",
    ),
    (
        "an offer response without its audit entry, or the reverse",
        "SELECT count(*) FROM invitations i WHERE (i.offer_response IS NOT NULL) <> EXISTS (
             SELECT 1 FROM audit_entries a WHERE a.action = 'offer' AND a.entity = 'invitation' AND a.entity_id = i.id)",
    ),
    (
        "an offer whose referrals are not the services chosen in it",
        "SELECT count(*) FROM invitations i JOIN audit_entries a
         ON a.action = 'offer' AND a.entity = 'invitation' AND a.entity_id = i.id
         WHERE json_array_length(a.after, '$.services') <>
               (SELECT count(*) FROM referrals r WHERE r.invitation_id = i.id)",
    ),
    (
        "a referral without its event, its audit entry or its offer",
        "SELECT count(*) FROM referrals r
         WHERE (SELECT count(*) FROM referral_events e WHERE e.referral_id = r.id) <> 1
            OR (SELECT count(*) FROM audit_entries a WHERE a.action = 'create' AND a.entity = 'referral' AND a.entity_id = r.id) <> 1
            OR NOT EXISTS (SELECT 1 FROM invitations i WHERE i.id = r.invitation_id AND i.offer_response IS NOT NULL)",
    ),
    (
        "a referral's audit entry or event without the referral",
        "SELECT (SELECT count(*) FROM audit_entries a WHERE a.action = 'create' AND a.entity = 'referral'
                 AND NOT EXISTS (SELECT 1 FROM referrals r WHERE r.id = a.entity_id))
              + (SELECT count(*) FROM referral_events e
                 WHERE NOT EXISTS (SELECT 1 FROM referrals r WHERE r.id = e.referral_id))",
    ),
    (
        "a no-show without its audit entry, or the reverse",
        "SELECT count(*) FROM invitations i WHERE (i.status = 'no_show') <> EXISTS (
             SELECT 1 FROM audit_entries a WHERE a.action = 'no_show' AND a.entity = 'invitation' AND a.entity_id = i.id)",
    ),
    (
        "half of an end of check-in: a no-show in a call-in not held, or a held call-in still expecting someone",
        "SELECT count(*) FROM invitations i JOIN call_ins c ON c.id = i.call_in_id
         WHERE (i.status = 'no_show' AND c.status <> 'held') OR (c.status = 'held' AND i.status = 'issued')",
    ),
    (
        "a provider without its 'create' audit entry, or the reverse",
        "SELECT (SELECT count(*) FROM providers p WHERE (SELECT count(*) FROM audit_entries a
                 WHERE a.action = 'create' AND a.entity = 'provider' AND a.entity_id = p.id) <> 1)
              + (SELECT count(*) FROM audit_entries a WHERE a.action = 'create' AND a.entity = 'provider'
                 AND NOT EXISTS (SELECT 1 FROM providers p WHERE p.id = a.entity_id))",
    ),
    (
        "services and their audit entries differ in number",
        "SELECT abs((SELECT count(*) FROM services)
                  - (SELECT count(*) FROM audit_entries WHERE action = 'save_service'))",
    ),
    (
        "a provider at a table without its audit entry, or the reverse",
        "SELECT abs((SELECT count(*) FROM provider_assignments)
                  - (SELECT count(*) FROM audit_entries WHERE action = 'create' AND entity = 'provider_assignment'))",
    ),
];

// ---- the parent ------------------------------------------------------------------------

/// A running writer: killed and reaped when dropped, also when an assertion fails.
struct Writer {
    child: std::process::Child,
    lines: mpsc::Receiver<String>,
    stderr: PathBuf,
    /// Every line read so far.
    seen: Vec<String>,
    /// The round, its seed and mode, for messages.
    context: String,
}

impl Drop for Writer {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Writer {
    fn start(
        data: &Path,
        stderr: &Path,
        mode: Mode,
        pass: u32,
        seed: u64,
        folder: &Path,
        context: &str,
    ) -> Writer {
        let exe = std::env::current_exe().expect("the test binary's path");
        let err = std::fs::File::create(stderr).expect("the writer's stderr file");
        let mut child = Command::new(exe)
            .args(["--exact", "writer_child", "--nocapture", "--test-threads=1"])
            .env(CHILD_ENV, data)
            .env(MODE_ENV, mode.name())
            .env(PASS_ENV, pass.to_string())
            .env(SEED_ENV, seed.to_string())
            .env(FOLDER_ENV, folder)
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::from(err))
            .spawn()
            .expect("the writer starts");
        let stdout = child.stdout.take().expect("the writer's stdout");
        let (tx, rx) = mpsc::channel();
        std::thread::spawn(move || {
            let mut reader = BufReader::new(stdout);
            loop {
                let mut line = String::new();
                match reader.read_line(&mut line) {
                    Ok(0) | Err(_) => break,
                    Ok(_) => {
                        if tx.send(line).is_err() {
                            break;
                        }
                    }
                }
            }
        });
        Writer {
            child,
            lines: rx,
            stderr: stderr.to_owned(),
            seen: Vec::new(),
            context: context.to_owned(),
        }
    }

    /// What went wrong, with what the writer said.
    fn trouble(&self, what: &str) -> String {
        let stderr = std::fs::read_to_string(&self.stderr).unwrap_or_default();
        let tail: Vec<&String> = self.seen.iter().rev().take(10).collect();
        format!(
            "{}: {what}\nlast lines (newest first): {tail:?}\nstderr:\n{stderr}",
            self.context
        )
    }

    /// The line just read is no failure.
    fn check_line(&self) {
        assert!(
            !self.seen.last().is_some_and(|l| l.starts_with("ERR ")),
            "{}",
            self.trouble("The writer's command failed.")
        );
    }

    /// Waits for the writer to have opened the database (its first ACK).
    fn wait_open(&mut self) {
        let deadline = Instant::now() + OPEN_DEADLINE;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            match self.lines.recv_timeout(left) {
                Ok(line) => {
                    let open = line == "ACK open\n";
                    self.seen.push(line);
                    self.check_line();
                    if open {
                        return;
                    }
                }
                Err(RecvTimeoutError::Timeout) => panic!(
                    "{}",
                    self.trouble("The writer did not open the database within 30 s.")
                ),
                Err(RecvTimeoutError::Disconnected) => {
                    panic!("{}", self.trouble("The writer ended before opening."))
                }
            }
        }
    }

    /// SIGKILL, then every line it printed (a line cut short is not an ACK).
    fn kill(mut self) -> Vec<String> {
        if let Ok(Some(status)) = self.child.try_wait() {
            panic!(
                "{}",
                self.trouble(&format!("The writer ended by itself ({status})."))
            );
        }
        self.child.kill().expect("SIGKILL");
        let status = self.child.wait().expect("the killed writer is reaped");
        {
            use std::os::unix::process::ExitStatusExt;
            assert_eq!(
                status.signal(),
                Some(libc::SIGKILL),
                "{}",
                self.trouble(&format!("The writer was not ended by the kill ({status})."))
            );
        }
        let deadline = Instant::now() + DRAIN_DEADLINE;
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            match self.lines.recv_timeout(left) {
                Ok(line) => {
                    self.seen.push(line);
                    self.check_line();
                }
                Err(RecvTimeoutError::Disconnected) => break,
                Err(RecvTimeoutError::Timeout) => {
                    panic!(
                        "{}",
                        self.trouble("The killed writer's output did not end.")
                    )
                }
            }
        }
        std::mem::take(&mut self.seen)
    }
}

/// Names the round when a check in it fails (a panic while it is alive).
struct Round<'a>(&'a str);

impl Drop for Round<'_> {
    fn drop(&mut self) {
        if std::thread::panicking() {
            eprintln!("The failure above is in {}.", self.0);
        }
    }
}

#[derive(Default)]
struct Figures {
    rounds: [u32; 3],
    acks: u64,
    kinds: std::collections::BTreeMap<&'static str, u64>,
    /// Kills that came before the round's first acknowledged change.
    before_any: u32,
    /// Passphrase changes interrupted after the swap, before their ACK: the new one opened.
    new_key_opened: u32,
    backups_checked: u32,
    backups_without_manifest: u32,
    partials_left: u32,
    /// Pages SQLCipher's check named before the log was checkpointed (all zeros; see
    /// [`integrity`]), and the rounds with any.
    holes: u32,
    rounds_with_holes: u32,
    verify_time: Duration,
    /// Time in: reopening, integrity checks, ACK and whole-transaction checks, backups,
    /// closing, the search index's check.
    phases: [Duration; 6],
    /// From starting a writer to its first ACK (the process starts, the database opens).
    child_open: Duration,
}

fn mode_index(m: Mode) -> usize {
    match m {
        Mode::Write => 0,
        Mode::Backup => 1,
        Mode::Rekey => 2,
    }
}

/// Opens the database as the app does at start, with the passphrase it must be under
/// (`candidates`, the expected one first); returns the app and which one opened it.
fn reopen(data: &Path, candidates: &[u32]) -> (AppState, u32) {
    let attempts = data.join("unlock-attempts.json");
    let mut errors = Vec::new();
    for &n in candidates {
        let app = app_on(data);
        match session::open(&app, &passphrase(n)) {
            Ok(_) => {
                assert!(
                    !attempts.exists() && !data.join("callin-planner.db.replacing").exists(),
                    "an unlock leaves no count of wrong passphrases and no replacement behind"
                );
                return (app, n);
            }
            Err(e) => {
                // A wrong passphrase is counted by the app; the next try must not wait.
                let _ = std::fs::remove_file(&attempts);
                errors.push(format!("passphrase {n}: {e}"));
            }
        }
    }
    panic!("The database does not open after the kill: {errors:?}");
}

/// SQLite's check and SQLCipher's, on the database as the app found it after the kill.
///
/// SQLCipher's check reads the file alone, not the write-ahead log. A checkpoint skips a
/// page whose newest frame a reader may still need while it writes the pages after it,
/// so past the old end of the file that page is a hole, zeros, until a later checkpoint:
/// the log holds the page, and SQLite (and its check) read it from there. After a kill the
/// log is not checkpointed, so the check can name such pages. Each one it names must be
/// all zeros in the file (anything else is damage); then, with the log checkpointed into
/// the file, it must name none. Returns how many such holes it named.
fn integrity(app: &AppState) -> u32 {
    let rows = |c: &rusqlite::Connection, sql: &str| -> AppResult<Vec<String>> {
        let mut stmt = c.prepare(sql)?;
        let out = stmt
            .query_map([], |r| {
                let v: rusqlite::types::Value = r.get(0)?;
                Ok(match v {
                    rusqlite::types::Value::Text(t) => t,
                    other => format!("{other:?}"),
                })
            })?
            .collect::<Result<Vec<_>, _>>()?;
        Ok(out)
    };
    let (sqlite, foreign, cipher, page_size) = app
        .read(|c| {
            Ok((
                rows(c, "PRAGMA integrity_check")?,
                rows(c, "PRAGMA foreign_key_check")?,
                rows(c, "PRAGMA cipher_integrity_check")?,
                c.query_row("PRAGMA cipher_page_size", [], |r| r.get::<_, String>(0))?,
            ))
        })
        .expect("the integrity checks run");
    let page_size: u64 = page_size.parse().expect("the page size");
    assert_eq!(sqlite, vec!["ok".to_string()], "integrity_check");
    assert!(foreign.is_empty(), "foreign_key_check: {foreign:?}");

    let db = app.db_path();
    let mut holes = 0;
    if !cipher.is_empty() {
        use std::io::{Read, Seek, SeekFrom};
        let mut file = std::fs::File::open(&db).unwrap();
        for line in &cipher {
            let page: Option<u64> = line
                .strip_prefix("HMAC verification failed for page ")
                .and_then(|n| n.parse().ok());
            let zeros = page.is_some_and(|n| {
                let mut buf = vec![0u8; page_size as usize];
                file.seek(SeekFrom::Start((n - 1) * page_size)).is_ok()
                    && file.read_exact(&mut buf).is_ok()
                    && buf.iter().all(|b| *b == 0)
            });
            assert!(
                zeros,
                "cipher_integrity_check: {line:?} is not a page the log still holds (all zeros in the file): {cipher:?}"
            );
            holes += 1;
        }
    }
    let (checkpoint, cipher) = app
        .read(|c| {
            let done: (i64, i64, i64) =
                c.query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |r| {
                    Ok((r.get(0)?, r.get(1)?, r.get(2)?))
                })?;
            Ok((done, rows(c, "PRAGMA cipher_integrity_check")?))
        })
        .expect("the checkpoint and the check run");
    assert_eq!(
        checkpoint.0, 0,
        "the checkpoint was blocked: {checkpoint:?}"
    );
    assert!(
        cipher.is_empty(),
        "cipher_integrity_check with the log checkpointed: {cipher:?}"
    );
    holes
}

/// The search index against the people it indexes, on a connection of its own (a special
/// insert that changes nothing; the app's writes refuse a change without an audit entry).
fn search_index_check(data: &Path, pass: u32) {
    let conn =
        store::open(&data.join(store::DB_FILE), &passphrase(pass)).expect("the database opens");
    conn.execute(
        "INSERT INTO people_fts (people_fts, rank) VALUES ('integrity-check', 1)",
        [],
    )
    .expect("the search index's integrity check");
    conn.close().expect("the connection closes");
}

/// Checks every complete backup in the folders (each must open with one of `keys` and pass
/// the restore's checks), then removes them to keep the disk small; counts and removes the
/// partial files interrupted backups leave. Returns the files checked.
fn check_backups(folders: &[PathBuf], keys: &[u32], figures: &mut Figures) -> HashSet<String> {
    let mut checked = HashSet::new();
    for folder in folders {
        let Ok(entries) = std::fs::read_dir(folder) else {
            continue;
        };
        let mut names: Vec<String> = entries
            .flatten()
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        for name in names {
            let path = folder.join(&name);
            if name.contains(".partial") {
                figures.partials_left += 1;
                let _ = std::fs::remove_file(&path);
                continue;
            }
            if name.starts_with('.') || !name.ends_with(".cpbackup") {
                continue;
            }
            let manifest = store::backup::manifest_path(&path);
            if !manifest.exists() {
                figures.backups_without_manifest += 1;
            }
            let mut errors = Vec::new();
            let opened = keys
                .iter()
                .any(|&n| match backups::inspect(&path, &passphrase(n)) {
                    Ok(_) => true,
                    Err(e) => {
                        errors.push(format!("passphrase {n}: {e}"));
                        false
                    }
                });
            assert!(
                opened,
                "the backup {} does not pass: {errors:?}",
                path.display()
            );
            figures.backups_checked += 1;
            checked.insert(name);
            std::fs::remove_file(&path).unwrap();
            let _ = std::fs::remove_file(&manifest);
        }
    }
    checked
}

fn check_whole(app: &AppState, rekeys: u64) {
    let broken: Vec<(String, i64)> = app
        .read(|c| {
            let mut out = Vec::new();
            for (what, sql) in WHOLE {
                let n = count(c, sql, &[])?;
                if n != 0 {
                    out.push((what.to_string(), n));
                }
            }
            let changes = count(
                c,
                "SELECT count(*) FROM audit_entries WHERE action = 'change_passphrase'",
                &[],
            )?;
            if changes < rekeys as i64 {
                out.push((
                    format!("passphrase changes recorded: {changes} < acknowledged {rekeys}"),
                    1,
                ));
            }
            Ok(out)
        })
        .expect("the checks run");
    assert!(broken.is_empty(), "half of a transaction: {broken:?}");
}

fn check_acks(app: &AppState, acks: &[Ack]) {
    let missing: Vec<(Ack, String)> = app
        .read(|c| {
            let mut out = Vec::new();
            for a in acks {
                if let Some(what) = missing(c, a)? {
                    out.push((a.clone(), what));
                }
            }
            Ok(out)
        })
        .expect("the checks run");
    assert!(
        missing.is_empty(),
        "{} acknowledged commits are not (wholly) in the database: {:?}",
        missing.len(),
        &missing[..missing.len().min(10)]
    );
}

#[test]
fn killed_writers_leave_a_whole_database() {
    let kills: u32 = std::env::var("CRASH_KILLS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(200);
    let base_seed: u64 = std::env::var("CRASH_SEED")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(0);
    // CRASH_VERBOSE=1: a line per round.
    let verbose = std::env::var_os("CRASH_VERBOSE").is_some();
    let started = Instant::now();
    let root = common::temp_dir();
    let data = root.path().join("data");
    let chosen = root.path().join("chosen-backups");
    std::fs::create_dir_all(&chosen).unwrap();
    let stderr = root.path().join("writer-stderr.txt");
    {
        let app = app_on(&data);
        session::create(&app, PASSPHRASE, PASSPHRASE).unwrap();
        session::close(&app).unwrap();
    }
    // After a passphrase change the one before is tried first and fails, as it must;
    // SQLCipher would log each such try as an error on stderr (the engine is initialized
    // by now: the level set here stays).
    let level: String = rusqlite::Connection::open_in_memory()
        .and_then(|c| c.query_row("PRAGMA cipher_log_level = NONE", [], |r| r.get(0)))
        .expect("SQLCipher's log level");
    assert_eq!(level, "NONE");
    let folders = [data.join("backups"), chosen.clone()];

    let mut pass = 0u32;
    let mut all: Vec<Ack> = Vec::new();
    let mut rekeys = 0u64;
    let mut figures = Figures::default();
    for round in 0..kills {
        let seed = base_seed
            .wrapping_mul(1_000_003)
            .wrapping_add(u64::from(round) + 1);
        let mut rng = Rng::new(seed);
        let mode = match rng.below(100) {
            0..75 => Mode::Write,
            75..90 => Mode::Backup,
            _ => Mode::Rekey,
        };
        // The kill comes 20 ms to 250 ms after the writer opened the database. A backup
        // (about 0.3 s on a small database) or a passphrase change (about 1.5 s: two
        // exports, their checks, and the reopening, each deriving keys) takes longer, and
        // longer as the database grows: their windows are longer, so that some of them
        // are acknowledged before the kill.
        let megabytes = std::fs::metadata(data.join(store::DB_FILE)).map_or(0, |m| m.len() >> 20);
        let window = match mode {
            Mode::Write => 230,
            Mode::Backup => 980 + 25 * megabytes,
            Mode::Rekey => 1980 + 50 * megabytes,
        };
        let delay = Duration::from_millis(20 + rng.below(window + 1));
        let context = format!(
            "round {round} (seed {seed}, {} mode, kill after {delay:?})",
            mode.name()
        );

        let _round = Round(&context);
        let mut writer = Writer::start(&data, &stderr, mode, pass, seed, &chosen, &context);
        let spawned = Instant::now();
        writer.wait_open();
        figures.child_open += spawned.elapsed();
        std::thread::sleep(delay);
        let lines = writer.kill();

        let verify = Instant::now();
        let acks: Vec<Ack> = lines
            .iter()
            .filter(|l| l.ends_with('\n'))
            .filter_map(|l| l.strip_prefix("ACK "))
            .map(|l| {
                Ack::parse(l.trim_end())
                    .unwrap_or_else(|| panic!("{context}: an ACK not understood: {l:?}"))
            })
            .collect();
        let changes: Vec<&Ack> = acks.iter().filter(|a| !matches!(a, Ack::Open)).collect();
        if changes.is_empty() {
            figures.before_any += 1;
        }
        // The passphrase changes acknowledged: each the next one.
        let mut last = pass;
        for a in &acks {
            if let Ack::Rekey(n) = a {
                assert_eq!(*n, last + 1, "{context}: passphrase changes out of order");
                last = *n;
                rekeys += 1;
            }
        }
        // The last acknowledged passphrase opens it, or (a change was under way) the next.
        let candidates: Vec<u32> = if mode == Mode::Rekey {
            vec![last, last + 1]
        } else {
            vec![last]
        };
        let phase = Instant::now();
        let (app, opened) = reopen(&data, &candidates);
        let reopened = phase.elapsed();
        figures.phases[0] += reopened;
        if verbose {
            eprintln!(
                "{context}: {} ACKs, last {:?}; reopened in {reopened:?} with passphrase {opened}",
                acks.len(),
                acks.last().map(Ack::kind)
            );
        }
        if opened > last {
            figures.new_key_opened += 1;
        }
        let keys: Vec<u32> = (pass..=opened + 1).rev().collect();
        pass = opened;

        let phase = Instant::now();
        let holes = integrity(&app);
        figures.holes += holes;
        figures.rounds_with_holes += u32::from(holes > 0);
        figures.phases[1] += phase.elapsed();
        let phase = Instant::now();
        check_acks(&app, &acks);
        check_whole(&app, rekeys);
        figures.phases[2] += phase.elapsed();
        let phase = Instant::now();
        let checked = check_backups(&folders, &keys, &mut figures);
        figures.phases[3] += phase.elapsed();
        for a in &acks {
            if let Ack::Backup(file) = a {
                assert!(
                    checked.contains(file),
                    "{context}: the acknowledged backup {file} was not in the folder"
                );
            }
        }
        let phase = Instant::now();
        session::close(&app).unwrap();
        figures.phases[4] += phase.elapsed();
        // Its own connection costs a key derivation: every tenth round, and at the end.
        if round % 10 == 9 {
            let phase = Instant::now();
            search_index_check(&data, pass);
            figures.phases[5] += phase.elapsed();
        }

        figures.rounds[mode_index(mode)] += 1;
        for a in changes {
            figures.acks += 1;
            *figures.kinds.entry(a.kind()).or_default() += 1;
        }
        all.extend(acks.into_iter().filter(|a| !matches!(a, Ack::Open)));
        figures.verify_time += verify.elapsed();
    }

    // Every commit acknowledged in any round is still there at the end.
    let (app, _) = reopen(&data, &[pass]);
    figures.holes += integrity(&app);
    check_acks(&app, &all);
    check_whole(&app, rekeys);
    let (people, versions) = app
        .read(|c| {
            Ok((
                count(c, "SELECT count(*) FROM people", &[])?,
                format!(
                    "{}, SQLCipher {}",
                    c.query_row("SELECT sqlite_version()", [], |r| r.get::<_, String>(0))?,
                    c.query_row("PRAGMA cipher_version", [], |r| r.get::<_, String>(0))?
                ),
            ))
        })
        .unwrap();
    session::close(&app).unwrap();
    search_index_check(&data, pass);
    let size = std::fs::metadata(data.join(store::DB_FILE))
        .map(|m| m.len())
        .unwrap_or(0);

    let elapsed = started.elapsed();
    eprintln!(
        "crash loop: {kills} kills (write {}, backup {}, passphrase change {}) in {:.1} s \
         ({:.0} ms a round, {:.1} s verifying); {} acknowledged commits, all present; {:?}; \
         {} kills before the round's first commit; {} passphrase changes acknowledged, {} \
         interrupted after the swap (the new passphrase opened); {} complete backups checked \
         ({} without a manifest), {} partial files left by interrupted backups; {} pages \
         the log still held named by cipher_integrity_check before a checkpoint, in {} \
         rounds; database {:.1} MB with {people} people; SQLite {versions}",
        figures.rounds[0],
        figures.rounds[1],
        figures.rounds[2],
        elapsed.as_secs_f64(),
        elapsed.as_secs_f64() * 1000.0 / f64::from(kills.max(1)),
        figures.verify_time.as_secs_f64(),
        figures.acks,
        figures.kinds,
        figures.before_any,
        rekeys,
        figures.new_key_opened,
        figures.backups_checked,
        figures.backups_without_manifest,
        figures.partials_left,
        figures.holes,
        figures.rounds_with_holes,
        size as f64 / 1e6,
    );
    let [open, checks, acks, backups, close, index] = figures.phases.map(|d| d.as_secs_f64());
    eprintln!(
        "crash loop, writers starting and opening: {:.1} s",
        figures.child_open.as_secs_f64()
    );
    eprintln!(
        "crash loop, verifying: reopening {open:.1} s, integrity checks {checks:.1} s, \
         commits and transactions {acks:.1} s, backups {backups:.1} s, closing {close:.1} s, \
         search index {index:.1} s"
    );
}
