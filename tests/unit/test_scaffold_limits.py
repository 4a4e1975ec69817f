"""A repository's template cannot exhaust memory or time: every operation that makes a value
much bigger than its inputs is refused before it runs, loops are counted and timed, and the
document is capped; each refusal is a Swedish user error naming the template and line."""

from __future__ import annotations

import re
import signal
import threading
import time

import pytest
from test_scaffold_templating import CONTEXT, NAME, fault, repository

from samverkan_cli.errors import UserError
from samverkan_cli.scaffold.limits import Limits, text_size
from samverkan_cli.scaffold.templating import render

WIDTH = "mallen begär en bredd på 1 000 000 000 tecken"
TOO_LONG = "som skulle bli omkring"

#: Each allocated gigabytes (MemoryError, exit 3) or ran for minutes before.
EXHAUSTING = [
    ('{{ ("x" * 100000) * 100000 }}', "mallen upprepar en text eller lista 100 000 gånger"),
    ("{{ (range(100000)|list) * 100000 }}", "mallen upprepar en text eller lista 100 000 gånger"),
    ('{{ "x"|center(1000000000) }}', f"{WIDTH} (i filtret center)"),
    ('{{ "{:>1000000000}".format("x") }}', f"{WIDTH} (i ett str.format-fält)"),
    ('{{ "{a:>1000000000}".format_map({"a": "x"}) }}', f"{WIDTH} (i ett str.format-fält)"),
    ('{{ "{:{}}".format("x", 1000000000) }}', f"{WIDTH} (i ett str.format-fält)"),
    ('{{ "{:>50000000}".format("x") }}', "mallen begär en bredd på 50 000 000 tecken"),
    ('{{ "%s" % (("x"*99999)*9999,) }}', "mallen upprepar en text eller lista 9 999 gånger"),
    ('{{ "%1000000000s" % "x" }}', f"{WIDTH} (i en %-formatering)"),
    ('{{ "%*s" % (1000000000, "x") }}', f"{WIDTH} (i en %-formatering)"),
    ('{{ "%s"|format("x"*1000) * 2000 }}', "mallen upprepar en text eller lista 2 000 gånger"),
    (
        '{{ ("%s" * 1000)|format(*(["x"*1000]*1000)) }}',
        f"mallen ger filtret format en text {TOO_LONG}",
    ),
    ('{{ "x".ljust(1000000000) }}', f"{WIDTH} (i center, ljust, rjust eller zfill)"),
    ('{{ "x".rjust(1000000000) }}', WIDTH),
    ('{{ "x".center(1000000000) }}', WIDTH),
    ('{{ "x".zfill(1000000000) }}', WIDTH),
    (
        '{{ ("\t"*1000).expandtabs(1000000) }}',
        f"mallen byter tabbar mot mellanslag i en text {TOO_LONG}",
    ),
    ('{{ ("x"*1000).replace("x", "y"*10000) }}', f"mallen ersätter text i en text {TOO_LONG}"),
    ('{{ ("x"*1000)|replace("x", "y"*10000) }}', "mallen ersätter text (med replace)"),
    ('{{ ("y"*1000000).join(["a"]*1000) }}', "mallen sätter ihop (med join) en text"),
    ('{{ (["y"*100]*1000)|join("z"*1000) }}', "mallen sätter ihop (med join) en text"),
    ('{{ ("x" * 1000).translate({120: "y" * 10000}) }}', "mallen byter tecken (med translate)"),
    ('{{ ("x\\n"*10000)|indent(1000) }}', "mallen drar in (med indent) en text"),
    ('{{ ("x "*100000)|wordwrap(1, wrapstring="y"*100) }}', "mallen radbryter (med wordwrap)"),
    ('{{ [1]|batch(1000000000, "x")|list }}', "mallen fyller ut (med batch) en lista"),
    ("{{ [1]|slice(1000000000)|list }}", "mallen delar (med slice) en lista i delar"),
    ("{{ [1]|tojson(indent=1000000000) }}", f"{WIDTH} (i filtret tojson)"),
    ("{{ lipsum(100000000) }}", "mallen skriver platshållartext (lipsum)"),
    ("{{ 10**999 * 10**999 * 10**999 * 10**999 * 10**999 }}", "mallen räknar ut ett för stort tal"),
    ("{{ (10 ** 999) ** 999 }}", "mallen räknar ut ett för stort tal"),
    (
        '{% set ns = namespace(s="x") %}{% for i in range(40) %}{% set ns.s = ns.s ~ ns.s %}'
        "{% endfor %}",
        "mallen sätter ihop en text (med ~, ett makro eller ett block)",
    ),
    (
        '{% set ns = namespace(s=["x"]) %}{% for i in range(40) %}{% set ns.s = ns.s + ns.s %}'
        "{% endfor %}",
        "mallen sätter ihop en text eller lista",
    ),
    (
        '{% macro f(s, n) %}{% if n %}{{ f(s ~ s, n - 1) }}{% endif %}{% endmacro %}{{ f("x", 40) }}',
        "mallen sätter ihop en text (med ~",
    ),
    ('{% set big = ["x"*1000000]*1000000 %}{{ big }}', "mallen ger ett dokument som är större"),
    ('{% set big = ["x"*1000000]*1000000 %}{{ big|upper }}', "mallen ger filtret upper en text"),
    (
        '{% set big = ["x"*1000000]*1000000 %}{{ big|sum(start=[]) }}',
        "mallen lägger ihop (med sum)",
    ),
    ('{% set big = ["x"*1000000]*1000000 %}{{ "%s" % (big,) }}', "mallen formaterar en text med %"),
    (
        '{% set big = ["x"*1000000]*1000000 %}{{ "{!r}".format(big) }}',
        "mallen formaterar (med format)",
    ),
    ('{% set big = ["x"*1000000]*1000000 %}{{ big|string|length }}', "mallen ger filtret string"),
    (
        "{% macro m() %}{% for i in range(2000) %}" + "x" * 1000 + "{% endfor %}{% endmacro %}"
        "{{ m()|length }}",
        "mallen sätter ihop en text (med ~, ett makro eller ett block)",
    ),
    (
        '{% macro m() %}{% for i in range(100000) %}{{ "x"*1000 }}{% endfor %}{% endmacro %}'
        "{{ m()|length }}",
        "mallen skriver ut mer än 10 MB text",
    ),
    (
        '{% set x %}{% for i in range(1000) %}{{ "x"*900000 }}{% endfor %}{% endset %}{{ x|length }}',
        "mallen skriver ut mer än 10 MB text (räknat med det som skrivs i makron och block)",
    ),
    (
        '{% for i in range(100000) %}{{ "x"*100 }}{% endfor %}',
        "mallen ger ett dokument som är större än 1 MB",
    ),
    ("{{ range(1000000000)|list }}", "mallen gör en range() med 1 000 000 000 tal; högst 100 000"),
]


