"""Stage 2: the dateline ("BRUSSELS (Reuters) –") and the byline ("By Jane Doe").

The dateline's place becomes :attr:`Article.place`; the entities stage links
it and keeps it as the article's place.
"""

from __future__ import annotations

import re

from dateline.draft import Draft

# A place of one to four capitalised words, optionally ", Region", an optional
# "March 3" and an optional "(Agency)", then a dash or colon that opens the story.
_DATELINE = re.compile(
    r"""^[ \t]*
    (?P<place>(?:[A-Z][\w.'’-]*)(?:[ -](?:[A-Z][\w.'’-]*|de|del|da|el|al|on|upon)){0,3}
              (?:,[ ](?:[A-Z][\w.'’-]*)(?:[ ][A-Z][\w.'’-]*){0,2})?)
    (?:,?[ ](?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?[ ]\d{1,2})?
    (?:[ ]?\((?P<agency>[A-Za-z][\w .&/-]{0,30})\))?
    [ \t]*(?:[–—]|-{1,2}|:)[ \t]+(?=\S)""",
    re.VERBOSE | re.MULTILINE,
)

_BYLINE = re.compile(
    r"^[ \t]*By[ \t]+(?P<name>[A-Z][\w.'’-]+(?:[ \t]+(?:and[ \t]+)?[A-Z][\w.'’-]+){0,5})[ \t]*$",
    re.M,
)

# Words that start a sentence but are no place: "Update –", "Analysis:".
_NOT_PLACES = frozenset(
    {
        "Update",
        "Analysis",
        "Opinion",
        "Editorial",
        "Breaking",
        "Exclusive",
        "Comment",
        "Watch",
        "Live",
        "Photos",
        "Video",
        "Note",
        "Correction",
    }
)


def find_dateline(draft: Draft) -> Draft:
    """Set ``article.place`` (and ``article.byline``) from the story's opening."""
    clean = draft.clean
    head_end = min(len(clean), 600)
    head = clean[:head_end]
    byline = _BYLINE.search(head)
    if byline is not None and byline.start() < 200:
        draft.article.byline = draft.span(byline.start("name"), byline.end("name"))
    # The dateline opens the first paragraph of body text (after a byline, if any).
    body_start = 0
    if byline is not None:
        body_start = byline.end()
        while body_start < len(clean) and clean[body_start].isspace():
            body_start += 1
    match = _DATELINE.match(clean, body_start, head_end)
    if match is None:
        return draft
    place = match.group("place")
    first_word = place.split()[0].strip(",")
    if first_word in _NOT_PLACES or len(place) > 60:
        return draft
    draft.article.place = draft.span(match.start("place"), match.end("place"))
    draft.extras["dateline_end"] = match.end()
    return draft
