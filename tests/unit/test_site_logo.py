"""An SVG logo is published as drawing only: no script, no handler, no outside reference."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from leaks import scripts_in
from samverkan_cli.site.logo import is_image, problem, publishable, safe_svg

SVG = 'xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink"'
DRAWING = f'<svg {SVG} viewBox="0 0 10 10"><title>Logga</title><rect width="10" height="10" fill="#036"/><text x="1" y="8">Län</text></svg>'


def test_a_plain_drawing_is_kept():
    out = safe_svg(DRAWING.encode())
    assert out is not None
    text = out.decode()
    for part in ('viewBox="0 0 10 10"', "<title>Logga</title>", 'fill="#036"', ">Län</text>"):
        assert part in text


@pytest.mark.parametrize(
    "svg",
    [
        f"<svg {SVG}><script>alert(1)</script></svg>",
        f'<svg {SVG} onload="alert(1)"><rect/></svg>',
        f'<svg {SVG}><a xlink:href="javascript:alert(1)"><rect/></a></svg>',
        f'<svg {SVG}><use href="https://example.org/x.svg#a"/></svg>',
        f'<svg {SVG}><rect style="fill:url(https://example.org/t)"/></svg>',
        f'<svg {SVG}><foreignObject><body xmlns="http://www.w3.org/1999/xhtml"><script>alert(1)</script></body></foreignObject></svg>',
        f'<svg {SVG}><image href="https://example.org/spårning.png"/></svg>',
        f'<svg {SVG}><animate attributeName="href" to="javascript:alert(1)"/></svg>',
        f'<svg {SVG}><set attributeName="onclick" to="alert(1)"/></svg>',
    ],
)
def test_active_parts_are_removed(svg):
    out = safe_svg(svg.encode())
    assert out is not None
    text = out.decode()
    assert scripts_in(text) == []
    for word in ("script", "javascript", "example.org", "onload", "foreignObject", "animate"):
        assert word not in text


@pytest.mark.parametrize(
    "data",
    [
        b'<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY a "aaaa">]><svg xmlns="http://www.w3.org/2000/svg">&a;</svg>',
        b"<svg",
        b'<html xmlns="http://www.w3.org/1999/xhtml"><script>alert(1)</script></html>',
        b"\xff\xfe",
    ],
)
def test_what_cannot_be_made_safe_is_left_out(data):
    assert safe_svg(data) is None


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "<script>x</script>",
                '<rect onclick="x"/>',
                '<a href="javascript:x"><g/></a>',
                '<use xlink:href="http://e.org/#x"/>',
                '<g style="background:url(javascript:x)"/>',
                '<circle r="1"/>',
                "<text>å</text>",
            ]
        ),
        max_size=8,
    )
)
def test_no_combination_leaves_anything_active(parts):
    out = safe_svg(f"<svg {SVG}>{''.join(parts)}</svg>".encode())
    assert out is not None
    text = out.decode()
    assert scripts_in(text) == [] and "javascript" not in text and "e.org" not in text


PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"
JPEG = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00"


@pytest.mark.parametrize(
    ("data", "suffix", "expected"),
    [
        (PNG, ".png", True),
        (PNG, ".PNG", True),
        (JPEG, ".jpg", True),
        (JPEG, ".jpeg", True),
        (JPEG, ".JPG", True),
        (PNG, ".jpg", False),
        (JPEG, ".png", False),
        (b"<html><script>alert(1)</script></html>", ".png", False),
        (b"<svg xmlns='http://www.w3.org/2000/svg'/>", ".jpg", False),
        (b"", ".png", False),
        (PNG[:7], ".png", False),
        (PNG, ".gif", False),
        (PNG, ".svg", False),
        (PNG, "", False),
    ],
)
def test_a_raster_logo_must_begin_as_its_format_does(data, suffix, expected):
    assert is_image(data, suffix) is expected


def test_what_is_published_of_a_logo():
    assert publishable(PNG, ".png") == PNG
    assert publishable(JPEG, ".jpeg") == JPEG
    assert publishable(b"<html></html>", ".png") is None
    assert publishable(DRAWING.encode(), ".svg") == safe_svg(DRAWING.encode())
    assert publishable(b"<not svg", ".svg") is None
    assert publishable(PNG, ".gif") is None


SETTING = "(webbplats.logo i samverkan.yaml)"


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("logo.png", PNG, None),
        ("bilder/logo.jpg", JPEG, None),
        ("logo.svg", DRAWING.encode(), None),
        (
            "logo.png",
            b"<html><script>alert(1)</script>",
            f"Logotypen 'logo.png' {SETTING} publiceras inte: filen är ingen PNG-bild (den börjar "
            "inte som en PNG-fil gör). Spara bilden som PNG, eller ge filen det filnamnstillägg "
            "som hör till dess format.",
        ),
        ("logo.jpeg", PNG, "filen är ingen JPEG-bild"),
        (
            "logo.gif",
            b"GIF89a",
            f"Logotypen 'logo.gif' {SETTING} publiceras inte: en logotyp ska vara en PNG-, JPEG- "
            "eller SVG-fil (.png, .jpg, .jpeg eller .svg).",
        ),
        ("logo.svg", b"<svg", "SVG-filen går inte att läsa som en ren bild"),
        (
            "saknas.png",
            None,
            f"Logotypen 'saknas.png' {SETTING} finns inte och publiceras inte. Rätta sökvägen "
            "eller lägg bilden där.",
        ),
        (
            "../utanfor.png",
            None,
            f"Logotypen '../utanfor.png' {SETTING} ligger utanför dokumentarkivet och publiceras "
            "inte. Lägg bilden i arkivet.",
        ),
    ],
)
def test_the_problem_with_a_logo_is_said_in_swedish(tmp_path, name, content, expected):
    root = tmp_path / "lan"
    root.mkdir()
    if content is not None:
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_bytes(content)
    found = problem(root, name)
    if expected is None:
        assert found is None
    else:
        assert found is not None and expected in found


def test_a_folder_or_a_link_out_named_as_a_logo_is_a_problem(tmp_path):
    root = tmp_path / "lan"
    (root / "mapp.png").mkdir(parents=True)
    assert "läses inte och publiceras inte" in (problem(root, "mapp.png") or "")
    (tmp_path / "hemlig.png").write_bytes(PNG)
    (root / "lank.png").symlink_to(tmp_path / "hemlig.png")
    assert "utanför dokumentarkivet" in (problem(root, "lank.png") or "")
    assert problem(root, None) is None and problem(root, "") is None