@pytest.mark.parametrize(("template", "expected"), EXHAUSTING)
def test_a_template_that_would_exhaust_memory_is_refused_before(tmp_path, template, expected):
    started = time.monotonic()
    message = fault(repository(tmp_path, "---\n" + template))
    assert message.startswith(f"{NAME}:2: {expected}") or message.startswith(f"{NAME}: {expected}")
    assert time.monotonic() - started < 4  # refused before, not after the work


def test_a_loop_of_ten_billion_steps_stops_at_the_count(tmp_path):
    nested = "{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}"
    root = repository(tmp_path, nested)
    with pytest.raises(UserError) as caught:
        render(root, "riktlinje", CONTEXT, Limits(steps=100_000, seconds=None))
    assert str(caught.value) == (
        f"{NAME}:1: mallen tar för lång tid att fylla i: dess loopar och anrop går över 100 000 "
        "steg. Minska looparna, t.ex. nästlade {% for %} över stora range()."
    )


def test_the_deadline_stops_a_long_loop_and_restores_handler_and_timer(tmp_path):
    root = repository(tmp_path, "a\n{% for i in range(100000) %}\n{% for j in range(100000) %}"
                      "{% endfor %}{% endfor %}")  # fmt: skip
    handler = signal.getsignal(signal.SIGALRM)
    signal.setitimer(signal.ITIMER_REAL, 100)  # the caller's own timer
    try:
        started = time.monotonic()
        with pytest.raises(UserError) as caught:
            render(root, "riktlinje", CONTEXT, Limits(steps=10**12, seconds=0.3))
        assert time.monotonic() - started < 5
        left, _interval = signal.getitimer(signal.ITIMER_REAL)
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
    assert str(caught.value) == (
        f"{NAME}:3: mallen tar för lång tid att fylla i (mer än 0,3 sekunder). Minska looparna, "
        "t.ex. nästlade {% for %} över stora range()."
    )
    assert signal.getsignal(signal.SIGALRM) is handler
    assert 90 < left <= 100


def test_outside_the_main_thread_the_count_of_steps_bounds_the_time(tmp_path):
    root = repository(tmp_path, "{% for i in range(100000) %}{% for j in range(100000) %}"
                      "{% endfor %}{% endfor %}")  # fmt: skip
    found: list[str] = []

    def worker() -> None:
        try:
            render(root, "riktlinje", CONTEXT, Limits(steps=50_000))
        except UserError as error:
            found.append(str(error))

    thread = threading.Thread(target=worker)
    thread.start()
    thread.join(30)
    assert not thread.is_alive()
    assert found and "går över 50 000 steg" in found[0]


def test_the_rendered_document_is_capped(tmp_path):
    root = repository(tmp_path, '{{ "x" * 600000 }}\n{{ "y" * 600000 }}')
    assert fault(root) == (
        f"{NAME}: mallen ger ett dokument som är större än 1 MB; ett dokument från en mall ska "
        "vara en kort början. Korta mallen."
    )
    # in bytes: 400,000 characters of three bytes each
    assert "större än 1 MB" in fault(repository(tmp_path, '{{ "€" * 400000 }}'))


