"""The law registry (shipped data, extendable by a repository's lagrum.yaml) and citation reading.

Documents written before a law was replaced keep citing the old one; telling the editor so (SV052),
and what to cite instead, is the service. A citation is read for its numbers ("(2017:30)",
"SOSFS 2007:10"); without one, for the law's name or short name ("socialtjänstlagen",
"3 kap 3 § SOL"), meaning the law of that name that applied on the document's date (a 2015
agreement's "SoL" is SFS 2001:453), unless the citation's form rules a version out: "HSL 16 kap.
3 §" is written in chapters, which only the 2017 act has, and "HSL 3 f §" without one, which only
the 1982 act has.

Resolution is one pass of two precompiled patterns over each citation and dictionary look-ups:
validate reads the registry on every run (a pre-commit hook runs it on every commit).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import date
from importlib import resources
from typing import Final, Literal

from pydantic import Field, StrictBool, field_validator, model_validator
from pydantic_core import PydanticCustomError

from samverkan_cli.lifecycle import decided_on
from samverkan_cli.model.documents import Common
from samverkan_cli.model.fields import IsoDate, Model, Text

REGISTRY_FILE: Final = "lagrum.yaml"

#: A number as citations write it: "(2017:30)", "SFS 2017:30", "sosfs 2007:10", "HSLF-FS 2023:2".
_NUMBER: Final = re.compile(
    r"(?:(?<![\w-])(?P<series>[a-zåäö][a-zåäö-]*fs)\s*)?\(?"
    r"(?<![\w:])(?P<year>\d{4}):(?P<number>\d{1,4})(?![\w:])\)?",
    re.IGNORECASE,
)
#: Series that number their documents ÅÅÅÅ:N but are not laws or föreskrifter: "SOU 2020:47",
#: "prop. 2016/17:43" is already no match, "Dir. 2017:39", "HFD 2011:49", "RÅ 2007:86".
_NOT_SFS: Final = frozenset({"sou", "ds", "dir", "prop", "bet", "rskr", "hfd", "rå", "nja", "ad"})
#: What may stand between two numbers of one series: "SOSFS 2007:10 och 2008:20", "2007:10/2008:20".
_SAME_SERIES: Final = re.compile(r"\s*(?:,|/|&|och|samt)?\s*", re.IGNORECASE)
_LAST_WORD: Final = re.compile(r"(\w+)\.?\s*$")
_PROVISION: Final = re.compile(
    r"(?:(?P<kap>\d+)\s*kap\.?\s*)?(?P<par>\d+)\s*(?P<letter>[a-zåäö](?!\w))?\s*§", re.IGNORECASE
)
_CHAPTER: Final = re.compile(r"\d+\s*kap\b", re.IGNORECASE)
_DIGITS: Final = re.compile(r"\d+")
#: Name forms: "hälso-och" as "hälso- och", "socialtjänstlagen(s)" as "socialtjänstlag".
_HYPHEN_AND: Final = re.compile(r"-\s*(och|eller)\b")
_DEFINITE: Final = re.compile(r"(lag|förordning|balk)(?:ens|en)\b")
_PUNCTUATION: Final = re.compile(r"[()\[\],;:]")

Form = Literal["kapitel", "paragraf"]


def provision(text: str) -> str | None:
    """`text` as one provision in normal form ("16 kap. 4 §", "3 f §"), or None if it is not one."""
    match = _PROVISION.fullmatch(text.strip())
    return _normal(match) if match else None


def _normal(match: re.Match[str]) -> str:
    letter = f" {match['letter'].lower()}" if match["letter"] else ""
    chapter = f"{match['kap']} kap. " if match["kap"] else ""
    return f"{chapter}{match['par']}{letter} §"


def number_key(text: str) -> str | None:
    """A registry key written in any case or with the number alone ("2017:30" is "SFS 2017:30")."""
    match = _NUMBER.fullmatch(text.strip())
    if match is None:
        return None
    return f"{(match['series'] or 'SFS').upper()} {match['year']}:{match['number']}"


class Law(Model):
    kort: Text | None = Field(None, description="Förkortning som dokument använder, t.ex. SoL.")
    namn: Text = Field(
        description="Författningens namn, t.ex. Hälso- och sjukvårdslagen (2017:30)."
    )
    alias: list[Text] | None = Field(
        None, description="Andra namn som dokument skriver, t.ex. barnkonventionen."
    )
    galler_fran: IsoDate | None = Field(None, description="Dag då den började gälla.")
    upphavd_datum: IsoDate | None = Field(None, description="Dag då den slutade gälla.")
    ersatt_av: Text | None = Field(None, description="Nyckeln för författningen som ersatte den.")
    andrar: Text | None = Field(
        None,
        description="Nyckeln för den författning som den här ändrar (en ändringsföreskrift, "
        "t.ex. SOSFS 2008:20 som ändrar SOSFS 2007:10).",
    )
    kapitel: StrictBool | None = Field(
        None,
        description="true om författningen är indelad i kapitel (hänvisningar skrivs "
        "'16 kap. 4 §'), false om den inte är det. Avgör vilken version en hänvisning utan "
        "nummer menar.",
    )
    motsvarar: dict[Text, Text] | None = Field(
        None,
        description="Paragrafer i den här författningen och var de finns i den som ersatte den, "
        'kontrollerade i källan i kalla, t.ex. {"3 f §": "16 kap. 4 §"}.',
    )
    kalla: Text | None = Field(
        None,
        description="Var uppgifterna är kontrollerade: adress och vad källan säger (krävs för "
        "motsvarar).",
    )
    anm: Text | None = Field(None, description="Anmärkning som visas för användaren.")

    @field_validator("motsvarar")
    @classmethod
    def _provisions(cls, value: dict[str, str] | None) -> dict[str, str] | None:
        """Both sides in normal form, so that '3f §' in a document finds '3 f §' here."""
        if value is None:
            return None
        return {_provision_or_error(old): _provision_or_error(new) for old, new in value.items()}

    @model_validator(mode="after")
    def _mapping_has_a_source(self) -> Law:
        if self.motsvarar and self.ersatt_av is None:
            raise PydanticCustomError(
                "sv_law_mapping",
                "motsvarar säger var paragraferna finns i den författning som ersatte den här: "
                "ange den i ersatt_av, eller ta bort motsvarar.",
            )
        if self.motsvarar and self.kalla is None:
            raise PydanticCustomError(
                "sv_law_source",
                "motsvarar kräver kalla: ange var paragraferna är kontrollerade (t.ex. "
                "förarbetenas adress på riksdagen.se). Gissa aldrig ett paragrafnummer.",
            )
        return self

    def applies_on(self, day: date) -> bool:
        started = self.galler_fran is None or self.galler_fran <= day
        return started and (self.upphavd_datum is None or day < self.upphavd_datum)


def _provision_or_error(text: str) -> str:
    found = provision(text)
    if found is None:
        raise PydanticCustomError(
            "sv_provision",
            "'{value}' är ingen paragraf. Skriv t.ex. '3 f §' eller '16 kap. 4 §'.",
            {"value": text},
        )
    return found


class RegistryFile(Model):
    lagar: dict[Text, Law] = Field(
        description="Författningar, nyckel t.ex. 'SFS 2017:30' eller 'SOSFS 2007:10'."
    )

    @field_validator("lagar")
    @classmethod
    def _keys(cls, value: dict[str, Law]) -> dict[str, Law]:
        """Keys as citations produce them: 'sfs 2017:30' and '2017:30' are 'SFS 2017:30'."""
        return {number_key(key) or key: law for key, law in value.items()}


@dataclass(frozen=True)
class Cited:
    """A law a citation names, by its registry key."""

    key: str
    law: Law


@dataclass(frozen=True)
class Reading:
    """What one lagrum string cites."""

    #: The laws recognised, in the order written.
    laws: tuple[Cited, ...]
    #: Numbers the registry does not know, as keys ("SFS 2001:763").
    unknown: tuple[str, ...]
    #: With an unknown number: the law the citation's name or short name means, if it has one.
    meant: Cited | None
    #: The one provision cited, in normal form ("3 f §"); None when there are several or none.
    provision: str | None


@dataclass(frozen=True)
class _Number:
    key: str
    start: int
    end: int
    series: str | None


@dataclass(frozen=True)
class _Parsed:
    """A citation's laws before a date picks among those sharing a name."""

    known: tuple[str, ...]
    unknown: tuple[str, ...]
    groups: tuple[tuple[str, ...], ...]
    form: Form | None
    provision: str | None


