"""JSON Schema of the article serialisation (``dateline/1``)."""
