"""A repository's templates (mallar/*.j2) are input, not code: sandboxed, and faults are user
errors that name the file and line."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from samverkan_cli.errors import UserError
from samverkan_cli.scaffold.limits import Limits
from samverkan_cli.scaffold.templating import MAX_TEMPLATE_BYTES, render

CONTEXT = {
    "id": "RIK-0001",
    "typ": "riktlinje",
    "titel": "Titel",
    "parter": ["a", "b"],
    "party_names": {"a": "A kommun"},
    "party_types": {"a": "kommun"},
    "overordnad": None,
    "grupp": None,
    "group_name": None,
    "datum": "2026-01-01",
    "today": "2026-01-01",
    "ar": 2026,
    "malgrupp": "Vuxna",
    "sip_headings": ["Behov"],
}
NAME = "mallar/riktlinje.md.j2"


def repository(root: Path, template: str | bytes | None = None, name: str = NAME) -> Path:
    (root / "mallar").mkdir(parents=True, exist_ok=True)
    if isinstance(template, str):
        (root / name).write_text(template, encoding="utf-8")
    elif isinstance(template, bytes):
        (root / name).write_bytes(template)
    return root


def fault(root: Path) -> str:
    with pytest.raises(UserError) as caught:
        render(root, "riktlinje", CONTEXT)
    return str(caught.value)


ESCAPES = [
    "{{ cycler.__init__.__globals__.os.popen('touch MARKER').read() }}",
    "{{ joiner.__init__.__globals__.os.system('touch MARKER') }}",
    "{{ lipsum.__globals__['os'].popen('touch MARKER') }}",
    "{{ ''.__class__.__mro__[1].__subclasses__() }}{{ 'touch MARKER' }}",
    "{{ namespace.__init__.__globals__.os.system('touch MARKER') }}",
    "{{ self._TemplateReference__context.cycler.__init__.__globals__.os.system('touch MARKER') }}",
    "{{ (titel|attr('__class__')).__mro__ }}{{ 'touch MARKER' }}",
    "{{ party_names.update({'x': 'touch MARKER'}) }}",
    "{% set x = parter.append('touch MARKER') %}",
]


@pytest.mark.parametrize("payload", ESCAPES)
def test_a_template_cannot_run_code_or_mutate(tmp_path, payload):
    marker = tmp_path / "pwned"
    root = repository(
        tmp_path / "lan", "---\nid: {{ id }}\n" + payload.replace("MARKER", str(marker)) + "\n---\n"
    )
    message = fault(root)
    assert message.startswith(f"{NAME}:3: mallen ")
    assert not marker.exists()
    assert CONTEXT["parter"] == ["a", "b"] and "x" not in CONTEXT["party_names"]


@pytest.mark.parametrize(
    ("template", "expected"),
    [
        ("a\n{% if %}\n", f"{NAME}:2: mallen har ett syntaxfel ("),
        ("a\nb\n{{ okand }}\n", f"{NAME}:3: mallen använder ett värde som inte finns ('okand'"),
        ("{{ titel.saknas }}", f"{NAME}:1: mallen använder ett värde som inte finns ("),
        ('{% include "finns-inte.j2" %}', f"{NAME}:1: mallen tar med 'finns-inte.j2', som inte"),
        ('x\n{% include "../../etc/passwd" %}', f"{NAME}:2: mallen tar med '../../etc/passwd'"),
        ("{{ 9 ** 99999999 }}", f"{NAME}:1: mallen räknar ut en för stor potens"),
        ("{{ 'a' * 1000000000 }}", f"{NAME}:1: mallen upprepar en text eller lista"),
        ("{{ 1 / 0 }}", f"{NAME}:1: mallen gick inte att fylla i: den delar med noll. Rätta"),
        ("{{ range(10**9) | list }}", f"{NAME}:1: mallen gör en range() med 1 000 000 000 tal;"),
        ("{% macro f() %}{{ f() }}{% endmacro %}{{ f() }}", f"{NAME}:1: mallen gick inte att"),
    ],
)
def test_template_faults_are_user_errors_with_file_and_line(tmp_path, template, expected):
    assert fault(repository(tmp_path, template)).startswith(expected)


def test_a_fault_in_an_included_repository_template_names_that_file(tmp_path):
    root = repository(tmp_path, '{% include "_del.j2" %}')
    (root / "mallar" / "_del.j2").write_text("ok\n\n{{ okand }}\n", encoding="utf-8")
    assert fault(root).startswith("mallar/_del.j2:3: mallen använder ett värde som inte finns")


def test_bad_bytes_name_the_line(tmp_path):
    message = fault(repository(tmp_path, b"---\nid: {{ id }}\ntitel: \xff\xfe\n"))
    assert message == (f"{NAME}:3: mallen är inte giltig UTF-8 (byten 0xff). Spara den som UTF-8.")


def test_a_symlink_out_of_the_repository_is_refused(tmp_path):
    outside = tmp_path / "hemlig.txt"
    outside.write_text("HEMLIGT {{ id }}", encoding="utf-8")
    root = repository(tmp_path / "lan")
    (root / NAME).symlink_to(outside)
    message = fault(root)
    assert message.startswith(f"{NAME}: mallen pekar utanför dokumentarkivet")
    assert "HEMLIGT" not in message


def test_a_symlinked_template_folder_out_of_the_repository_is_refused(tmp_path):
    (tmp_path / "andra").mkdir()
    (tmp_path / "andra" / "riktlinje.md.j2").write_text("{{ id }}", encoding="utf-8")
    root = tmp_path / "lan"
    root.mkdir()
    (root / "mallar").symlink_to(tmp_path / "andra")
    assert "pekar utanför dokumentarkivet" in fault(root)


def test_a_symlink_inside_the_repository_is_followed(tmp_path):
    root = repository(tmp_path, "Egen {{ id }}", name="mallar/gemensam.j2")
    (root / NAME).symlink_to(root / "mallar" / "gemensam.j2")
    assert render(root, "riktlinje", CONTEXT) == "Egen RIK-0001\n"


def test_a_fifo_a_folder_and_a_huge_file_are_refused_without_reading(tmp_path):
    root = repository(tmp_path)
    os.mkfifo(root / NAME)  # reading it would block forever
    assert fault(root) == f"{NAME}: mallen är ingen vanlig fil. Lägg en textfil i mallar/."
    (root / NAME).unlink()
    (root / NAME).mkdir()
    assert "ingen vanlig fil" in fault(root)
    (root / NAME).rmdir()
    (root / NAME).write_bytes(b"x" * (MAX_TEMPLATE_BYTES + 1))
    assert fault(root) == f"{NAME}: mallen är större än 1 MB; korta den."


def test_a_dangling_symlink_is_named(tmp_path):
    root = repository(tmp_path / "lan")
    (root / NAME).symlink_to(root / "mallar" / "borta.j2")
    assert fault(root).startswith(f"{NAME}: mallen går inte att läsa (")


def test_a_repository_template_may_extend_and_filter_the_shipped_ones(tmp_path):
    root = repository(
        tmp_path,
        '{% extends "_dokument.md.j2" %}{% block body %}# {{ titel | upper }}'
        "{% for p in parter %} {{ party_names.get(p, p) }}{% endfor %}{% endblock %}",
    )
    text = render(root, "riktlinje", CONTEXT)
    assert text.startswith("---\nid: RIK-0001\n")
    assert text.endswith("# TITEL A kommun b\n")


def test_shipped_templates_render_in_the_sandbox(tmp_path):
    assert render(tmp_path, "riktlinje", CONTEXT).startswith("---\nid: RIK-0001\n")


FRAGMENTS = st.sampled_from(
    [
        "{{ id }}",
        "{{ titel | q }}",
        "{{ okand }}",
        "{{ cycler.__init__.__globals__ }}",
        "{{ lipsum.__globals__.os }}",
        "{{ ''.__class__ }}",
        "{{ titel.__class__.__base__.__subclasses__() }}",
        "{{ party_names.clear() }}",
        "{{ parter.pop() }}",
        "{{ range(100001) | list }}",
        "{{ 10 ** 10000 }}",
        "{{ 'x' * 10 ** 9 }}",
        "{{ [1] * 10 ** 9 }}",
        "{{ ('x' * 100000) * 100000 }}",
        "{{ 'x'|center(10 ** 9) }}",
        "{{ '{:>1000000000}'.format('x') }}",
        "{{ '%1000000000s' % 'x' }}",
        "{{ titel.ljust(10 ** 9) }}",
        "{{ titel|indent(10 ** 9) }}",
        "{{ titel|wordwrap(1, wrapstring='y' * 100000) }}",
        "{{ parter|batch(10 ** 9, 'x')|list }}",
        "{% set ns = namespace(s='x') %}",
        "{% for i in range(64) %}{% set ns.s = ns.s ~ ns.s %}{% endfor %}",
        "{% for i in range(100000) %}",
        "{{ lipsum(10 ** 9) }}",
        "{{ 1 // 0 }}",
        "{{ ar + 'x' }}",
        '{{ "%s" % titel }}',
        "{{ '{0.__class__}'.format(titel) }}",
        "{{ titel.format_map(party_names) }}",
        '{% include "../samverkan.yaml" %}',
        '{% include "/etc/passwd" %}',
        '{% extends "_dokument.md.j2" %}',
        '{% import "_dokument.md.j2" as d %}',
        "{% for p in parter %}{{ p }}{% endfor %}",
        "{% for p in parter %}",
        "{% endfor %}",
        "{% if %}",
        "{{",
        "}}",
        "{#",
        "{% raw %}",
        "{% set x = namespace(a=1) %}{% set x.a = 2 %}",
        "{{ self }}",
        "\n",
        "text",
        "\x00",
        "\x1b[31m",
    ]
)


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(pieces=st.lists(FRAGMENTS | st.text(max_size=8), max_size=8))
def test_any_repository_template_renders_or_is_a_user_error(tmp_path, pieces):
    marker = tmp_path / "pwned"
    root = repository(tmp_path / "lan", "".join(pieces))
    context = {**CONTEXT, "parter": ["a", "b"], "party_names": {"a": "A kommun"}}
    try:  # fewer steps than by default: a loop over a range of 100,000 is in the fragments
        text = render(root, "riktlinje", context, Limits(steps=300_000))
    except UserError as error:
        assert str(error).startswith("mallar/")
    else:
        assert isinstance(text, str) and len(text.encode()) <= 1_000_000
    assert not marker.exists()
    assert context["parter"] == ["a", "b"] and context["party_names"] == {"a": "A kommun"}
