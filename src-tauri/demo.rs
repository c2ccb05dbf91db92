//! The synthetic demo data: a deterministic generator of clearly fictional people,
//! groups with feuds and alliances, agencies and officers. Same seed, same data.
//! Phone numbers are in the 555-01xx range reserved for fiction; streets are invented.

use rusqlite::Connection;

use crate::domain::groups::{validate_group, GroupInput, LinkKind};
use crate::domain::people::{
    validate_person, MembershipInput, NeedCategory, PersonInput, PersonStatus, SupervisionInput,
    SupervisionType,
};
use crate::error::{AppError, AppResult};
use crate::store;

pub const DEFAULT_SEED: u64 = 20_261_129;
pub const DEFAULT_PEOPLE: usize = 300;

/// A small, fast, deterministic random source (SplitMix64).
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Rng(seed)
    }
    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    /// A number in `0..n`.
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n.max(1) as u64) as usize
    }
    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
    /// True with probability `percent`/100.
    pub fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }
}

const FIRST_NAMES: &[&str] = &[
    "Marcus",
    "DeShawn",
    "Luis",
    "José",
    "María",
    "Kevin",
    "Tyrone",
    "Andre",
    "Jamal",
    "Carlos",
    "Miguel",
    "Dmitri",
    "Minh",
    "Tuấn",
    "Omar",
    "Khalid",
    "Yusuf",
    "Łukasz",
    "Seán",
    "Patrick",
    "Jean-Baptiste",
    "Widline",
    "Wei",
    "Darnell",
    "Terrence",
    "Isaiah",
    "Elijah",
    "Malik",
    "Xavier",
    "Héctor",
    "Raúl",
    "Joaquín",
    "Ana",
    "Keisha",
    "Tamika",
    "Aaliyah",
    "Brandon",
    "Jordan",
    "Tyler",
    "Cody",
    "Chidi",
    "Kwame",
    "Amadou",
    "Sione",
    "Ikaika",
    "Dante",
    "Rashad",
    "Noé",
    "Efraín",
    "Björn",
    "Quentin",
    "Demetrius",
    "Javon",
    "Tremaine",
    "Cedric",
    "Rolando",
    "Ignacio",
    "Santiago",
    "Mateo",
    "Alejandro",
    "Rigoberto",
    "Ernesto",
    "Wilfredo",
    "Yesenia",
    "Guadalupe",
    "Luz",
    "Dolores",
    "Anh",
    "Bao",
    "Khoa",
    "Thanh",
    "Hamza",
    "Tariq",
    "Bilal",
    "Samir",
    "Youssef",
    "Piotr",
    "Tomasz",
    "Krzysztof",
    "Ciarán",
    "Declan",
    "Fitzgerald",
    "Jacques",
    "Fabienne",
    "Ricardo",
    "Nadège",
    "Kofi",
    "Obinna",
    "Emeka",
    "Adebayo",
    "Tunde",
    "Ngozi",
    "Shanice",
    "Latoya",
    "Ebony",
    "Jasmine",
    "Destiny",
    "Precious",
    "Kiana",
    "Lamar",
    "Rodney",
    "Curtis",
    "Reggie",
    "Otis",
    "Alonzo",
    "Leroy",
    "Winston",
    "Desmond",
    "Everton",
    "Garfield",
    "Hyun-woo",
    "Ji-ho",
    "Min-jun",
    "Sung",
    "Haruto",
    "Kenji",
    "Ravi",
    "Arjun",
    "Pradeep",
    "Vikram",
    "Taini",
    "Keoni",
    "Makana",
    "Travis",
    "Dustin",
    "Wyatt",
    "Colton",
    "Bobby",
];