class _Exhausting:
    def __str__(self) -> str:
        raise MemoryError


def test_memory_running_out_is_a_swedish_user_error(tmp_path):
    root = repository(tmp_path, "a\n{{ boom }}")
    with pytest.raises(UserError) as caught:
        render(root, "riktlinje", {**CONTEXT, "boom": _Exhausting()})
    assert str(caught.value) == (
        f"{NAME}:2: mallen bygger upp mer text eller fler listor än minnet rymmer. Korta mallen: "
        "minska upprepningar och loopar."
    )


def test_a_number_python_will_not_print_is_a_swedish_user_error(tmp_path):
    root = repository(tmp_path, "{{ stort }}")
    with pytest.raises(UserError) as caught:
        render(root, "riktlinje", {**CONTEXT, "stort": 10**5000})
    assert str(caught.value) == (
        f"{NAME}:1: mallen gick inte att fylla i: den gör om ett tal med fler än 4 300 siffror "
        "till text, eller tvärtom. Rätta mallen."
    )


#: Faults whose messages mixed in Jinja's or Python's English.
ENGLISH = [
    ("{{ cycler.__init__ }}", "('__init__' på ett värde av typen type)"),
    ("{{ parter.append(1) }}", "('append' på en lista)"),
    ("{{ okand }}", "('okand' finns inte)"),
    ("{{ titel.saknas }}", "(en text har ingen egenskap 'saknas')"),
    ("{{ []|first }}", "(listan är tom och har inget första element)"),
    ("{{ 1 / 0 }}", "den delar med noll"),
    ("{{ titel + 1 }}", "den använder ett värde av fel slag"),
    ("{{ (10 ** 999) * (10 ** 999) * 10 ** 999 * 10 ** 999 * 10 ** 999 }}", "för stort tal"),
    ("{{ x | finns_inte }}", "(filtret 'finns_inte' finns inte)"),
    ("{% if 1 is finns_inte %}{% endif %}", "(testet 'finns_inte' finns inte)"),
    ("{% for x in parter %}", "blocket 'for' är avslutat: lägg till {% endfor %}"),
    ("{% bogus %}", "taggen 'bogus' finns inte"),
    ("{{ 1 + }}", "('}}' står på fel plats)"),
    ("{% if %}{% endif %}", "(här saknas ett uttryck: det står %})"),
    ("{{ titel ) }}", "')' står på fel plats"),
    ("{% if x %}{% endfor %}", "taggen 'endfor' finns inte eller står på fel plats"),
    ("{{ titel }", "mallen har ett syntaxfel"),
]
_ENGLISH_WORDS = re.compile(
    r"\b(is|undefined|unsafe|attribute|object|Exceeds|limit|digits|Error|expected|got|"
    r"unexpected|Encountered|unknown|tag|division|by|zero|named|No|the|of)\b"
)


@pytest.mark.parametrize(("template", "gist"), ENGLISH)
def test_template_messages_are_swedish(tmp_path, template, gist):
    message = fault(repository(tmp_path, template))
    assert gist in message
    assert _ENGLISH_WORDS.findall(message.replace(NAME, "")) == []


def test_ordinary_templates_still_render(tmp_path):
    root = repository(
        tmp_path,
        "{{ titel|tojson(indent=2) }} {{ parter|join(', ') }} [{{ titel|center(9) }}] "
        '{{ "%s-%d" % (titel, 3) }} {{ "{:>7}".format(titel) }} {{ titel|wordwrap(3) }} '
        "{% for p in parter %}{{ loop.index }}{{ p|upper }}{% endfor %} "
        '{{ ", ".join(parter|map("upper")) }} {{ parter|map("upper")|join("+") }} '
        '{{ "%(a)s%(a)s" % {"a": "x"} }}{{ "{a}".format_map({"a": 1}) }} '
        "{{ (parter * 2)|length }} {{ 'ab' ~ 'cd' }} {{ 2 ** 10 }} {{ 'x' * 3 }} "
        "{{ titel|indent(2) }} {{ titel|replace('T', 't') }} {{ [[1], [2]]|sum(start=[]) }} "
        "{{ [1, 2, 3]|batch(2, 0)|list }} {{ [1, 2, 3]|slice(2)|list }} {{ lipsum(1, false, 3, 4) | length > 0 }}",
    )
    assert render(root, "riktlinje", CONTEXT) == (
        '"Titel" a, b [  Titel  ] Titel-3   Titel Tit\nel 1A2B A, B A+B xx1 4 abcd 1024 xxx '
        "Titel titel [1, 2] [[1, 2], [3, 0]] [[1, 2], [3]] True\n"
    )


def test_text_size_counts_shared_references_without_printing_them():
    big = ["x" * 1_000_000] * 1_000_000
    assert text_size(big, 1_000) > 1_000
    assert text_size({"a": [1, 2, "bc"]}, 1_000) >= len(str({"a": [1, 2, "bc"]})) - 5
    nested: list[object] = [[[[1]]]]
    assert text_size(nested, 10_000, indent=4) > text_size(nested, 10_000)
