//! One label per enum value, in English and Spanish: what screens, PDFs and exports show
//! for a stored value. The tables are the only wording of each value; the UI reads them
//! through the generated `ui/src/lib/bindings/labels.ts` (tests/bindings.rs writes it and
//! fails when it is stale), the documents and exports call [`Labelled::label`].
//!
//! Every variant must have its row: a missing one does not compile.

use serde::Serialize;

use super::backup::{BackupKey, BackupReason};
use super::dedupe::{MatchStrength, MergeField};
use super::directory::{SegmentKind, SpeakerRole};
use super::directory_details::{PlaceKind, ServiceStatus};
use super::exports::ExportFormat;
use super::followups::{Consent, ContactMethod, ContactOutcome, DueFilter, ReferralSort};
use super::groups::LinkKind;
use super::hsds_import::{
    ChangeKind, HsdsFormat, HsdsLayout, MappingKind, MappingOrigin, MatchedBy,
};
use super::import::{DateOrder, ImportField, MatchAction, RowStatus};
use super::invitations::DeliveryMethod;
use super::letters::LetterLanguage;
use super::lifecycle::{
    CallInStatus, IneligibleReason, InvitationStatus, OfferResponse, ReferralStatus,
    SpeakerAssignmentStatus,
};
use super::people::{NeedCategory, PeopleSort, PersonStatus, SupervisionType};
use super::warnings::WarningKind;

/// A value's label in each language the app speaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Label {
    pub en: &'static str,
    pub es: &'static str,
}

impl Label {
    pub fn get(self, language: LetterLanguage) -> &'static str {
        match language {
            LetterLanguage::English => self.en,
            LetterLanguage::Spanish => self.es,
        }
    }
}

/// An enum whose values have labels.
pub trait Labelled: Copy + 'static {
    /// The enum's name, as in the generated bindings.
    const NAME: &'static str;
    /// Every value, in the order screens list them.
    fn values() -> &'static [Self];
    /// The stored text of the value (`"notices_out"`).
    fn code(self) -> &'static str;
    /// Both labels of the value.
    fn labels(self) -> Label;
    /// The English label (screens, PDFs and exports today).
    fn label_en(self) -> &'static str {
        self.labels().en
    }
    fn label_in(self, language: LetterLanguage) -> &'static str {
        self.labels().get(language)
    }
}

/// One enum's table, as the bindings write it.
#[derive(Debug, Clone, Serialize)]
pub struct Table {
    pub name: &'static str,
    /// The value as it crosses IPC (its serde name), and its labels.
    pub rows: Vec<(String, Label)>,
}

impl Table {
    fn of<T: Labelled + Serialize>() -> Table {
        let ipc = |v: &T| match serde_json::to_value(v) {
            Ok(serde_json::Value::String(s)) => s,
            other => unreachable!("{}: a value serialized as {other:?}", T::NAME),
        };
        Table {
            name: T::NAME,
            rows: T::values().iter().map(|v| (ipc(v), v.labels())).collect(),
        }
    }
}

macro_rules! labels {
    ($($ty:ident { $($variant:ident => $en:literal, $es:literal;)+ })+) => {
        $(
            impl Labelled for $ty {
                const NAME: &'static str = stringify!($ty);
                fn values() -> &'static [Self] {
                    $ty::ALL
                }
                fn code(self) -> &'static str {
                    self.as_str()
                }
                fn labels(self) -> Label {
                    match self {
                        $($ty::$variant => Label { en: $en, es: $es },)+
                    }
                }
            }
        )+

        /// Every label table, in a stable order.
        pub fn tables() -> Vec<Table> {
            vec![$(Table::of::<$ty>()),+]
        }
    };
}