const LAST_NAMES: &[&str] = &[
    "Johnson",
    "Williams",
    "Rodríguez",
    "Núñez",
    "O'Brien",
    "Nguyễn",
    "Trần",
    "Al-Sayed",
    "Kowalski",
    "Washington",
    "Jackson",
    "Pierre",
    "Baptiste",
    "García",
    "Hernández",
    "Robinson",
    "Brown",
    "Davis",
    "Mitchell",
    "Coleman",
    "Peña",
    "Muñoz",
    "Álvarez",
    "Ibáñez",
    "Moreau",
    "Haddad",
    "Okafor",
    "Mensah",
    "Delgado",
    "Santiago",
    "Kim",
    "Park",
    "Chen",
    "Zhang",
    "Fa'amoe",
    "Kealoha",
    "Walker",
    "Young",
    "Reyes",
    "Castillo",
    "Murphy",
    "Sullivan",
    "Dubois",
    "Abdullah",
    "Nowak",
    "Ortiz",
    "Greene",
    "Hughes",
    "Thompson",
    "Harris",
    "Carter",
    "Bennett",
    "Jenkins",
    "Patterson",
    "Simmons",
    "Foster",
    "Bryant",
    "Alexander",
    "Russell",
    "Griffin",
    "Hayes",
    "Myers",
    "Ford",
    "Hamilton",
    "Graham",
    "Wallace",
    "Woods",
    "Cole",
    "West",
    "Jordan",
    "Owens",
    "Reynolds",
    "Fisher",
    "Ellis",
    "Harrison",
    "Gibson",
    "McDonald",
    "Cruz",
    "Marshall",
    "Gómez",
    "Gutiérrez",
    "Vázquez",
    "Ramos",
    "Morales",
    "Jiménez",
    "Romero",
    "Herrera",
    "Medina",
    "Aguilar",
    "Vargas",
    "Mendoza",
    "Guzmán",
    "Salazar",
    "Soto",
    "Contreras",
    "Figueroa",
    "Espinoza",
    "Sandoval",
    "Cortés",
    "Fuentes",
    "Cárdenas",
    "Lê",
    "Phạm",
    "Hoàng",
    "Huỳnh",
    "Võ",
    "Đặng",
    "Bùi",
    "Mansour",
    "Khalil",
    "Nasser",
    "Saleh",
    "Farah",
    "Wiśniewski",
    "Wójcik",
    "Kamiński",
    "Lewandowski",
    "Zieliński",
    "Szymański",
    "O'Connor",
    "Gallagher",
    "Byrne",
    "Fitzpatrick",
    "Doyle",
    "Quinn",
    "Toussaint",
    "Jean-Louis",
    "Desrosiers",
    "Etienne",
    "Adeyemi",
    "Okonkwo",
    "Nwosu",
    "Boateng",
    "Asante",
    "Owusu",
    "Diallo",
    "Traoré",
    "Cissé",
    "Lee",
    "Choi",
    "Jung",
    "Kang",
    "Yoon",
    "Tanaka",
    "Suzuki",
    "Patel",
    "Singh",
    "Sharma",
    "Gupta",
    "Tuilagi",
    "Mahoe",
    "Kahale",
    "Perry",
    "Jennings",
    "Lambert",
    "Holloway",
    "Whitaker",
];

const ALIASES: &[&str] = &[
    "Tito", "Lil Man", "Boogie", "Smoke", "Rico", "Chino", "Dre", "Bam", "Peanut", "Scooter",
    "Junior", "Man-Man", "Flaco", "Gordo", "Tank", "Ghost", "Sleepy", "Book", "Pops", "Nene",
    "Chuy", "Moe",
];

const AGENCIES: &[(&str, SupervisionType, &[&str])] = &[
    (
        "County Adult Probation",
        SupervisionType::Probation,
        &["R. Carter", "L. Okafor", "S. Benítez", "J. Walsh"],
    ),
    (
        "State Board of Parole",
        SupervisionType::Parole,
        &["T. Nguyen", "M. Delacroix", "D. Friedman"],
    ),
    (
        "U.S. Probation Office",
        SupervisionType::SupervisedRelease,
        &["K. Abernathy", "P. Ramírez"],
    ),
    (
        "Pretrial Services Agency",
        SupervisionType::Pretrial,
        &["A. Lindqvist", "B. Osei"],
    ),
];

const GROUPS: &[(&str, &str)] = &[
    ("Maple Street Crew", "North Terrace"),
    ("Riverside Kings", "Riverside"),
    ("Harbor View Boys", "Harbor"),
    ("Cedar Hill Set", "Cedar Hill"),
    ("Mill Road", "Millbrook"),
    ("Lakeside Block", "Lakeside"),
    ("Elm Park Family", "Elm Park"),
    ("Northgate Youngins", "North Terrace"),
];

