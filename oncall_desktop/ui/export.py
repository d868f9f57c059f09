"""Exports that need Qt: Markdown laid out as a PDF.

Raw HTML in the Markdown is turned off: an incident title like ``<img src=…>`` prints as
those characters, never as markup.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QMarginsF, QSizeF
from PySide6.QtGui import QPageLayout, QPageSize, QPdfWriter, QTextDocument

MARKDOWN_FEATURES = (
    QTextDocument.MarkdownFeature.MarkdownDialectGitHub
    | QTextDocument.MarkdownFeature.MarkdownNoHTML
)


def markdown_document(markdown: str) -> QTextDocument:
    document = QTextDocument()
    document.setMarkdown(markdown, MARKDOWN_FEATURES)
    return document


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
