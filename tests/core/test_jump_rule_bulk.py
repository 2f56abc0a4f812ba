"""The jump rule asked about many values at once says what it says about each one alone."""

from __future__ import annotations

import random

from tracker.core.entry import JumpRule


def test_implausible_among_flags_exactly_the_values_implausible_flags_one_by_one():
    rng = random.Random(8)
    # references missing, zero, equal, at the limits (10 away, 50 % away) and far off
    choices = [None, 0, 0.0, 1, 9, 10, 11, 20, 30, 100, 150, 151, 149, 1000, 12.5]
    triples = [(rng.choice(choices), rng.choice(choices), rng.choice(choices)) for _ in range(5000)]
    triples += [(v, p, ly) for v in choices for p in choices for ly in choices]
    for rule in (JumpRule(), JumpRule(pct=20, abs=0), JumpRule(pct=0, abs=50)):
        expected = [i for i, (v, p, ly) in enumerate(triples) if rule.implausible(v, p, ly)]
        assert rule.implausible_among(triples) == expected
        assert expected  # the cases include implausible values
