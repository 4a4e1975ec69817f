"""The law registry (shipped data, extendable by a repository's lagrum.yaml) and citation parsing.

Documents written before a law was replaced keep citing the old one; telling the editor so (SV052)
is the service. A citation without a number ("SoL 2 kap. 7 §") is read as the law of that short
name that applied on the document's own date, so a 2015 agreement citing "SoL" means SFS 2001:453.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from importlib import resources
from typing import Final

from pydantic import Field

from samverkan_cli.model.fields import IsoDate, Model, Text

REGISTRY_FILE: Final = "lagrum.yaml"
_NUMBER = re.compile(
    r"(?:\b(?P<series>[A-ZÅÄÖ][A-ZÅÄÖ-]*FS)\s*)?\(?\b(?P<year>\d{4}):(?P<number>\d{1,4})\b\)?"
)


class Law(Model):
    kort: Text | None = Field(None, description="Förkortning, t.ex. SoL.")
    namn: Text = Field(description="Författningens namn.")
    galler_fran: IsoDate | None = Field(None, description="Dag då den började gälla.")
    upphavd_datum: IsoDate | None = Field(None, description="Dag då den slutade gälla.")
    ersatt_av: Text | None = Field(None, description="Nyckeln för författningen som ersatte den.")
    anm: Text | None = Field(None, description="Anmärkning som visas för användaren.")

    def applies_on(self, day: date) -> bool:
        started = self.galler_fran is None or self.galler_fran <= day
        return started and (self.upphavd_datum is None or day < self.upphavd_datum)


class RegistryFile(Model):
    lagar: dict[str, Law] = Field(description="Författningar, nyckel t.ex. 'SFS 2017:30'.")


@dataclass(frozen=True)
class LawRegistry:
    laws: dict[str, Law]

    def resolve(self, citation: str, on: date) -> tuple[str, Law] | None:
        """The law a lagrum string cites, by number or else by short name as of `on`."""
        match = _NUMBER.search(citation)
        if match:
            series = match["series"] or "SFS"
            key = f"{series} {match['year']}:{match['number']}"
            law = self.laws.get(key)
            return (key, law) if law else None
        return self._by_short_name(citation, on)

    def _by_short_name(self, citation: str, on: date) -> tuple[str, Law] | None:
        words = set(re.findall(r"[A-Za-zÅÄÖåäö]+", citation))
        candidates = [(k, law) for k, law in self.laws.items() if law.kort and law.kort in words]
        applying = [c for c in candidates if c[1].applies_on(on)]
        pool = applying or candidates
        if not pool:
            return None
        return max(pool, key=lambda c: c[1].galler_fran or date.min)

    def name(self, key: str) -> str:
        law = self.laws.get(key)
        return law.namn if law else key


def shipped_text() -> str:
    return resources.files("samverkan_cli").joinpath("data", REGISTRY_FILE).read_text("utf-8")


def parse_registry(data: object) -> RegistryFile:
    """Validate a registry's loaded YAML (raises pydantic's ValidationError)."""
    return RegistryFile.model_validate(data)


def combine(shipped: RegistryFile, local: RegistryFile | None) -> LawRegistry:
    laws = dict(shipped.lagar)
    if local is not None:
        laws.update(local.lagar)
    return LawRegistry(laws)
