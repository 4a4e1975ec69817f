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
    #: What to do about a finding, for every finding of the code (SARIF's `help`; each
    #: finding's own message says it for its case).
    help: str

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
    ("SV025", W, "En aktivitet i en handlingsplan är inte klar efter sitt klart-datum"),
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
    ("SV044", W, "Ordförande eller sammankallande från en annan huvudman än i samma_huvudman_som"),
    ("SV045", W, "Dagordningen skickades ut senare än dagordning_dagar_fore före mötet"),
    ("SV046", W, "Möte eller ordförandeskap efter att gruppen har upphört"),
    ("SV050", E, "SIP-mall saknar ett obligatoriskt avsnitt"),
    ("SV051", E, "Personnummer eller samordningsnummer i filen"),
    ("SV052", W, "Lagrum hänvisar till en upphävd eller ersatt lag"),
    ("SV053", E, "Markdown-länk till ett dokument eller en sökväg som inte finns"),
    ("SV054", N, "Lagrum nämner ett SFS- eller föreskriftsnummer som registret inte känner till"),
    ("SV056", W, "Länkad bilaga kan inte publiceras: över 25 MB, fel format eller utanför arkivet"),
    ("SV060", W, "Inget gällande dokument uppfyller ett lagkrav"),
    ("SV061", E, "lagkrav nämner ett krav som inte finns i samverkan.yaml"),
    ("SV062", E, "Avvikelsefil: fel format, fel period eller antal, okänt dokument eller part"),
    ("SV090", E, "samverkan.yaml eller lagrum.yaml är ogiltig"),
    ("SV091", W, "Tillgänglighetsredogörelsen saknar kontaktväg eller motsäger sig själv"),
)

