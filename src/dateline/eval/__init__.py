"""Measuring Dateline against annotated corpora, with figures comparable across tools.

``polnear``: attributions (quotes and reported speech) scored on PolNeAR.
The command line lives in :mod:`dateline.eval.commands` (``dateline eval ...``).
"""
