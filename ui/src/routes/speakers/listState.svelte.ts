// The speakers list's search, kept while the coordinator opens a speaker and comes back.

class SpeakersListState {
  text = $state('');
  /** The speaker opened last, to put focus back on their row. */
  lastOpened: string | null = null;

  reset(): void {
    this.text = '';
    this.lastOpened = null;
  }
}

export const speakersList = new SpeakersListState();
