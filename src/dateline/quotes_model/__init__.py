"""What the quotes stage knows about attribution, apart from the stage itself.

* :mod:`~dateline.quotes_model.cues`: the cue lexicon (hand-written and learned data files);
* :mod:`~dateline.quotes_model.frames`: the candidate attributions a dependency parse offers;
* :mod:`~dateline.quotes_model.learn`: learning the cue table from PolNeAR train
  (``dateline eval build-cues``).
"""
