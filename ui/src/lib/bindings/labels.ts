// Generated from src-tauri/domain/labels.rs by tests/bindings.rs. Do not edit.

import type { ServiceStatus } from './ServiceStatus';
import type { PlaceKind } from './PlaceKind';
import type { HsdsLayout } from './HsdsLayout';
import type { ChangeKind } from './ChangeKind';
import type { MatchedBy } from './MatchedBy';
import type { MappingKind } from './MappingKind';
import type { MappingOrigin } from './MappingOrigin';
import type { HsdsFormat } from './HsdsFormat';
import type { BackupReason } from './BackupReason';
import type { BackupKey } from './BackupKey';
import type { ImportField } from './ImportField';
import type { DateOrder } from './DateOrder';
import type { RowStatus } from './RowStatus';
import type { MatchAction } from './MatchAction';
import type { MergeField } from './MergeField';
import type { MatchStrength } from './MatchStrength';
import type { CallInStatus } from './CallInStatus';
import type { InvitationStatus } from './InvitationStatus';
import type { IneligibleReason } from './IneligibleReason';
import type { OfferResponse } from './OfferResponse';
import type { SpeakerAssignmentStatus } from './SpeakerAssignmentStatus';
import type { ReferralStatus } from './ReferralStatus';
import type { DeliveryMethod } from './DeliveryMethod';
import type { SpeakerRole } from './SpeakerRole';
import type { SegmentKind } from './SegmentKind';
import type { SupervisionType } from './SupervisionType';
import type { PersonStatus } from './PersonStatus';
import type { NeedCategory } from './NeedCategory';
import type { LinkKind } from './LinkKind';
import type { ContactMethod } from './ContactMethod';
import type { ContactOutcome } from './ContactOutcome';
import type { Consent } from './Consent';
import type { DueFilter } from './DueFilter';
import type { ReferralSort } from './ReferralSort';
import type { PeopleSort } from './PeopleSort';
import type { LetterLanguage } from './LetterLanguage';
import type { WarningKind } from './WarningKind';
import type { ExportFormat } from './ExportFormat';

export type Label = { en: string; es: string };

/** Every value of each enum, in the order screens list them. */
export const values = {
  ServiceStatus: ['active', 'inactive', 'defunct', 'temporarily_closed'] as ServiceStatus[],
  PlaceKind: ['physical', 'postal', 'virtual'] as PlaceKind[],
  HsdsLayout: ['tabular3', 'tabular1', 'json'] as HsdsLayout[],
  ChangeKind: ['new', 'changed', 'unchanged'] as ChangeKind[],
  MatchedBy: ['id', 'name'] as MatchedBy[],
  MappingKind: ['term', 'service_name'] as MappingKind[],
  MappingOrigin: ['remembered', 'guessed', 'own_taxonomy', 'none'] as MappingOrigin[],
  HsdsFormat: ['zip', 'json'] as HsdsFormat[],
  BackupReason: ['manual', 'daily', 'before_import', 'before_upgrade', 'before_restore', 'passphrase_changed'] as BackupReason[],
  BackupKey: ['database', 'own'] as BackupKey[],
  ImportField: ['first_name', 'last_name', 'full_name', 'aliases', 'date_of_birth', 'phone', 'address', 'area', 'preferred_language', 'supervision_type', 'agency', 'officer', 'officer_contact', 'supervision_start', 'supervision_end', 'call_in_condition', 'group', 'needs', 'notes', 'external_id'] as ImportField[],
  DateOrder: ['month_first', 'day_first'] as DateOrder[],
  RowStatus: ['ready', 'warning', 'problem', 'skipped'] as RowStatus[],
  MatchAction: ['skip', 'update', 'fill_empty', 'add_new'] as MatchAction[],
  MergeField: ['first_name', 'last_name', 'date_of_birth', 'phone', 'address', 'area', 'preferred_language', 'notes', 'status'] as MergeField[],
  MatchStrength: ['sure', 'possible'] as MatchStrength[],
  CallInStatus: ['draft', 'scheduled', 'notices_out', 'held', 'follow_up', 'closed', 'postponed', 'cancelled'] as CallInStatus[],
  InvitationStatus: ['proposed', 'vetted', 'issued', 'acknowledged', 'attended', 'no_show', 'excused', 'ineligible', 'custom_notification_pending', 'custom_notification_done'] as InvitationStatus[],
  IneligibleReason: ['in_custody', 'moved', 'deceased'] as IneligibleReason[],
  OfferResponse: ['accepted', 'interested', 'undecided', 'declined'] as OfferResponse[],
  SpeakerAssignmentStatus: ['invited', 'confirmed', 'spoke', 'declined'] as SpeakerAssignmentStatus[],
  ReferralStatus: ['identified', 'referred', 'provider_contacted', 'intake_scheduled', 'engaged', 'completed', 'declined', 'lost_contact', 'closed'] as ReferralStatus[],
  DeliveryMethod: ['officer', 'mail', 'in_person', 'family'] as DeliveryMethod[],
  SpeakerRole: ['law_enforcement', 'prosecutor', 'probation_parole', 'clergy', 'victim_family', 'outreach', 'service_provider', 'medical', 'other'] as SpeakerRole[],
  SegmentKind: ['welcome', 'law_enforcement', 'community', 'offer_of_help', 'other'] as SegmentKind[],
  SupervisionType: ['probation', 'parole', 'supervised_release', 'pretrial'] as SupervisionType[],
  PersonStatus: ['active', 'in_custody', 'moved', 'deceased', 'archived'] as PersonStatus[],
  NeedCategory: ['employment', 'housing', 'education_ged', 'substance_use', 'mental_health', 'id_documents', 'medical', 'legal', 'childcare', 'transportation', 'clothing_food', 'anger_management_cbt', 'mentoring', 'other'] as NeedCategory[],
  LinkKind: ['feud', 'alliance'] as LinkKind[],
  ContactMethod: ['phone', 'text', 'email', 'mail', 'in_person', 'home_visit', 'other'] as ContactMethod[],
  ContactOutcome: ['reached', 'left_message', 'no_answer', 'wrong_number', 'other'] as ContactOutcome[],
  Consent: ['given', 'not_given'] as Consent[],
  DueFilter: ['overdue', 'this_week'] as DueFilter[],
  ReferralSort: ['due', 'person', 'provider', 'status', 'call_in'] as ReferralSort[],
  PeopleSort: ['name', 'supervision_end', 'updated'] as PeopleSort[],
  LetterLanguage: ['english', 'spanish'] as LetterLanguage[],
  WarningKind: ['feud', 'other_open_call_in', 'supervision_ends_before', 'not_active', 'over_capacity'] as WarningKind[],
  ExportFormat: ['csv', 'xlsx'] as ExportFormat[],
};

