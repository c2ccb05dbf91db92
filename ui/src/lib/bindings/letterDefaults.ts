// Generated from src-tauri/domain/letters.rs by tests/bindings.rs. Do not edit.
// For the UI tests' fakes only: the letters as the backend sends them unedited.

import type { LetterLanguage } from './LetterLanguage';
import type { Placeholder } from './Placeholder';

export const defaultTexts: Record<LetterLanguage, string> = {
  "english": "Dear {first_name} {last_name},\n\nYou are invited to a community meeting, {title}. People from your neighborhood, your supervising agency and local services will be there. They want to talk with you about your safety and about the help that is available to you.\n\nDate: {date}\nTime: {time}\nPlace: {venue}, {address}\n\nPlease bring:\n- this letter\n- a photo ID, if you have one\n- a list of any medicines you take, if you would like help with health care\n\nPlease arrive 15 minutes early. The meeting lasts about {length}. Help with jobs, housing, treatment and other needs will be offered on the day; you can accept it there.\n\nIf you have questions, please contact your supervising officer, {officer}.\n\nSincerely,\nThe call-in team",
  "spanish": "Estimado/a {first_name} {last_name}:\n\nLe invitamos a una reunión comunitaria, {title}. Asistirán personas de su vecindario, de la agencia que supervisa su caso y de servicios locales. Quieren hablar con usted sobre su seguridad y sobre la ayuda que tiene a su disposición.\n\nFecha: {date}\nHora: {time}\nLugar: {venue}, {address}\n\nPor favor traiga:\n- esta carta\n- una identificación con foto, si la tiene\n- una lista de los medicamentos que toma, si desea ayuda con su salud\n\nPor favor llegue 15 minutos antes. La reunión dura aproximadamente {length}. Ese día se ofrecerá ayuda con empleo, vivienda, tratamiento y otras necesidades; puede aceptarla allí mismo.\n\nSi tiene preguntas, comuníquese con su oficial de supervisión, {officer}.\n\nAtentamente,\nEl equipo de la reunión"
};

export const placeholders: Placeholder[] = [
  {
    "token": "{first_name}",
    "meaning": "The invitee's first name"
  },
  {
    "token": "{last_name}",
    "meaning": "The invitee's last name"
  },
  {
    "token": "{title}",
    "meaning": "The call-in's title"
  },
  {
    "token": "{date}",
    "meaning": "The call-in's date, written out in the letter's language"
  },
  {
    "token": "{time}",
    "meaning": "The call-in's start time"
  },
  {
    "token": "{venue}",
    "meaning": "The venue's name"
  },
  {
    "token": "{address}",
    "meaning": "The venue's address"
  },
  {
    "token": "{accessibility}",
    "meaning": "The venue's accessibility notes"
  },
  {
    "token": "{length}",
    "meaning": "The expected length, e.g. \"90 minutes\""
  },
  {
    "token": "{officer}",
    "meaning": "The invitee's supervising officer"
  }
];
