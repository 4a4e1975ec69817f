"""Each domain fact has one home: the Literals, schema enums and status groups agree with it."""

from __future__ import annotations

from typing import get_args

import pytest

from samverkan_cli.model import fields, requirements, vocabulary


def literal_values(annotated: object) -> tuple[str, ...]:
    inner = get_args(annotated)[0] if get_args(annotated) else annotated
    return get_args(inner)


@pytest.mark.parametrize(
    ("literal", "labels"),
    [
        (fields.Status, vocabulary.STATUS),
        (fields.PartyTyp, vocabulary.PARTY_TYP),
        (fields.Niva, vocabulary.NIVA),
        (fields.Roll, vocabulary.ROLL),
        (fields.Projektstatus, vocabulary.PROJEKTSTATUS),
        (fields.Aktivitetsstatus, vocabulary.AKTIVITETSSTATUS),
        (fields.Handling, vocabulary.HANDLING),
        (fields.Per, vocabulary.PER),
        (fields.Mandat, vocabulary.MANDAT),
        (fields.Utfall, vocabulary.UTFALL),
        (fields.Exemplar, vocabulary.EXEMPLAR),
    ],
    ids=[
        "status",
        "partstyp",
        "niva",
        "roll",
        "projektstatus",
        "aktivitetsstatus",
        "handling",
        "per",
        "mandat",
        "utfall",
        "exemplar",
    ],
)
def test_every_literal_is_its_vocabulary(literal, labels):
    assert literal_values(literal) == tuple(labels)


def test_document_types():
    from samverkan_cli.model.documents import MODELS

    assert set(MODELS) == set(vocabulary.TYP)
    assert set(vocabulary.PREFIX) == set(vocabulary.TYP) - {"grupp", "mote"}
    assert set(vocabulary.AGREEMENTS) <= set(vocabulary.PREFIX)
    assert len(set(vocabulary.PREFIX.values())) == len(vocabulary.PREFIX)


def test_status_groups_come_from_the_table():
    kinds = vocabulary.STATUSES
    assert vocabulary.DRAFT_STATUSES == ("utkast", "remiss")
    assert vocabulary.DECIDED_STATUSES == ("beslutad", "upphavd", "ersatt")
    assert set(vocabulary.UNDECIDED_OUTCOMES) < set(vocabulary.UTFALL)
    assert vocabulary.ENDED_STATUSES == ("upphavd", "ersatt")
    assert not any(k.draft and k.decided for k in kinds.values())
    assert all(k.decided for k in kinds.values() if k.ended)


def test_swedish_spellings_fold_to_their_keys():
    every_key = {
        key
        for labels in (vocabulary.TYP, vocabulary.STATUS, vocabulary.PARTY_TYP, vocabulary.NIVA,
                       vocabulary.ROLL, vocabulary.PROJEKTSTATUS, vocabulary.HANDLING,
                       vocabulary.PER, vocabulary.UTFALL, vocabulary.EXEMPLAR,
                       vocabulary.AKTIVITETSSTATUS)
        for key in labels
    }  # fmt: skip
    for key, spelled in vocabulary.SPELLED.items():
        assert key in every_key and vocabulary.fold(spelled) == key


def test_requirements_name_known_types_and_fields():
    from samverkan_cli.model.doctypes import BUILTIN
    from samverkan_cli.model.documents import MODELS

    for typ, names in requirements.ALWAYS.items():
        assert typ in vocabulary.TYP
        assert set(names) <= set(MODELS[typ].model_fields), typ
    for typ in BUILTIN.documents():
        decided = requirements.when_decided(BUILTIN.get(typ))
        assert set(decided) <= set(MODELS[typ].model_fields), typ


def test_builtin_routes_are_contract_1s_and_projekt_may_be_decided_by_a_board():
    from samverkan_cli.model.doctypes import BUILTIN

    assert requirements.when_decided(BUILTIN.get("rutin"))[-1] == "faststalld"
    assert "faststalld" not in requirements.when_decided(BUILTIN.get("projekt"))
    assert BUILTIN.get("projekt").routes == ("faststalld", "beslut")
    assert requirements.when_decided(BUILTIN.get("avtal"))[-1] == "undertecknare"
    assert BUILTIN.agreements() == vocabulary.AGREEMENTS


def test_a_meeting_is_neuter():
    from samverkan_cli.model.vocabulary import a_new

    assert a_new("mote") == "ett nytt möte"
    assert a_new("rutin") == "en ny rutin"
