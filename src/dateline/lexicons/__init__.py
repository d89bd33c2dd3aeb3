"""Data files of Dateline (cue verbs, PLOVER patterns) and their readers."""