labels! {
    ServiceStatus {
        Active => "Active", "Activo";
        Inactive => "Inactive", "Inactivo";
        Defunct => "Defunct", "Ya no existe";
        TemporarilyClosed => "Temporarily closed", "Cerrado temporalmente";
    }
    PlaceKind {
        Physical => "Physical", "Física";
        Postal => "Postal", "Postal";
        Virtual => "Virtual", "Virtual";
    }
    HsdsLayout {
        Tabular3 => "HSDS 3.0 data package", "Paquete de datos HSDS 3.0";
        Tabular1 => "HSDS 1.x data package", "Paquete de datos HSDS 1.x";
        Json => "HSDS JSON", "HSDS JSON";
    }
    ChangeKind {
        New => "New", "Nuevo";
        Changed => "Changed", "Cambia";
        Unchanged => "Unchanged", "Sin cambios";
    }
    MatchedBy {
        Id => "Matched by HSDS id", "Coincide por id de HSDS";
        Name => "Matched by name", "Coincide por nombre";
    }
    MappingKind {
        Term => "Taxonomy term", "Término de taxonomía";
        ServiceName => "Service name", "Nombre del servicio";
    }
    MappingOrigin {
        Remembered => "Remembered for this source", "Recordado para esta fuente";
        Guessed => "Suggested from the words", "Sugerido por las palabras";
        OwnTaxonomy => "This app's own categories", "Categorías propias de esta aplicación";
        None => "Not mapped", "Sin asignar";
    }
    HsdsFormat {
        Zip => "Tabular data package (.zip)", "Paquete de datos tabular (.zip)";
        Json => "HSDS JSON (.json)", "HSDS JSON (.json)";
    }
    BackupReason {
        Manual => "Made by hand", "Hecha a mano";
        Daily => "Daily", "Diaria";
        BeforeImport => "Before an import", "Antes de una importación";
        BeforeUpgrade => "Before an upgrade", "Antes de una actualización";
        BeforeRestore => "Before a restore", "Antes de una restauración";
        PassphraseChanged => "After the passphrase changed", "Después de cambiar la contraseña";
    }
    BackupKey {
        Database => "The database's passphrase", "La contraseña de la base de datos";
        Own => "A passphrase of its own", "Una contraseña propia";
    }
    ImportField {
        FirstName => "First name", "Nombre";
        LastName => "Last name", "Apellido";
        FullName => "Full name (LAST, FIRST)", "Nombre completo (APELLIDO, NOMBRE)";
        Aliases => "Aliases", "Alias";
        DateOfBirth => "Date of birth", "Fecha de nacimiento";
        Phone => "Phone", "Teléfono";
        Address => "Address", "Dirección";
        Area => "Area", "Zona";
        PreferredLanguage => "Preferred language", "Idioma preferido";
        SupervisionType => "Supervision type", "Tipo de supervisión";
        Agency => "Agency", "Agencia";
        Officer => "Officer", "Oficial";
        OfficerContact => "Officer contact", "Contacto del oficial";
        SupervisionStart => "Supervision start", "Inicio de la supervisión";
        SupervisionEnd => "Supervision end", "Fin de la supervisión";
        CallInCondition => "Call-in condition", "Condición de asistir";
        Group => "Group", "Grupo";
        Needs => "Needs", "Necesidades";
        Notes => "Notes", "Notas";
        ExternalId => "External id (probation number)", "Identificador externo (número de expediente)";
    }
    DateOrder {
        MonthFirst => "Month first (03/04 is March 4)", "Mes primero (03/04 es 4 de marzo)";
        DayFirst => "Day first (03/04 is 3 April)", "Día primero (03/04 es 3 de abril)";
    }
    RowStatus {
        Ready => "Ready", "Lista";
        Warning => "Ready, with a warning", "Lista, con un aviso";
        Problem => "Has a problem", "Tiene un problema";
        Skipped => "Skipped", "Omitida";
    }
    MatchAction {
        Skip => "Skip the row", "Omitir la fila";
        Update => "Update the person", "Actualizar a la persona";
        FillEmpty => "Fill only their empty fields", "Completar solo sus campos vacíos";
        AddNew => "Add as a new person", "Agregar como persona nueva";
    }
    MergeField {
        FirstName => "First name", "Nombre";
        LastName => "Last name", "Apellido";
        DateOfBirth => "Date of birth", "Fecha de nacimiento";
        Phone => "Phone", "Teléfono";
        Address => "Address", "Dirección";
        Area => "Area", "Zona";
        PreferredLanguage => "Preferred language", "Idioma preferido";
        Notes => "Notes", "Notas";
        Status => "Status", "Estado";
    }
    MatchStrength {
        Sure => "Same person", "La misma persona";
        Possible => "Possibly the same person", "Posiblemente la misma persona";
    }
    CallInStatus {
        Draft => "Draft", "Borrador";
        Scheduled => "Scheduled", "Programada";
        NoticesOut => "Notices out", "Avisos entregados";
        Held => "Held", "Realizada";
        FollowUp => "Follow-up", "Seguimiento";
        Closed => "Closed", "Cerrada";
        Postponed => "Postponed", "Aplazada";
        Cancelled => "Cancelled", "Cancelada";
    }
    InvitationStatus {
        Proposed => "Proposed", "Propuesta";
        Vetted => "Vetted", "Revisada";
        Issued => "Issued", "Entregada";
        Acknowledged => "Acknowledged", "Recibida";
        Attended => "Attended", "Asistió";
        NoShow => "No-show", "No se presentó";
        Excused => "Excused", "Excusada";
        Ineligible => "Ineligible", "No elegible";
        CustomNotificationPending => "Custom notification pending", "Notificación personal pendiente";
        CustomNotificationDone => "Custom notification done", "Notificación personal hecha";
    }
    IneligibleReason {
        InCustody => "In custody", "Bajo custodia";
        Moved => "Moved", "Se mudó";
        Deceased => "Deceased", "Falleció";
    }
    OfferResponse {
        Accepted => "Accepted", "Aceptó";
        Interested => "Interested", "Le interesa";
        Undecided => "Undecided", "No lo ha decidido";
        Declined => "Declined", "No aceptó";
    }
    SpeakerAssignmentStatus {
        Invited => "Invited", "Invitado";
        Confirmed => "Confirmed", "Confirmado";
        Spoke => "Spoke", "Habló";
        Declined => "Declined", "No aceptó";
    }
    ReferralStatus {
        Identified => "Identified", "Identificada";
        Referred => "Referred", "Derivada";
        ProviderContacted => "Provider contacted", "Proveedor contactado";
        IntakeScheduled => "Intake scheduled", "Admisión programada";
        Engaged => "Engaged", "En el programa";
        Completed => "Completed", "Completada";
        Declined => "Declined", "Rechazada";
        LostContact => "Lost contact", "Sin contacto";
        Closed => "Closed", "Cerrada";
    }
    DeliveryMethod {
        Officer => "Supervising officer", "Oficial de supervisión";
        Mail => "Mail", "Correo postal";
        InPerson => "In person", "En persona";
        Family => "Family", "Familia";
    }
    SpeakerRole {
        LawEnforcement => "Law enforcement", "Policía y fuerzas del orden";
        Prosecutor => "Prosecutor", "Fiscal";
        ProbationParole => "Probation/parole", "Libertad condicional o a prueba";
        Clergy => "Clergy / moral voice", "Clero / voz moral";
        VictimFamily => "Victim's family", "Familia de una víctima";
        Outreach => "Formerly incarcerated / outreach", "Ex recluso / trabajo de calle";
        ServiceProvider => "Service provider", "Proveedor de servicios";
        Medical => "Medical", "Personal médico";
        Other => "Other", "Otro";
    }
    SegmentKind {
        Welcome => "Welcome", "Bienvenida";
        LawEnforcement => "Law-enforcement message", "Mensaje de las fuerzas del orden";
        Community => "Community message", "Mensaje de la comunidad";
        OfferOfHelp => "Offer of help", "Oferta de ayuda";
        Other => "Other", "Otro";
    }
    SupervisionType {
        Probation => "Probation", "Libertad a prueba";
        Parole => "Parole", "Libertad condicional";
        SupervisedRelease => "Supervised release", "Libertad supervisada";
        Pretrial => "Pretrial", "Previo al juicio";
    }
    PersonStatus {
        Active => "Active", "Activo";
        InCustody => "In custody", "Bajo custodia";
        Moved => "Moved", "Se mudó";
        Deceased => "Deceased", "Falleció";
        Archived => "Archived", "Archivado";
    }
    NeedCategory {
        Employment => "Employment", "Empleo";
        Housing => "Housing", "Vivienda";
        EducationGed => "Education / GED", "Educación / GED";
        SubstanceUse => "Substance-use treatment", "Tratamiento por consumo de sustancias";
        MentalHealth => "Mental health", "Salud mental";
        IdDocuments => "ID documents", "Documentos de identidad";
        Medical => "Medical", "Atención médica";
        Legal => "Legal", "Asistencia legal";
        Childcare => "Childcare", "Cuidado de niños";
        Transportation => "Transportation", "Transporte";
        ClothingFood => "Clothing / food", "Ropa / alimentos";
        AngerManagementCbt => "Anger management / CBT", "Manejo de la ira / TCC";
        Mentoring => "Mentoring", "Mentoría";
        Other => "Other", "Otra";
    }
    LinkKind {
        Feud => "Feud", "Enemistad";
        Alliance => "Alliance", "Alianza";
    }
    ContactMethod {
        Phone => "Phone", "Teléfono";
        Text => "Text message", "Mensaje de texto";
        Email => "Email", "Correo electrónico";
        Mail => "Mail", "Correo postal";
        InPerson => "In person", "En persona";
        HomeVisit => "Home visit", "Visita a domicilio";
        Other => "Other", "Otro";
    }
    ContactOutcome {
        Reached => "Reached", "Se habló con la persona";
        LeftMessage => "Left a message", "Se dejó un mensaje";
        NoAnswer => "No answer", "Sin respuesta";
        WrongNumber => "Wrong number", "Número equivocado";
        Other => "Other", "Otro";
    }
    Consent {
        Given => "Consent given", "Dio su consentimiento";
        NotGiven => "Consent not given", "No dio su consentimiento";
    }
    DueFilter {
        Overdue => "Overdue", "Vencidas";
        ThisWeek => "Due this week", "Vencen esta semana";
    }
    ReferralSort {
        Due => "Due date", "Fecha límite";
        Person => "Person", "Persona";
        Provider => "Provider", "Proveedor";
        Status => "Status", "Estado";
        CallIn => "Call-in", "Reunión";
    }
    PeopleSort {
        Name => "Name", "Nombre";
        SupervisionEnd => "Supervision end", "Fin de la supervisión";
        Updated => "Last updated", "Última modificación";
    }
    LetterLanguage {
        English => "English", "Inglés";
        Spanish => "Spanish", "Español";
    }
    WarningKind {
        Feud => "Feud", "Enemistad";
        OtherOpenCallIn => "Invited to another call-in", "Invitado a otra reunión";
        SupervisionEndsBefore => "Supervision ends first", "La supervisión termina antes";
        NotActive => "Not active", "No activo";
        OverCapacity => "Over capacity", "Supera el aforo";
    }
    ExportFormat {
        Csv => "CSV", "CSV";
        Xlsx => "Excel workbook", "Libro de Excel";
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_table_has_every_value_once_with_both_labels() {
        let tables = tables();
        let mut names: Vec<_> = tables.iter().map(|t| t.name).collect();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), tables.len(), "an enum has two tables");
        for t in &tables {
            let mut codes: Vec<_> = t.rows.iter().map(|(c, _)| c).collect();
            codes.sort_unstable();
            codes.dedup();
            assert_eq!(codes.len(), t.rows.len(), "{}: a value twice", t.name);
            for (code, l) in &t.rows {
                assert!(!l.en.trim().is_empty(), "{}.{code}: no English", t.name);
                assert!(!l.es.trim().is_empty(), "{}.{code}: no Spanish", t.name);
            }
        }
    }

    #[test]
    fn one_wording_per_value() {
        assert_eq!(ContactOutcome::LeftMessage.label_en(), "Left a message");
        assert_eq!(
            NeedCategory::SubstanceUse.label_in(LetterLanguage::Spanish),
            "Tratamiento por consumo de sustancias"
        );
        assert_eq!(CallInStatus::NoticesOut.labels().en, "Notices out");
    }

    /// Every `text_enum!` of the domain has a table here: read from the sources, so an
    /// enum added without its labels fails.
    #[test]
    fn every_stored_enum_has_a_table() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src-tauri/domain");
        let names: Vec<&str> = tables().iter().map(|t| t.name).collect();
        let mut found = 0;
        for entry in std::fs::read_dir(dir).unwrap() {
            let text = std::fs::read_to_string(entry.unwrap().path()).unwrap();
            for (at, _) in text.match_indices("text_enum!(\n") {
                let name = text[at..]
                    .lines()
                    .skip(1)
                    .map(str::trim)
                    .find(|l| !l.starts_with("///") && !l.starts_with("#["))
                    .and_then(|l| l.split_whitespace().next())
                    .unwrap();
                found += 1;
                assert!(names.contains(&name), "{name} has no label table");
            }
        }
        assert!(found >= 20, "the enums were read: {found}");
    }
}
