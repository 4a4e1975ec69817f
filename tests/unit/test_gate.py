"""publish imports only the rule modules that can refuse it: they must be the modules whose
checks make SV051 and SV005, or a moved rule would let a personnummer through unseen."""

from __future__ import annotations

from samverkan_cli.rules.checks import all_checks
from samverkan_cli.site import gate


def test_the_gate_runs_every_check_that_can_refuse_a_publish():
    refusing = [c for c in all_checks() if gate.REFUSING & set(c.codes)]
    assert refusing
    assert {c.run for c in gate.checks()} == {c.run for c in refusing}
    assert {c.run.__module__ for c in refusing} == {m.__name__ for m in gate.MODULES}