_HELP: Final = {
    "SV001": "Börja filen med en rad ---, skriv fälten som 'namn: värde' och avsluta med ---. "
    "Meddelandet pekar på raden där YAML inte kan läsas.",
    "SV002": "Rätta stavningen till det föreslagna fältet, eller ta bort fältet. Vilka fält en "
    "typ har står i README och i arkivets JSON Schema (schemas/).",
    "SV003": "Lägg till fältet. Vilka fält som krävs beror på typ och status; samverkan new TYP "
    "skapar en fil med alla.",
    "SV004": "Skriv värdet i den form meddelandet anger: datum som ÅÅÅÅ-MM-DD, ett av de "
    "tillåtna orden, ett id efter sitt mönster.",
    "SV005": "Ge det ena dokumentet ett nytt id (samverkan new visar nästa lediga) och byt "
    "namn på filen efter det.",
    "SV006": "Byt namn på filen så att den börjar med dokumentets id, t.ex. RUT-0001-sip.md.",
    "SV007": "Spara filen som UTF-8 (i de flesta redigerare: Spara som, kodning UTF-8).",
    "SV010": "Rätta id:t, eller lägg till dokumentet det hänvisar till.",
    "SV011": "Använd en av partsnycklarna i samverkan.yaml, eller lägg till parten där.",
    "SV012": "Använd id:t för en grupp under grupper/, eller lägg till gruppen.",
    "SV013": "Hänvisa med overordnad till ett dokument av en typ som får stå över denna "
    "(t.ex. en rutin under en överenskommelse).",
    "SV014": "Bryt cirkeln: ett dokument kan inte vila på, ersätta eller rapportera till sig "
    "självt, varken direkt eller genom andra.",
    "SV015": "Ange ersatt_av på dokumentet som ersatts och ersatter på det nya, så att de "
    "pekar på varandra.",
    "SV016": "Revidera dokumentet så att det vilar på ett gällande dokument, eller upphäv det.",
    "SV020": "Rätta datumen så att de kommer i rätt ordning, t.ex. giltig_fran före giltig_till.",
    "SV021": "Förläng dokumentet (nytt giltig_till eller forlangning), ersätt det eller sätt "
    "status upphavd.",
    "SV022": "Granska dokumentet och skriv datumet i senast_granskad.",
    "SV023": "Planera granskningen eller förlängningen; fyndet är bara en påminnelse.",
    "SV024": "Rätta datumet: ett beslut, en underskrift eller en granskning kan inte ligga i "
    "framtiden.",
    "SV025": "Gör aktiviteten och sätt status: klar, sätt status: installd med en kommentar om "
    "varför, eller flytta klart till det nya datumet.",
    "SV030": "Lägg till partens underskrift under undertecknare (part, namn, befattning, datum), "
    "eller en underskrift med for: som gäller för parten.",
    "SV031": "Rätta befattningen, eller lägg till den under undertecknare i samverkan.yaml om "
    "delegationsordningen tillåter den.",
    "SV032": "Skriv in kommunens beslut under stallningstaganden (part, instans, datum).",
    "SV033": "Ange faststalld: {av: GRUPP, datum: …} med en grupp som får fastställa typen "
    "(faststallare i samverkan.yaml).",
    "SV034": "Rätta exemplar så att antalet stämmer med parterna, och ange var originalen "
    "förvaras (forvaring).",
    "SV035": "Påminn parten, eller skriv in beslutet under stallningstaganden när det kommit.",
    "SV036": "Kontrollera datumen: en part skriver under efter sitt eget beslut, och bara för "
    "parter som har antagit dokumentet.",
    "SV037": "Kontrollera underskrifterna mot underskriftsordningen i antagande.",
    "SV038": "Ta bort partens underskrift eller parten, eller skriv in ett nytt beslut om parten "
    "antar dokumentet senare.",
    "SV039": "Påminn parterna i tid; fyndet är bara en påminnelse.",
    "SV040": "Välj ordförande och vice (eller sekreterare) från olika huvudmän.",
    "SV041": "Låt ordförandeskapet växla mellan huvudmännen, som arbetsordningen säger.",
    "SV042": "Utse nästa års ordförande och skriv in raden under ordforandeskap (ar, "
    "ordforande, vice, utsedd).",
    "SV043": "Lägg till protokollen eller minnesanteckningarna under moten/, eller ändra "
    "moten_minst om arbetsordningen har ändrats.",
    "SV044": "Välj ordförande eller sammankallande från den huvudman som leder gruppen som "
    "samma_huvudman_som pekar på samma år, eller ta bort samma_huvudman_som.",
    "SV045": "Skicka ut dagordningen minst dagordning_dagar_fore dagar före mötet, eller rätta "
    "utskickad om datumet är fel.",
    "SV046": "Flytta mötet till den grupp som tog över uppdraget och ta bort ordförandeskap för "
    "år efter slutet, eller ändra gruppens giltig_till eller status om den finns kvar.",
    "SV050": "Lägg till avsnittet med den rubrik som mallen kräver.",
    "SV051": "Ta bort numret ur filen, och ur git-historiken om det redan är incheckat. "
    "Personuppgifter hör inte hemma i styrdokument.",
    "SV052": "Hänvisa till den lag som gäller nu; lagrumsregistret visar vad som ersatt den.",
    "SV053": "Rätta länken så att den pekar på ett dokument-id eller en fil som finns.",
    "SV054": "Kontrollera numret. Stämmer det, lägg till författningen (namn, och gärna kort och "
    "kalla) i arkivets lagrum.yaml, så känns den igen.",
    "SV060": "Besluta den överenskommelse som lagen kräver och ange lagkrav: [NYCKEL] i den, "
    "eller ange nyckeln i den gällande överenskommelse som redan uppfyller kravet.",
    "SV061": "Använd en av nycklarna under lagkrav i samverkan.yaml, eller lägg till kravet där.",
    "SV056": "Gör bilagan mindre än 25 MB (eller spara den i det format filnamnet anger), "
    "eller länka till adressen där den redan är publicerad. Tills dess visas länken som "
    "vanlig text på webbplatsen.",
    "SV062": "Rätta raden i avvikelsefilen där meddelandet pekar: rubrikraden "
    "period;dokument;antal (och eventuellt part och kategori), perioden som ÅÅÅÅ-MM, ÅÅÅÅ-Qn "
    "eller ÅÅÅÅ, ett befintligt dokument-id, en parts nyckel och ett antal som är ett heltal "
    "0 eller större. Filen ska vara UTF-8.",
    "SV090": "Rätta samverkan.yaml eller lagrum.yaml där meddelandet pekar.",
    "SV091": "Ange webbplats: tillganglighet: kontakt: i samverkan.yaml, och låt efterlevnad "
    "stämma med bristerna som listas.",
}

CATALOG: Final = MappingProxyType(
    {code: RuleInfo(code, sev, summary, _HELP[code]) for code, sev, summary in _TABLE}
)


def severity(code: str) -> Severity:
    return CATALOG[code].severity