@dataclass(frozen=True)
class _Index:
    """Names and short names to registry keys, and one pattern for each."""

    names: Mapping[str, tuple[str, ...]]
    shorts: Mapping[str, tuple[str, ...]]
    name_pattern: re.Pattern[str] | None
    short_pattern: re.Pattern[str] | None


@dataclass(frozen=True)
class LawRegistry:
    laws: dict[str, Law]

    def read(self, citation: str, on: date) -> Reading:
        """Every law `citation` names, a name or short name read as of `on`."""
        parsed = self._parsed(citation)
        picked = [self._pick(group, on, parsed.form) for group in parsed.groups]
        laws = [Cited(key, self.laws[key]) for key in parsed.known]
        if not parsed.unknown:  # a name beside an unknown number only says what was meant
            for cited in picked:
                if all(cited.key != other.key for other in laws):
                    laws.append(cited)
        return Reading(
            laws=tuple(laws),
            unknown=parsed.unknown,
            meant=picked[0] if parsed.unknown and picked else None,
            provision=parsed.provision if len(laws) + len(parsed.unknown) == 1 else None,
        )

    def _parsed(self, citation: str) -> _Parsed:
        """What `citation` says whatever the date; the same text recurs across a county's
        documents ("HSL (2017:30) 16 kap. 3 §"), so each is worked out once per run."""
        found = self._parses.get(citation)
        if found is None:
            found = self._parses[citation] = self._parse(citation)
        return found

    def _parse(self, citation: str) -> _Parsed:
        rest = _NUMBER.sub(" ", citation)
        numbered = tuple(dict.fromkeys(n.key for n in _numbers(citation)))
        known = tuple(key for key in numbered if key in self.laws)
        groups = tuple(g for g in self._named(rest) if not set(g) & set(known))
        return _Parsed(
            known=known,
            unknown=tuple(key for key in numbered if key not in self.laws),
            groups=groups,
            form=_form(rest) if len(numbered) + len(groups) == 1 else None,
            provision=_one_provision(rest),
        )

    def resolve(self, citation: str, on: date) -> tuple[str, Law] | None:
        """The first law a lagrum string cites, or None (also when it names an unknown number)."""
        reading = self.read(citation, on)
        if not reading.laws:
            return None
        return reading.laws[0].key, reading.laws[0].law

    def name(self, key: str) -> str:
        law = self.laws.get(key)
        return law.namn if law else key

    def _named(self, rest: str) -> Iterator[tuple[str, ...]]:
        """Candidate keys for each name and short name in `rest`, in order, each group once."""
        index = self._index
        found: list[tuple[int, tuple[str, ...]]] = []
        if index.name_pattern is not None:
            folded = _name_form(rest)
            found += [(m.start(), index.names[m[0]]) for m in index.name_pattern.finditer(folded)]
        if index.short_pattern is not None:
            for match in index.short_pattern.finditer(rest):
                if match[0] != match[0].casefold():  # "sol" in running text is not SoL
                    found.append((match.start(), index.shorts[match[0].casefold()]))
        # Positions in the two texts differ a little; the order only decides which comes first.
        yield from dict.fromkeys(group for _at, group in sorted(found, key=lambda f: f[0]))

    def _pick(self, keys: tuple[str, ...], on: date, form: Form | None) -> Cited:
        """The law of those sharing a name that a citation means: of the form it is written
        in, the one in force on `on`, else the next to come, else the last to go."""
        pool = [Cited(key, self.laws[key]) for key in keys]
        if form is not None:
            unwanted = form == "paragraf"  # a citation without chapters: not a chaptered law
            pool = [c for c in pool if c.law.kapitel is not unwanted] or pool
        applying = [c for c in pool if c.law.applies_on(on)]
        later = [c for c in pool if c.law.galler_fran is not None and c.law.galler_fran > on]
        if applying:
            return max(applying, key=_started)
        if later:
            return min(later, key=_started)
        return max(pool, key=_started)

    @functools.cached_property
    def _parses(self) -> dict[str, _Parsed]:
        return {}

    @functools.cached_property
    def _index(self) -> _Index:
        names: dict[str, list[str]] = {}
        shorts: dict[str, list[str]] = {}
        for key, law in self.laws.items():
            for written in (law.namn, *(law.alias or ())):
                form = _name_form(written)
                if form and key not in names.get(form, ()):
                    names.setdefault(form, []).append(key)
            if law.kort:
                shorts.setdefault(law.kort.casefold(), []).append(key)
        return _Index(
            names={name: tuple(keys) for name, keys in names.items()},
            shorts={short: tuple(keys) for short, keys in shorts.items()},
            name_pattern=_alternatives(names, 0),
            short_pattern=_alternatives(shorts, re.IGNORECASE),
        )


