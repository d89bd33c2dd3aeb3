"""The stages of an analysis, one module each, in the order the pipeline runs them:

1. :mod:`~dateline.stages.normalize`  repair quotes, spacing and encoding, keep an offset map
2. :mod:`~dateline.stages.dateline`   the dateline ("Brussels –") and byline ("By …")
3. :mod:`~dateline.stages.nlp`        spaCy: tokens, sentences, parse, named entities
4. :mod:`~dateline.stages.entities`   mentions clustered into entities, linked to the knowledge base
5. :mod:`~dateline.stages.quotes`     direct, partial and reported speech, with speakers
6. :mod:`~dateline.stages.times`      dates, resolved against the publication date
7. :mod:`~dateline.stages.events`     who did what to whom, coded in PLOVER

Each stage is a function ``Draft -> Draft`` (see :mod:`dateline.draft`).
"""
