"""What the law requires the parties to have agreed, and which documents fulfil it (SPEC §8.5).

HSL (2017:30) 16 kap. 3 § requires region and kommuner to agree on three target groups; a county
may list more (or others) in samverkan.yaml. One function answers "who fulfils what on this day"
for the rule (SV060), the site and the report, so that they cannot disagree.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from samverkan_cli.config import Config
from samverkan_cli.lifecycle import in_force
from samverkan_cli.model.documents import Common


def fulfils(config: Config, model: Common, key: str) -> bool:
    """`model` declares lagkrav `key`, and is of a typ the requirement allows."""
    requirement = config.lagkrav.get(key)
    if requirement is None or key not in (model.lagkrav or ()):
        return False
    return requirement.typ is None or model.typ in requirement.typ


def fulfilment(config: Config, models: Iterable[Common], day: date) -> dict[str, list[str]]:
    """Per requirement (in samverkan.yaml's order), the sorted ids of the documents that fulfil
    it and are in force on `day`; an empty list where none does."""
    found: dict[str, list[str]] = {key: [] for key in config.lagkrav}
    for model in models:
        if not model.lagkrav or not in_force(model, day):
            continue
        for key in dict.fromkeys(model.lagkrav):
            if key in found and fulfils(config, model, key):
                found[key].append(model.id)
    return {key: sorted(ids) for key, ids in found.items()}