def _started(cited: Cited) -> date:
    return cited.law.galler_fran or date.min


def _alternatives(words: Mapping[str, object], flags: int) -> re.Pattern[str] | None:
    """One pattern matching any of `words` as whole words, the longest first."""
    if not words:
        return None
    choices = "|".join(re.escape(word) for word in sorted(words, key=len, reverse=True))
    return re.compile(rf"(?<![\w-])(?:{choices})(?!\w)", flags)


def _numbers(citation: str) -> list[_Number]:
    """The numbers in a citation, each with the series it belongs to ("2008:20" in "SOSFS
    2007:10 och 2008:20" is a SOSFS); numbers of other series (SOU, Dir., HFD …) left out."""
    found: list[_Number] = []
    for match in _NUMBER.finditer(citation):
        series = match["series"].upper() if match["series"] else None
        if series is None and found and found[-1].series:
            between = citation[found[-1].end : match.start()]
            if _SAME_SERIES.fullmatch(between):
                series = found[-1].series
        if series is None and _other_series(citation[: match.start()]):
            continue
        key = f"{series or 'SFS'} {match['year']}:{match['number']}"
        found.append(_Number(key, match.start(), match.end(), series))
    return found


def _other_series(before: str) -> bool:
    word = _LAST_WORD.search(before)
    return word is not None and word[1].casefold() in _NOT_SFS


