"""Role titles reduced to a key, so that "foreign minister", "Minister of Foreign
Affairs" and (for the United States) "Secretary of State" compare equal.
"""

from __future__ import annotations

from dateline.kb.names import fold

# Longest phrases first: "vice president" must win over "president".
_KEYS: list[tuple[str, str]] = [
    ("deputy prime minister", "deputy_prime_minister"),
    ("press secretary", "spokesperson"),
    ("advisor to the president", "advisor"),
    ("counselor to the president", "advisor"),
    ("chief strategist", "advisor"),
    ("general secretary", "party_leader"),
    ("finance minister", "finance_minister"),
    ("minister of finance", "finance_minister"),
    ("secretary of the treasury", "finance_minister"),
    ("treasury secretary", "finance_minister"),
    ("vice president", "vice_president"),
    ("vice-president", "vice_president"),
    ("prime minister", "prime_minister"),
    ("premier", "prime_minister"),
    ("chancellor", "prime_minister"),
    ("foreign minister", "foreign_minister"),
    ("minister of foreign affairs", "foreign_minister"),
    ("minister for foreign affairs", "foreign_minister"),
    ("minister of external affairs", "foreign_minister"),
    ("external affairs minister", "foreign_minister"),
    ("foreign secretary", "foreign_minister"),
    ("secretary of state for defence", "defence_minister"),
    ("secretary of state", "foreign_minister"),
    ("high representative", "foreign_minister"),
    ("foreign policy chief", "foreign_minister"),
    ("defence minister", "defence_minister"),
    ("defense minister", "defence_minister"),
    ("minister of defence", "defence_minister"),
    ("minister of defense", "defence_minister"),
    ("minister of the armed forces", "defence_minister"),
    ("secretary of defense", "defence_minister"),
    ("defense secretary", "defence_minister"),
    ("defence secretary", "defence_minister"),
    ("secretary general", "secretary_general"),
    ("secretary-general", "secretary_general"),
    ("director general", "director_general"),
    ("director-general", "director_general"),
    ("managing director", "director_general"),
    ("attorney general", "attorney_general"),
    ("national security advis", "national_security_advisor"),
    ("press secretary", "spokesperson"),
    ("spokesman", "spokesperson"),
    ("spokeswoman", "spokesperson"),
    ("spokesperson", "spokesperson"),
    ("chief of staff", "chief_of_staff"),
    ("chief of the general staff", "army_chief"),
    ("commander-in-chief", "army_chief"),
    ("supreme leader", "supreme_leader"),
    ("crown prince", "crown_prince"),
    ("majority leader", "majority_leader"),
    ("speaker", "speaker"),
    ("senator", "senator"),
    ("representative from", "representative"),
    ("congressman", "representative"),
    ("congresswoman", "representative"),
    ("governor", "governor"),
    ("mayor", "mayor"),
    ("ambassador", "ambassador"),
    ("envoy", "envoy"),
    ("chairperson", "chair"),
    ("chairman", "chair"),
    ("chairwoman", "chair"),
    ("chair", "chair"),
    ("director", "director"),
    ("president", "president"),
    ("king", "monarch"),
    ("queen", "monarch"),
    ("pope", "pope"),
]


def _plain(text: str) -> str:
    return " ".join(fold(text).replace("-", " ").split())


_PLAIN_KEYS = [(_plain(phrase), key) for phrase, key in _KEYS]


def role_key(title: str) -> str | None:
    """The key of a role title, or None when it names no role this table knows."""
    text = " " + _plain(title) + " "
    for phrase, key in _PLAIN_KEYS:
        if f" {phrase}" in text:
            return key
    return None


#: Words that, alone, name a role (the head of a title phrase), for the entities stage.
ROLE_HEADS = frozenset(
    "president minister secretary general chancellor premier governor senator speaker "
    "ambassador envoy king queen pope chairman chairwoman chair chairperson director "
    "spokesman spokeswoman spokesperson leader commander mayor congressman congresswoman "
    "representative advisor adviser prince".split()
)
