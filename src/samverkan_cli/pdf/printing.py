"""`samverkan pdf ID`: one document of a repository as a PDF, from the user's own files.

Printed locally, a document may be a draft or hidden (`publicera: false`): it is the user's
own file, and the PDF goes where they say. (`publish --pdf` never prints those: site.build
plans PDFs for the site's own pages only.) Its images are the attachments the site would
publish (attachments.content), and nothing else.
"""

from __future__ import annotations

from datetime import date

from samverkan_cli import attachments
from samverkan_cli.errors import SamverkanError, UserError
from samverkan_cli.fileio import RepositoryFiles
from samverkan_cli.loading.document import Document
from samverkan_cli.loading.repository import Repository
from samverkan_cli.model.documents import Common
from samverkan_cli.pdf import document as printed
from samverkan_cli.pdf import engine


class Unreadable(SamverkanError):
    """The document's file has errors that keep it from being read: exit 1, as validate."""

    exit_code = 1


def find(repo: Repository, document_id: str) -> tuple[Document, Common]:
    """The document with `document_id` (any case) and its model; UserError naming close ids."""
    found = repo.named(document_id)
    if found is None:
        unreadable = repo.unreadable_named(document_id)
        if unreadable is not None:
            raise Unreadable(
                f"{unreadable.path} går inte att läsa, så den kan inte skrivas ut. Rätta felen "
                f"som 'samverkan validate {unreadable.path}' visar och försök igen; inget skrevs."
            )
        meeting = repo.meeting_named(document_id)
        if meeting is not None:
            raise UserError(
                f"{meeting.path} är anteckningar från ett möte, och mötesanteckningar skrivs inte "
                "ut som PDF (bara dokument och grupper). Öppna filen som den är, eller skriv ut "
                "gruppens dokument, t.ex. samverkan pdf "
                f"{getattr(meeting.model, 'grupp', None) or 'ID'}; inget skrevs."
            )
        raise repo.unknown(document_id)
    if not isinstance(found.model, Common):
        raise Unreadable(
            f"{found.path} har fel som hindrar att dokumentet skrivs ut. Rätta felen som "
            f"'samverkan validate {found.path}' visar och försök igen; inget skrevs."
        )
    return found, found.model


def sources(repo: Repository, today: date) -> printed.Sources:
    """What a locally printed document may name: every document and group of the repository,
    and the images among its attachments that the site would publish."""
    files = RepositoryFiles(repo.root)

    def title_of(document_id: str) -> str | None:
        found = repo.get(document_id)
        return found.model.titel if found is not None and isinstance(found.model, Common) else None

    def image(path: str) -> bytes | None:
        if not (repo.root / path).is_file():
            return None
        return attachments.content(files, path)

    return printed.Sources(repo.config, today, title_of, image)


def render(
    repo: Repository, document_id: str, today: date, *, sign: bool = False
) -> engine.Printed:
    """The PDF of the document `document_id`, with the signing page when `sign`."""
    document, model = find(repo, document_id)
    return printed.render(model, document.body, document.path, sources(repo, today), sign=sign)