const LINKS: &[(usize, usize, LinkKind)] = &[
    (0, 1, LinkKind::Feud),
    (2, 3, LinkKind::Feud),
    (1, 4, LinkKind::Feud),
    (5, 6, LinkKind::Feud),
    (0, 7, LinkKind::Alliance),
    (3, 5, LinkKind::Alliance),
];

const STREETS: &[&str] = &[
    "Example Ave",
    "Fictional St",
    "Placeholder Rd",
    "Sample Ct",
    "Imaginary Ln",
    "Nowhere Blvd",
    "Demo Pl",
];

const ROLES: &[&str] = &["member", "associate", "leader", "member", "member"];

/// Generated demo data, ready for the store.
pub struct DemoData {
    pub groups: Vec<GroupInput>,
    pub links: Vec<(usize, usize, LinkKind)>,
    /// Each person with the indices of their groups (ids are known only once groups exist).
    pub people: Vec<(PersonInput, Vec<(usize, String)>)>,
}

fn date(year: i32, day_of_year: usize) -> String {
    let d = chrono::NaiveDate::from_yo_opt(year, (day_of_year % 365 + 1) as u32)
        .unwrap_or(chrono::NaiveDate::MIN);
    crate::domain::time::format_date(d)
}

/// One synthetic person (no groups), from `rng`.
pub fn person(rng: &mut Rng) -> PersonInput {
    let first = *rng.pick(FIRST_NAMES);
    let last = if rng.chance(8) {
        format!("{}-{}", rng.pick(LAST_NAMES), rng.pick(LAST_NAMES))
    } else {
        (*rng.pick(LAST_NAMES)).to_string()
    };
    let mut aliases = Vec::new();
    if rng.chance(45) {
        aliases.push((*rng.pick(ALIASES)).to_string());
    }
    if rng.chance(10) {
        aliases.push(format!(
            "{} {}",
            rng.pick(ALIASES),
            last.split('-').next().unwrap_or("")
        ));
    }
    if first == "Wei" && last == "Zhang" {
        aliases.push("张伟".into());
    }
    let (agency, kind, officers) = rng.pick(AGENCIES);
    let start_year = 2022 + rng.below(5) as i32;
    let start = date(start_year, rng.below(365));
    let end = date(start_year + 1 + rng.below(5) as i32, rng.below(365));
    let status = match rng.below(100) {
        0..=89 => PersonStatus::Active,
        90..=94 => PersonStatus::InCustody,
        95..=98 => PersonStatus::Moved,
        _ => PersonStatus::Deceased,
    };
    let mut needs = Vec::new();
    for _ in 0..rng.below(4) {
        let need = *rng.pick(NeedCategory::ALL);
        if !needs.contains(&need) {
            needs.push(need);
        }
    }
    PersonInput {
        first_name: first.into(),
        last_name: last,
        aliases,
        date_of_birth: Some(date(1975 + rng.below(32) as i32, rng.below(365))),
        phone: format!("(203) 555-01{:02}", rng.below(100)),
        address: format!("{} {}", 10 + rng.below(990), rng.pick(STREETS)),
        area: rng.pick(GROUPS).1.into(),
        preferred_language: if rng.chance(25) {
            "es".into()
        } else {
            "en".into()
        },
        notes: "Synthetic demo record; not a real person.".into(),
        status,
        supervisions: vec![SupervisionInput {
            id: None,
            kind: Some(*kind),
            agency: (*agency).into(),
            officer_name: (*rng.pick(officers)).into(),
            officer_contact: format!("(203) 555-01{:02}", rng.below(100)),
            start_date: Some(start),
            end_date: Some(end),
            call_in_condition: rng.chance(80),
        }],
        groups: Vec::new(),
        needs,
    }
}

/// The demo data for `seed`, with `people` people.
pub fn generate(seed: u64, people: usize) -> DemoData {
    let mut rng = Rng::new(seed);
    let groups = GROUPS
        .iter()
        .map(|(name, area)| GroupInput {
            name: (*name).into(),
            area: (*area).into(),
            notes: "Synthetic demo group.".into(),
        })
        .collect();
    let people = (0..people)
        .map(|_| {
            let p = person(&mut rng);
            let mut memberships = Vec::new();
            if rng.chance(60) {
                memberships.push((rng.below(GROUPS.len()), (*rng.pick(ROLES)).to_string()));
            }
            (p, memberships)
        })
        .collect();
    DemoData {
        groups,
        links: LINKS.to_vec(),
        people,
    }
}

