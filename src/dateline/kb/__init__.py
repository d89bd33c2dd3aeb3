"""The offline knowledge base: countries, places, organisations and dated office holders.

``load_kb()`` opens the shipped artefact (``kb/data/kb.sqlite``, built by
``dateline kb build``) merged with the user's overlay (``dateline kb import``).
"""

from dateline.kb.lookup import Candidate, KnowledgeBase, Role, load_kb

__all__ = ["Candidate", "KnowledgeBase", "Role", "load_kb"]