/** The one label of each value, in English and Spanish. */
export const labels = {
  ServiceStatus: {
    active: { en: "Active", es: "Activo" },
    inactive: { en: "Inactive", es: "Inactivo" },
    defunct: { en: "Defunct", es: "Ya no existe" },
    temporarily_closed: { en: "Temporarily closed", es: "Cerrado temporalmente" },
  } satisfies Record<ServiceStatus, Label>,
  PlaceKind: {
    physical: { en: "Physical", es: "Física" },
    postal: { en: "Postal", es: "Postal" },
    virtual: { en: "Virtual", es: "Virtual" },
  } satisfies Record<PlaceKind, Label>,
  HsdsLayout: {
    tabular3: { en: "HSDS 3.0 data package", es: "Paquete de datos HSDS 3.0" },
    tabular1: { en: "HSDS 1.x data package", es: "Paquete de datos HSDS 1.x" },
    json: { en: "HSDS JSON", es: "HSDS JSON" },
  } satisfies Record<HsdsLayout, Label>,
  ChangeKind: {
    new: { en: "New", es: "Nuevo" },
    changed: { en: "Changed", es: "Cambia" },
    unchanged: { en: "Unchanged", es: "Sin cambios" },
  } satisfies Record<ChangeKind, Label>,
  MatchedBy: {
    id: { en: "Matched by HSDS id", es: "Coincide por id de HSDS" },
    name: { en: "Matched by name", es: "Coincide por nombre" },
  } satisfies Record<MatchedBy, Label>,
  MappingKind: {
    term: { en: "Taxonomy term", es: "Término de taxonomía" },
    service_name: { en: "Service name", es: "Nombre del servicio" },
  } satisfies Record<MappingKind, Label>,
  MappingOrigin: {
    remembered: { en: "Remembered for this source", es: "Recordado para esta fuente" },
    guessed: { en: "Suggested from the words", es: "Sugerido por las palabras" },
    own_taxonomy: { en: "This app's own categories", es: "Categorías propias de esta aplicación" },
    none: { en: "Not mapped", es: "Sin asignar" },
  } satisfies Record<MappingOrigin, Label>,
  HsdsFormat: {
    zip: { en: "Tabular data package (.zip)", es: "Paquete de datos tabular (.zip)" },
    json: { en: "HSDS JSON (.json)", es: "HSDS JSON (.json)" },
  } satisfies Record<HsdsFormat, Label>,
  BackupReason: {
    manual: { en: "Made by hand", es: "Hecha a mano" },
    daily: { en: "Daily", es: "Diaria" },
    before_import: { en: "Before an import", es: "Antes de una importación" },
    before_upgrade: { en: "Before an upgrade", es: "Antes de una actualización" },
    before_restore: { en: "Before a restore", es: "Antes de una restauración" },
    passphrase_changed: { en: "After the passphrase changed", es: "Después de cambiar la contraseña" },
  } satisfies Record<BackupReason, Label>,
  BackupKey: {
    database: { en: "The database's passphrase", es: "La contraseña de la base de datos" },
    own: { en: "A passphrase of its own", es: "Una contraseña propia" },
  } satisfies Record<BackupKey, Label>,
  ImportField: {
    first_name: { en: "First name", es: "Nombre" },
    last_name: { en: "Last name", es: "Apellido" },
    full_name: { en: "Full name (LAST, FIRST)", es: "Nombre completo (APELLIDO, NOMBRE)" },
    aliases: { en: "Aliases", es: "Alias" },
    date_of_birth: { en: "Date of birth", es: "Fecha de nacimiento" },
    phone: { en: "Phone", es: "Teléfono" },
    address: { en: "Address", es: "Dirección" },
    area: { en: "Area", es: "Zona" },
    preferred_language: { en: "Preferred language", es: "Idioma preferido" },
    supervision_type: { en: "Supervision type", es: "Tipo de supervisión" },
    agency: { en: "Agency", es: "Agencia" },
    officer: { en: "Officer", es: "Oficial" },
    officer_contact: { en: "Officer contact", es: "Contacto del oficial" },
    supervision_start: { en: "Supervision start", es: "Inicio de la supervisión" },
    supervision_end: { en: "Supervision end", es: "Fin de la supervisión" },
    call_in_condition: { en: "Call-in condition", es: "Condición de asistir" },
    group: { en: "Group", es: "Grupo" },
    needs: { en: "Needs", es: "Necesidades" },
    notes: { en: "Notes", es: "Notas" },
    external_id: { en: "External id (probation number)", es: "Identificador externo (número de expediente)" },
  } satisfies Record<ImportField, Label>,
  DateOrder: {
    month_first: { en: "Month first (03/04 is March 4)", es: "Mes primero (03/04 es 4 de marzo)" },
    day_first: { en: "Day first (03/04 is 3 April)", es: "Día primero (03/04 es 3 de abril)" },
  } satisfies Record<DateOrder, Label>,
  RowStatus: {
    ready: { en: "Ready", es: "Lista" },
    warning: { en: "Ready, with a warning", es: "Lista, con un aviso" },
    problem: { en: "Has a problem", es: "Tiene un problema" },
    skipped: { en: "Skipped", es: "Omitida" },
  } satisfies Record<RowStatus, Label>,
  MatchAction: {
    skip: { en: "Skip the row", es: "Omitir la fila" },
    update: { en: "Update the person", es: "Actualizar a la persona" },
    fill_empty: { en: "Fill only their empty fields", es: "Completar solo sus campos vacíos" },
    add_new: { en: "Add as a new person", es: "Agregar como persona nueva" },
  } satisfies Record<MatchAction, Label>,
  MergeField: {
    first_name: { en: "First name", es: "Nombre" },
    last_name: { en: "Last name", es: "Apellido" },
    date_of_birth: { en: "Date of birth", es: "Fecha de nacimiento" },
    phone: { en: "Phone", es: "Teléfono" },
    address: { en: "Address", es: "Dirección" },
    area: { en: "Area", es: "Zona" },
    preferred_language: { en: "Preferred language", es: "Idioma preferido" },
    notes: { en: "Notes", es: "Notas" },
    status: { en: "Status", es: "Estado" },
  } satisfies Record<MergeField, Label>,
  MatchStrength: {
    sure: { en: "Same person", es: "La misma persona" },
    possible: { en: "Possibly the same person", es: "Posiblemente la misma persona" },
  } satisfies Record<MatchStrength, Label>,
  CallInStatus: {
    draft: { en: "Draft", es: "Borrador" },
    scheduled: { en: "Scheduled", es: "Programada" },
    notices_out: { en: "Notices out", es: "Avisos entregados" },
    held: { en: "Held", es: "Realizada" },
    follow_up: { en: "Follow-up", es: "Seguimiento" },
    closed: { en: "Closed", es: "Cerrada" },
    postponed: { en: "Postponed", es: "Aplazada" },
    cancelled: { en: "Cancelled", es: "Cancelada" },
  } satisfies Record<CallInStatus, Label>,
  InvitationStatus: {
    proposed: { en: "Proposed", es: "Propuesta" },
    vetted: { en: "Vetted", es: "Revisada" },
    issued: { en: "Issued", es: "Entregada" },
    acknowledged: { en: "Acknowledged", es: "Recibida" },
    attended: { en: "Attended", es: "Asistió" },
    no_show: { en: "No-show", es: "No se presentó" },
    excused: { en: "Excused", es: "Excusada" },
    ineligible: { en: "Ineligible", es: "No elegible" },
    custom_notification_pending: { en: "Custom notification pending", es: "Notificación personal pendiente" },
    custom_notification_done: { en: "Custom notification done", es: "Notificación personal hecha" },
  } satisfies Record<InvitationStatus, Label>,
  IneligibleReason: {
    in_custody: { en: "In custody", es: "Bajo custodia" },
    moved: { en: "Moved", es: "Se mudó" },
    deceased: { en: "Deceased", es: "Falleció" },
  } satisfies Record<IneligibleReason, Label>,
  OfferResponse: {
    accepted: { en: "Accepted", es: "Aceptó" },
    interested: { en: "Interested", es: "Le interesa" },
    undecided: { en: "Undecided", es: "No lo ha decidido" },
    declined: { en: "Declined", es: "No aceptó" },
  } satisfies Record<OfferResponse, Label>,
  SpeakerAssignmentStatus: {
    invited: { en: "Invited", es: "Invitado" },
    confirmed: { en: "Confirmed", es: "Confirmado" },
    spoke: { en: "Spoke", es: "Habló" },
    declined: { en: "Declined", es: "No aceptó" },
  } satisfies Record<SpeakerAssignmentStatus, Label>,
  ReferralStatus: {
    identified: { en: "Identified", es: "Identificada" },
    referred: { en: "Referred", es: "Derivada" },
    provider_contacted: { en: "Provider contacted", es: "Proveedor contactado" },
    intake_scheduled: { en: "Intake scheduled", es: "Admisión programada" },
    engaged: { en: "Engaged", es: "En el programa" },
    completed: { en: "Completed", es: "Completada" },
    declined: { en: "Declined", es: "Rechazada" },
    lost_contact: { en: "Lost contact", es: "Sin contacto" },
    closed: { en: "Closed", es: "Cerrada" },
  } satisfies Record<ReferralStatus, Label>,
  DeliveryMethod: {
    officer: { en: "Supervising officer", es: "Oficial de supervisión" },
    mail: { en: "Mail", es: "Correo postal" },
    in_person: { en: "In person", es: "En persona" },
    family: { en: "Family", es: "Familia" },
  } satisfies Record<DeliveryMethod, Label>,
  SpeakerRole: {
    law_enforcement: { en: "Law enforcement", es: "Policía y fuerzas del orden" },
    prosecutor: { en: "Prosecutor", es: "Fiscal" },
    probation_parole: { en: "Probation/parole", es: "Libertad condicional o a prueba" },
    clergy: { en: "Clergy / moral voice", es: "Clero / voz moral" },
    victim_family: { en: "Victim's family", es: "Familia de una víctima" },
    outreach: { en: "Formerly incarcerated / outreach", es: "Ex recluso / trabajo de calle" },
    service_provider: { en: "Service provider", es: "Proveedor de servicios" },
    medical: { en: "Medical", es: "Personal médico" },
    other: { en: "Other", es: "Otro" },
  } satisfies Record<SpeakerRole, Label>,
  SegmentKind: {
    welcome: { en: "Welcome", es: "Bienvenida" },
    law_enforcement: { en: "Law-enforcement message", es: "Mensaje de las fuerzas del orden" },
    community: { en: "Community message", es: "Mensaje de la comunidad" },
    offer_of_help: { en: "Offer of help", es: "Oferta de ayuda" },
    other: { en: "Other", es: "Otro" },
  } satisfies Record<SegmentKind, Label>,
  SupervisionType: {
    probation: { en: "Probation", es: "Libertad a prueba" },
    parole: { en: "Parole", es: "Libertad condicional" },
    supervised_release: { en: "Supervised release", es: "Libertad supervisada" },
    pretrial: { en: "Pretrial", es: "Previo al juicio" },
  } satisfies Record<SupervisionType, Label>,
  PersonStatus: {
    active: { en: "Active", es: "Activo" },
    in_custody: { en: "In custody", es: "Bajo custodia" },
    moved: { en: "Moved", es: "Se mudó" },
    deceased: { en: "Deceased", es: "Falleció" },
    archived: { en: "Archived", es: "Archivado" },
  } satisfies Record<PersonStatus, Label>,
  NeedCategory: {
    employment: { en: "Employment", es: "Empleo" },
    housing: { en: "Housing", es: "Vivienda" },
    education_ged: { en: "Education / GED", es: "Educación / GED" },
    substance_use: { en: "Substance-use treatment", es: "Tratamiento por consumo de sustancias" },
    mental_health: { en: "Mental health", es: "Salud mental" },
    id_documents: { en: "ID documents", es: "Documentos de identidad" },
    medical: { en: "Medical", es: "Atención médica" },
    legal: { en: "Legal", es: "Asistencia legal" },
    childcare: { en: "Childcare", es: "Cuidado de niños" },
    transportation: { en: "Transportation", es: "Transporte" },
    clothing_food: { en: "Clothing / food", es: "Ropa / alimentos" },
    anger_management_cbt: { en: "Anger management / CBT", es: "Manejo de la ira / TCC" },
    mentoring: { en: "Mentoring", es: "Mentoría" },
    other: { en: "Other", es: "Otra" },
  } satisfies Record<NeedCategory, Label>,
  LinkKind: {
    feud: { en: "Feud", es: "Enemistad" },
    alliance: { en: "Alliance", es: "Alianza" },
  } satisfies Record<LinkKind, Label>,
  ContactMethod: {
    phone: { en: "Phone", es: "Teléfono" },
    text: { en: "Text message", es: "Mensaje de texto" },
    email: { en: "Email", es: "Correo electrónico" },
    mail: { en: "Mail", es: "Correo postal" },
    in_person: { en: "In person", es: "En persona" },
    home_visit: { en: "Home visit", es: "Visita a domicilio" },
    other: { en: "Other", es: "Otro" },
  } satisfies Record<ContactMethod, Label>,
  ContactOutcome: {
    reached: { en: "Reached", es: "Se habló con la persona" },
    left_message: { en: "Left a message", es: "Se dejó un mensaje" },
    no_answer: { en: "No answer", es: "Sin respuesta" },
    wrong_number: { en: "Wrong number", es: "Número equivocado" },
    other: { en: "Other", es: "Otro" },
  } satisfies Record<ContactOutcome, Label>,
  Consent: {
    given: { en: "Consent given", es: "Dio su consentimiento" },
    not_given: { en: "Consent not given", es: "No dio su consentimiento" },
  } satisfies Record<Consent, Label>,
  DueFilter: {
    overdue: { en: "Overdue", es: "Vencidas" },
    this_week: { en: "Due this week", es: "Vencen esta semana" },
  } satisfies Record<DueFilter, Label>,
  ReferralSort: {
    due: { en: "Due date", es: "Fecha límite" },
    person: { en: "Person", es: "Persona" },
    provider: { en: "Provider", es: "Proveedor" },
    status: { en: "Status", es: "Estado" },
    call_in: { en: "Call-in", es: "Reunión" },
  } satisfies Record<ReferralSort, Label>,
  PeopleSort: {
    name: { en: "Name", es: "Nombre" },
    supervision_end: { en: "Supervision end", es: "Fin de la supervisión" },
    updated: { en: "Last updated", es: "Última modificación" },
  } satisfies Record<PeopleSort, Label>,
  LetterLanguage: {
    english: { en: "English", es: "Inglés" },
    spanish: { en: "Spanish", es: "Español" },
  } satisfies Record<LetterLanguage, Label>,
  WarningKind: {
    feud: { en: "Feud", es: "Enemistad" },
    other_open_call_in: { en: "Invited to another call-in", es: "Invitado a otra reunión" },
    supervision_ends_before: { en: "Supervision ends first", es: "La supervisión termina antes" },
    not_active: { en: "Not active", es: "No activo" },
    over_capacity: { en: "Over capacity", es: "Supera el aforo" },
  } satisfies Record<WarningKind, Label>,
  ExportFormat: {
    csv: { en: "CSV", es: "CSV" },
    xlsx: { en: "Excel workbook", es: "Libro de Excel" },
  } satisfies Record<ExportFormat, Label>,
};