/// Loads demo data into an empty registry (call inside one transaction).
pub fn load(conn: &Connection, data: &DemoData) -> AppResult<()> {
    if store::people::count(conn)? > 0 {
        return Err(AppError::Conflict(
            "Demo data can only be loaded into an empty registry.".into(),
        ));
    }
    let today = crate::domain::time::today();
    let mut group_ids = Vec::new();
    for g in &data.groups {
        let valid = validate_group(g)?;
        group_ids.push(store::groups::create_group(conn, &valid)?.id);
    }
    for (a, b, kind) in &data.links {
        let pair = crate::domain::groups::link_pair(&group_ids[*a], &group_ids[*b])?;
        store::groups::link_groups(conn, &group_ids[*a], pair, *kind)?;
    }
    let mut unaffiliated = Vec::new();
    for (input, memberships) in &data.people {
        let mut input = input.clone();
        input.groups = memberships
            .iter()
            .map(|(g, role)| MembershipInput {
                group_id: group_ids[*g].clone(),
                role: role.clone(),
            })
            .collect();
        let valid = validate_person(&input, today)?;
        let id = store::people::create_person(conn, &valid)?.id;
        if memberships.is_empty() && input.status == PersonStatus::Active {
            unaffiliated.push(id);
        }
    }
    demo_call_in(conn, today, &unaffiliated)
}

/// Providers with services across the common needs, and an upcoming call-in two weeks
/// out, scheduled, with those providers at the table and notices issued to ten invitees
/// (people in no group, so no feud warnings): ready for check-in on its day.
fn demo_call_in(conn: &Connection, today: chrono::NaiveDate, people: &[String]) -> AppResult<()> {
    use crate::domain::callins::{validate_basics, CallInBasicsInput};
    use crate::domain::directory::{
        validate_provider, validate_service, ProviderInput, ServiceInput,
    };
    use crate::domain::directory_details::PhoneInput;
    use crate::domain::invitations::{DeliveryMethod, NoticeAction};
    use NeedCategory::*;

    /// A service's name and the needs it meets.
    type Services<'a> = &'a [(&'a str, &'a [NeedCategory])];
    let directory: [(&str, &str, Services); 4] = [
        (
            "Eastside Workforce Center (demo)",
            "555-0150",
            &[
                ("Job readiness program", &[Employment]),
                ("GED classes", &[EducationGed]),
            ],
        ),
        (
            "Harbor Housing Partners (demo)",
            "555-0151",
            &[("Rapid rehousing", &[Housing])],
        ),
        (
            "New Paths Recovery Services (demo)",
            "555-0152",
            &[
                ("Outpatient treatment", &[SubstanceUse]),
                ("Counseling", &[MentalHealth, AngerManagementCbt]),
            ],
        ),
        (
            "Second Chance ID Clinic (demo)",
            "555-0153",
            &[("ID and birth certificate help", &[IdDocuments])],
        ),
    ];
    let date = today + chrono::Days::new(14);
    let call_in = store::callins::create_call_in(
        conn,
        &validate_basics(&CallInBasicsInput {
            title: "Eastside call-in (demo)".into(),
            date: date.format("%Y-%m-%d").to_string(),
            start_time: "18:00".into(),
            time_zone: "America/New_York".into(),
            expected_minutes: Some(90),
            venue_name: "Eastside Community Center".into(),
            venue_address: "12 Fictional Way".into(),
            venue_capacity: Some(40),
            ..Default::default()
        })?,
    )?;
    for (name, phone, services) in directory {
        let mut provider = crate::commands::directory::save_provider_in(
            conn,
            None,
            &validate_provider(&ProviderInput {
                name: name.into(),
                description: "Synthetic demo provider.".into(),
                phones: vec![PhoneInput {
                    number: phone.into(),
                    ..Default::default()
                }],
                ..Default::default()
            })?,
        )?;
        for (service, needs) in services {
            provider = crate::commands::directory::save_service_in(
                conn,
                &provider.id,
                None,
                &validate_service(&ServiceInput {
                    name: (*service).into(),
                    categories: needs.to_vec(),
                    ..Default::default()
                })?,
            )?;
        }
        crate::commands::directory::set_present_in(conn, &call_in.id, &provider.id, true)?;
    }
    demo_run_of_show(conn, &call_in.id)?;
    for person in people.iter().take(10) {
        crate::commands::invitations::invite(
            conn,
            &call_in.id,
            person,
            "Demo: on supervision in the target area",
        )?;
    }
    let list = crate::commands::invitations::invitee_list_of(conn, &call_in.id)?;
    let keys: Vec<String> = list.warnings.iter().map(|w| w.key.clone()).collect();
    if !keys.is_empty() {
        crate::commands::invitations::acknowledge_warnings_of(conn, &call_in.id, &keys)?;
    }
    crate::commands::callins::schedule(conn, &call_in.id)?;
    let ids: Vec<String> = list.invitations.iter().map(|i| i.id.clone()).collect();
    if !ids.is_empty() {
        crate::commands::invitations::notices(conn, &call_in.id, &ids, &NoticeAction::Vet, today)?;
        let issue = NoticeAction::Issue {
            method: DeliveryMethod::Officer,
            delivered_by: "Officer on record (demo)".into(),
            issued_on: today.format("%Y-%m-%d").to_string(),
        };
        crate::commands::invitations::notices(conn, &call_in.id, &ids, &issue, today)?;
    }
    Ok(())
}

