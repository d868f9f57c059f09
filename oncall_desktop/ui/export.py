"""Exports that need Qt: Markdown laid out as a PDF.

Raw HTML in the Markdown is turned off: an incident title like ``<img src=…>`` prints as
those characters, never as markup. What Markdown itself could do with text from people and
from PagerDuty is undone on the document model before layout: an image (``![x](file:///…)``
would embed a local file) becomes its written form, a link is kept only for http and https
(``[click](javascript:…)`` becomes plain text), and the document loads no resource at all.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QMarginsF, QSizeF, QUrl
from PySide6.QtGui import (
    QPageLayout,
    QPageSize,
    QPdfWriter,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
)

MARKDOWN_FEATURES = (
    QTextDocument.MarkdownFeature.MarkdownDialectGitHub
    | QTextDocument.MarkdownFeature.MarkdownNoHTML
)


SAFE_LINK_SCHEMES = ("http", "https")


class _NoResources(QTextDocument):
    """A document that never reads a file or a URL for an image or a style sheet."""

    def loadResource(self, kind: int, name: QUrl | str) -> Any:
        return None


def markdown_document(markdown: str) -> QTextDocument:
    document = _NoResources()
    document.setMarkdown(markdown, MARKDOWN_FEATURES)
    _defuse(document)
    return document


def _defuse(document: QTextDocument) -> None:
    """Images become their written form; links other than http(s) become plain text."""
    replacements = []
    block = document.begin()
    while block.isValid():
        iterator = block.begin()
        while not iterator.atEnd():
            fragment = iterator.fragment()
            if fragment.isValid():
                char_format = fragment.charFormat()
                if char_format.isImageFormat():
                    name = char_format.toImageFormat().name()
                    replacements.append((fragment.position(), fragment.length(), f"[{name}]"))
                elif char_format.isAnchor():
                    scheme = QUrl(char_format.anchorHref()).scheme().lower()
                    if scheme not in SAFE_LINK_SCHEMES:
                        cursor = QTextCursor(document)
                        cursor.setPosition(fragment.position())
                        cursor.setPosition(
                            fragment.position() + fragment.length(), QTextCursor.MoveMode.KeepAnchor
                        )
                        plain = QTextCharFormat(char_format)
                        plain.setAnchor(False)
                        plain.setAnchorHref("")
                        plain.setFontUnderline(False)
                        plain.clearForeground()
                        cursor.setCharFormat(plain)
            iterator += 1
        block = block.next()
    for position, length, text in reversed(replacements):  # from the end: positions hold
        cursor = QTextCursor(document)
        cursor.setPosition(position)
        cursor.setPosition(position + length, QTextCursor.MoveMode.KeepAnchor)
        cursor.insertText(text, QTextCharFormat())


def write_pdf(markdown: str, path: Path, title: str = "") -> int:
    """Write an A4 PDF; returns its number of pages."""
    document = markdown_document(markdown)
    writer = QPdfWriter(str(path))
    writer.setTitle(title)
    writer.setCreator("On-call Desktop")
    writer.setPageLayout(
        QPageLayout(
            QPageSize(QPageSize.PageSizeId.A4),
            QPageLayout.Orientation.Portrait,
            QMarginsF(15, 15, 15, 15),
            QPageLayout.Unit.Millimeter,
        )
    )
    # Lay the document out on the writer itself (its resolution, its page), as print_()
    # would on a copy; then pageCount() is the PDF's.
    document.documentLayout().setPaintDevice(writer)
    page = writer.pageLayout().paintRectPixels(writer.resolution())
    document.setPageSize(QSizeF(page.size()))
    document.print_(writer)
    del writer  # the file is complete once the writer is gone
    return document.pageCount()