def _name_form(text: str) -> str:
    """A name as compared: lower case, without numbers, 'lagen' as 'lag' ("Socialtjänstlagen
    (2001:453)" and "socialtjänstlag" are the same name)."""
    folded = _NUMBER.sub(" ", text).casefold()
    folded = _HYPHEN_AND.sub(r"- \1", folded)
    folded = _DEFINITE.sub(r"\1", folded)
    return " ".join(_PUNCTUATION.sub(" ", folded).split())


def _form(rest: str) -> Form | None:
    if _CHAPTER.search(rest):
        return "kapitel"
    return "paragraf" if "§" in rest else None


def _one_provision(rest: str) -> str | None:
    """The provision a citation names when it names exactly one ("16 kap. 4 §", not "5–12 §§")."""
    matches = list(_PROVISION.finditer(rest))
    if len(matches) != 1 or "§§" in rest:
        return None
    match = matches[0]
    if _DIGITS.findall(rest) != _DIGITS.findall(match[0]):
        return None  # other numbers too ("8 a och 9 §"): not one provision
    return _normal(match)


def read_as_of(model: Common, today: date) -> date:
    """The day a document's citations are read as of: the latest of giltig_fran and
    senast_reviderad (a revision was the editor's chance to update them), else the decision's
    day, else today."""
    written = [day for day in (model.giltig_fran, model.senast_reviderad) if day is not None]
    return max(written, default=None) or decided_on(model) or today


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
