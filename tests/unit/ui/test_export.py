"""The PDF export renders what people and PagerDuty wrote as text, never as Markdown that reads
files or runs links (issue 15, item 7)."""

from PySide6.QtGui import QTextFormat

from oncall_desktop.ui.export import markdown_document, write_pdf

HOSTILE = (
    "Root cause ![x](file:///etc/passwd) and [click](javascript:alert(1)) "
    "and [mail](file:///home/me/.ssh/id_rsa) but [dashboard](https://grafana.example.com/d/api)"
)


def formats(document):
    found = []
    block = document.begin()
    while block.isValid():
        iterator = block.begin()
        while not iterator.atEnd():
            fragment = iterator.fragment()
            found.append((fragment.text(), fragment.charFormat()))
            iterator += 1
        block = block.next()
    return found


def test_no_image_and_only_web_links_survive(qapp):
    document = markdown_document(HOSTILE)
    found = formats(document)
    assert not any(f.isImageFormat() for _, f in found)
    links = {text: f.anchorHref() for text, f in found if f.isAnchor()}
    assert links == {"dashboard": "https://grafana.example.com/d/api"}
    assert "[file:///etc/passwd]" in document.toPlainText()  # shown as written, not embedded
    assert "click" in document.toPlainText()


def test_the_document_reads_no_local_file(qapp, tmp_path):
    secret = tmp_path / "secret.png"
    secret.write_bytes(b"\x89PNG not really")
    document = markdown_document(f"![x]({secret.as_uri()})")
    assert document.resource(QTextFormat.ImageObject, secret.as_uri()) is None


def test_the_pdf_is_written_with_the_defused_text(qapp, tmp_path):
    from pypdf import PdfReader

    pages = write_pdf(HOSTILE, tmp_path / "pm.pdf", "pm")
    assert pages == 1
    text = PdfReader(tmp_path / "pm.pdf").pages[0].extract_text()
    assert "/etc/passwd" in text  # printed, so the reader sees what was written
