"""Everything Dateline raises on purpose derives from :class:`DatelineError`.

::

    DatelineError
    ├── InputError          the article itself is unusable: empty, binary, undecodable, too large
    ├── OptionError         a value given by the user is wrong: a --published date, a format name
    ├── SchemaError         a JSON document is not of the schema this version reads
    ├── ResourceError       a shipped resource or model is missing or broken: reinstall
    ├── KnowledgeBaseError  the knowledge base cannot be built, read or merged
    │   └── ImportFormatError   an import file is malformed (says the line and why)
    └── StoreError          the database cannot be opened, migrated or written
        └── StoreUnavailableError   the database went away mid-run (full disk, lost connection)

Each message says what is wrong and what to do about it. The command line turns
them into one line on stderr and exit code 2; the HTTP API into one JSON shape.
"""

from __future__ import annotations


class DatelineError(Exception):
    """Base class of every error Dateline raises on purpose."""


class InputError(DatelineError):
    """The article itself is unusable: empty, binary, undecodable, too large."""


class OptionError(DatelineError):
    """A value given by the user is wrong (a date, a format name, a path)."""


class SchemaError(DatelineError):
    """A JSON document is not of the schema this version of Dateline reads."""


class ResourceError(DatelineError):
    """A shipped resource or language model is missing or broken."""


class KnowledgeBaseError(DatelineError):
    """The knowledge base cannot be built, read or merged."""


class ImportFormatError(KnowledgeBaseError):
    """An import file is malformed; the message names the line and the reason."""


class StoreError(DatelineError):
    """The database cannot be opened, migrated or written."""


class StoreUnavailableError(StoreError):
    """The database went away during a run: full disk, lost connection."""
