// The documents the print dialog offers, by where the coordinator is.

import type { DocumentRequest } from '../../lib/bindings/DocumentRequest';
import type { ReferralQuery } from '../../lib/bindings/ReferralQuery';
import { m } from '../../lib/messages';

export type DocumentKind = DocumentRequest['kind'];

/** One choice of the print dialog: what the backend is asked for, and how it is named. */
export interface PrintDocument {
  request: DocumentRequest;
  label: string;
  hint: string;
}

function doc(request: DocumentRequest): PrintDocument {
  return { request, label: m.printing.doc[request.kind], hint: m.printing.docHint[request.kind] };
}

/** A call-in's documents (on its page and on the wizard's review). */
export function callInDocuments(callInId: string): PrintDocument[] {
  return [
    doc({ kind: 'signInSheet', callInId }),
    doc({ kind: 'attendeeRoster', callInId }),
    doc({ kind: 'letters', callInId }),
    doc({ kind: 'runOfShow', callInId }),
  ];
}

/** The follow-up list as it is filtered now. */
export function followUpDocuments(query: ReferralQuery): PrintDocument[] {
  return [doc({ kind: 'followUpList', query })];
}