/// The demo call-in's agenda: four segments and their (fictional) speakers.
fn demo_run_of_show(conn: &Connection, call_in_id: &str) -> AppResult<()> {
    use crate::domain::directory::{
        validate_segment, validate_speaker, SegmentInput, SegmentKind, SpeakerInput, SpeakerRole,
    };
    let speakers = [
        (
            "Chief Avery Lindqvist (demo)",
            "Metro Police Department (demo)",
            SpeakerRole::LawEnforcement,
        ),
        (
            "Rev. Marisol Okafor (demo)",
            "Eastside Faith Coalition (demo)",
            SpeakerRole::Clergy,
        ),
        (
            "Dana Whitfield (demo)",
            "Mothers for Peace (demo)",
            SpeakerRole::VictimFamily,
        ),
    ];
    let mut ids = Vec::new();
    for (name, organization, role) in speakers {
        let s = store::directory::save_speaker(
            conn,
            None,
            &validate_speaker(&SpeakerInput {
                name: name.into(),
                organization: organization.into(),
                role: Some(role),
                notes: "Synthetic demo speaker.".into(),
                ..Default::default()
            })?,
        )?;
        ids.push(s.id);
    }
    let segments = [
        (SegmentKind::Welcome, "Welcome and purpose", 10, None),
        (
            SegmentKind::LawEnforcement,
            "What happens next",
            20,
            Some(0),
        ),
        (
            SegmentKind::Community,
            "Voices from the neighborhood",
            25,
            Some(2),
        ),
        (
            SegmentKind::OfferOfHelp,
            "Services at the table",
            30,
            Some(1),
        ),
    ];
    for (kind, title, minutes, speaker) in segments {
        store::directory::add_segment(
            conn,
            call_in_id,
            &validate_segment(&SegmentInput {
                kind: Some(kind),
                title: title.into(),
                minutes,
            })?,
        )?;
        if let (Some(i), Some(seg)) = (
            speaker,
            store::directory::segments(conn, call_in_id)?.last(),
        ) {
            store::directory::assign_speaker(conn, call_in_id, &seg.id, &ids[i])?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_seed_same_data() {
        let a = generate(7, 50);
        let b = generate(7, 50);
        let names = |d: &DemoData| {
            d.people
                .iter()
                .map(|(p, _)| format!("{} {}", p.first_name, p.last_name))
                .collect::<Vec<_>>()
        };
        assert_eq!(names(&a), names(&b));
        assert_ne!(names(&a), names(&generate(8, 50)));
    }

    #[test]
    fn every_generated_person_is_valid_and_marked_fictional() {
        let today = chrono::NaiveDate::from_ymd_opt(2026, 11, 29).unwrap();
        for (p, _) in generate(DEFAULT_SEED, 500).people {
            validate_person(&p, today).unwrap();
            assert!(p.notes.contains("Synthetic"));
            assert!(p.phone.contains("555-01"));
        }
    }
}
