"""pdf.engine: what Typst cannot display is replaced, and read from its error exactly."""

from __future__ import annotations

import pytest

from pdfread import Read
from samverkan_cli.pdf import engine

pytest.importorskip("typst")


def test_the_characters_are_read_from_typsts_error_with_its_escapes():
    diagnostic = (
        'error: PDF/UA-1 error: the text `"🙂"` could not be displayed with font `"X"`\n'
        'error: PDF/UA-1 error: the text `"\\u{200d}"` could not be displayed with font `"X"`\n'
        'error: PDF/UA-1 error: the text `"\\"\\\\"` could not be displayed with font `"X"`\n'
    )
    assert engine.undisplayable(diagnostic) == {"🙂", "\u200d", '"', "\\"}
    assert engine.undisplayable("error: unknown variable: x") == set()


def _data(value: str) -> dict[str, object]:
    return {
        "title": f"T {value}",
        "header": f"H {value}",
        "blocks": [
            {"t": "h", "level": 1, "c": [{"t": "text", "v": f"Rubrik {value}"}]},
            {"t": "p", "c": [{"t": "strong", "c": [{"t": "text", "v": f"fet {value}"}]}]},
            {"t": "code", "v": f"kod {value}"},
        ],
    }


def test_the_placeholder_prints_in_text_headings_and_code():
    made = engine.compile_pdf(_data(engine.PLACEHOLDER))
    assert made.replaced == ()
    assert Read.of(made.pdf).text().count(engine.PLACEHOLDER) >= 4


def test_an_emoji_sequence_becomes_placeholders_without_its_joiners():
    made = engine.compile_pdf(_data("👨\u200d👩\u200d👧 👍🏽 ❤\ufe0f"))
    assert made.replaced == ("👍", "👧", "👨", "👩")  # by code point
    text = Read.of(made.pdf).text()
    assert "Rubrik □□□ □ ❤" in text and "kod □□□ □" in text
    assert Read.of(made.pdf).info_title == "T 👨\u200d👩\u200d👧 👍🏽 ❤\ufe0f"  # metadata kept
    assert engine.compile_pdf(_data("👨\u200d👩\u200d👧 👍🏽 ❤\ufe0f")) == made


def test_a_panic_in_typst_is_a_swedish_error_not_a_traceback(monkeypatch):
    """pyo3's PanicException is a BaseException, which the error boundary lets through (as it
    must Ctrl-C); a worker could not even send it back (it does not pickle)."""
    import pickle

    import typst

    class PanicException(BaseException):  # as pyo3_runtime names it
        pass

    def panics(*_args: object, **_kwargs: object) -> bytes:
        raise PanicException("failed to spawn thread: Resource temporarily unavailable\nmore")

    monkeypatch.setattr(typst, "compile", panics)
    with pytest.raises(engine.PdfFailed) as raised:
        engine.compile_pdf(_data("Hej"))
    message = str(raised.value)
    assert "Typst avbröt (failed to spawn thread: Resource temporarily unavailable)" in message
    assert "för många processer eller för lite minne" in message
    assert str(pickle.loads(pickle.dumps(raised.value))) == message
