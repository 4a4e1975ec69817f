"""Every rule code with its severity and a one-line Swedish summary (SPEC §4).

The README's rule table and SARIF's rule list are generated from this table.
"""

from __future__ import annotations

from dataclasses import dataclass
from types import MappingProxyType
from typing import Final

from samverkan_cli.diagnostics import Severity

E, W, N = Severity.ERROR, Severity.WARNING, Severity.INFO  # N: a notice (info)


@dataclass(frozen=True, slots=True)
class RuleInfo:
    code: str
    severity: Severity
    summary: str

    @property
    def silenceable(self) -> bool:
        return self.code not in UNSILENCEABLE


UNSILENCEABLE: Final = frozenset({"SV001", "SV005", "SV007", "SV051", "SV090"})

_TABLE = (
    ("SV001", E, "Front matter saknas eller YAML kan inte läsas"),
    ("SV002", E, "Okänt fält (närmaste kända fält föreslås)"),
    ("SV003", E, "Obligatoriskt fält saknas för typ och status"),
    ("SV004", E, "Fel värde: typ, format, tillåtna värden, mönster eller omöjligt datum"),
    ("SV005", E, "Samma id används i flera filer"),
    ("SV006", W, "Filnamnet börjar inte med dokumentets id"),
    ("SV007", E, "Filen är inte giltig UTF-8"),
    ("SV010", E, "Hänvisning till ett dokument-id som inte finns"),
    ("SV011", E, "Hänvisning till en part som inte finns i samverkan.yaml"),
    ("SV012", E, "Hänvisning till en grupp som inte finns"),
    ("SV013", E, "Fel i dokumenthierarkin: överordnat dokument av fel typ"),
    ("SV014", E, "Cirkel i overordnad, ersatter/ersatt_av eller rapporterar_till"),
    ("SV015", E, "Status ersatt utan ersatt_av, eller ersatt_av och ersatter stämmer inte"),
    ("SV016", W, "Gällande dokument vilar på ett dokument som inte gäller"),
    ("SV020", E, "Datum i omöjlig ordning, t.ex. giltig_till före giltig_fran"),
    ("SV021", W, "Beslutat dokument vars giltig_till har passerat"),
    ("SV022", W, "Granskningen är försenad"),
    ("SV023", N, "Granskning eller slutdatum inom varna_dagar"),
    ("SV024", E, "Besluts-, underskrifts- eller granskningsdatum i framtiden"),
    ("SV030", E, "En part som ska skriva under saknar underskrift"),
    ("SV031", E, "Undertecknarens befattning är inte tillåten för typen och parten"),
    ("SV032", E, "Huvudöverenskommelse utan ställningstagande från varje kommun"),
    ("SV033", E, "Rutin, behandlingslinje eller projekt inte fastställd av tillåten grupp"),
    ("SV034", W, "Antal exemplar skiljer sig från antal parter eller original i forvaring"),
    ("SV035", W, "Svarstiden har gått ut och en part har inte tagit ställning"),
    ("SV036", E, "Underskrift före partens eget beslut, eller för en part som inte beslutat"),
    ("SV037", W, "Underskriftsordningen följdes inte"),
    (
        "SV038",
        W,
        "En part som avslagit, återremitterat eller bordlagt har skrivit under eller är kvar",
    ),
    ("SV039", N, "Svarstiden går ut inom varna_dagar och parter har inte tagit ställning"),
    ("SV040", E, "Ordförande och vice (eller sekreterare) från samma huvudman samma år"),
    ("SV041", W, "Ordförandeskapet växlade inte mellan huvudmännen"),
    ("SV042", W, "Nästa mandatårs ordförande saknas efter sista dag att utse"),
    ("SV043", W, "Färre möten än moten_minst under ett avslutat år eller en avslutad termin"),
    ("SV050", E, "SIP-mall saknar ett obligatoriskt avsnitt"),
    ("SV051", E, "Personnummer eller samordningsnummer i filen"),
    ("SV052", W, "Lagrum hänvisar till en upphävd eller ersatt lag"),
    ("SV053", E, "Markdown-länk till ett dokument eller en sökväg som inte finns"),
    ("SV090", E, "samverkan.yaml eller lagrum.yaml är ogiltig"),
)

CATALOG: Final = MappingProxyType(
    {code: RuleInfo(code, sev, summary) for code, sev, summary in _TABLE}
)


def severity(code: str) -> Severity:
    return CATALOG[code].severity
