"""No input makes the loader or validator raise: every problem is a finding with a place."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from helpers import CONFIG, base, front_matter, parse_document
from samverkan_cli.catalog import CATALOG
from samverkan_cli.lagrum import combine, parse_registry, shipped_text
from samverkan_cli.loading import yamlread
from samverkan_cli.loading.repository import Repository
from samverkan_cli.model.fields import Model
from samverkan_cli.validate import run

LAWS = combine(parse_registry(yamlread.load(shipped_text()).value), None)
PATH = "dokument/rutiner/RUT-0001-sip.md"


def _config():
    from samverkan_cli.config import Config

    return Config.model_validate(CONFIG)


def _check(repo_docs, today=date(2026, 6, 15)):
    repo = Repository(Path("/nonexistent-root"), _config(), LAWS, repo_docs)
    result = run(repo, today)
    for finding in result.diagnostics:
        assert finding.code in CATALOG
        assert finding.line >= 1 and (finding.column is None or finding.column >= 1)
        assert finding.message.strip()
    return result


def _baseline_documents():
    return [parse_document(p, front_matter(f).encode()) for p, f in base().items()]


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=400))
def test_arbitrary_bytes(data):
    _check([*_baseline_documents(), parse_document(PATH, data)])


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=300))
def test_arbitrary_front_matter_text(text):
    _check([*_baseline_documents(), parse_document(PATH, f"---\n{text}\n---\nbody\n".encode())])


_SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=True),
    st.text(max_size=20),
    st.sampled_from(
        [
            "2026-02-30",
            "2026-13-01",
            "11-31",
            "02-29",
            "RUT-0001",
            "bg",
            "upphävd",
            "möte",
            "19121212-1212",
            "[",
            "{",
            "*a",
            "&a",
            "!!python/name:os.system",
        ]
    ),
)
_VALUES = st.recursive(
    _SCALARS,
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=12,
)
_FIELDS = st.sampled_from(
    [
        "id",
        "typ",
        "titel",
        "status",
        "parter",
        "undertecknare",
        "stallningstaganden",
        "faststalld",
        "beslut",
        "giltig_fran",
        "giltig_till",
        "overordnad",
        "ersatter",
        "ersatt_av",
        "relaterade",
        "ordforandeskap",
        "ledamoter",
        "moten_minst",
        "ordforande_utses_senast",
        "bildad",
        "lagrum",
        "samverkan",
        "exemplar",
        "granskningsintervall",
        "nasta_granskning",
        "grupp",
        "datum",
        "rapporterar_till",
    ]
)


@settings(max_examples=300, deadline=None)
@given(
    target=st.sampled_from(sorted(base())),
    changes=st.dictionaries(_FIELDS, _VALUES, max_size=4),
    removed=st.lists(_FIELDS, max_size=3),
    today=st.dates(date(1990, 1, 1), date(2100, 12, 31)),
)
def test_mutated_documents(target, changes, removed, today):
    docs = base()
    for name in removed:
        docs[target].pop(name, None)
    docs[target].update(changes)
    documents = []
    for path, fields in docs.items():
        try:
            text = front_matter(fields)
        except (
            Exception
        ):  # PyYAML cannot dump every value hypothesis makes: not our reader's problem
            text = "---\nid: [\n---\n"
        documents.append(parse_document(path, text.encode()))
    _check(documents, today)


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet="abc:-[]{}&*!|>'\"\n #,?", max_size=80))
def test_yaml_reader_only_raises_its_own_error(text):
    try:
        yamlread.load(text)
    except yamlread.YamlError as error:
        assert error.position.line >= 1 and error.message


def test_models_forbid_unknown_fields():
    assert Model.model_config["extra"] == "forbid"
