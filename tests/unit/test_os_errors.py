"""A failed read or write is said in Swedish with the fix, by the error's number; a temporary
file of write_atomic is never named."""

from __future__ import annotations

import errno

import pytest

from samverkan_cli.cli.boundary import os_error_message


@pytest.mark.parametrize(
    ("number", "expected"),
    [
        (errno.EEXIST, "'ut/kalla' finns redan som en fil där det behövs en mapp. Flytta eller "
         "ta bort filen och försök igen."),
        (errno.EISDIR, "'ut/kalla' är en mapp där det behövs en fil. Flytta eller ta bort mappen "
         "och försök igen."),
        (errno.ENOTDIR, "En del av sökvägen 'ut/kalla' är en fil där det behövs en mapp. Flytta "
         "eller ta bort filen och försök igen."),
        (errno.EACCES, "Behörighet saknas för att läsa eller skriva 'ut/kalla'. Ändra "
         "rättigheterna, eller välj en annan plats."),
        (errno.EPERM, "Det är inte tillåtet att läsa eller skriva 'ut/kalla'. Ändra "
         "rättigheterna, eller välj en annan plats."),
        (errno.ENOSPC, "Disken är full: 'ut/kalla' kunde inte skrivas. Frigör utrymme och "
         "försök igen."),
        (errno.EROFS, "'ut/kalla' ligger i ett filsystem som bara går att läsa. Välj en annan "
         "plats."),
        (errno.ENOENT, "'ut/kalla' finns inte. Kontrollera sökvägen."),
        (errno.EIO, "Kan inte läsa eller skriva 'ut/kalla' (systemfelet EIO). Kontrollera filen "
         "och försök igen."),
    ],
)  # fmt: skip
def test_each_common_error_says_what_and_how_to_fix_it(number, expected):
    error = OSError(number, "English text from the system", "ut/kalla")
    assert os_error_message(error) == expected


@pytest.mark.parametrize(
    ("filename", "filename2", "shown"),
    [
        ("/s/ut/.index.html.neneeq7v.tmp", "/s/ut/index.html", "/s/ut/index.html"),
        ("/s/ut/.index.html.neneeq7v.tmp", None, "/s/ut/index.html"),
        (".a.b.c.k_1z9xyq.tmp", None, "a.b.c"),
        ("/s/ut/index.html", None, "/s/ut/index.html"),
        ("/s/ut/.dold.tmp", None, "/s/ut/.dold.tmp"),  # a file of the user's, not a temporary
    ],
)
def test_a_temporary_file_is_shown_as_the_file_it_becomes(filename, filename2, shown):
    error = OSError(errno.EISDIR, "Is a directory", filename, None, filename2)
    assert os_error_message(error).startswith(f"'{shown}' är en mapp")


def test_an_error_without_a_file_name_still_reads_well():
    assert os_error_message(OSError(errno.ENOSPC, "No space left on device")) == (
        "Disken är full: en fil eller mapp kunde inte skrivas. Frigör utrymme och försök igen."
    )
