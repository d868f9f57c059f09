"""Text the user did not write as a label (the SOP's contacts and runbooks, a service's
names) keeps its '&' where '&' marks a keyboard shortcut (buttons, check boxes, group box
titles): 'R&D on-call' read 'RD on-call', D underlined, and took Alt+D (QA tour 2)."""

from PySide6.QtGui import QKeySequence

from oncall_desktop.core.incident import Incident
from oncall_desktop.core.policy import Severity
from oncall_desktop.core.policy_file import apply_override, default_data
from oncall_desktop.ui.widgets.escalation_box import EscalationBox
from oncall_desktop.ui.widgets.runbook_links import RunbookLinks


def shows(button) -> str:
    """What a button says on the screen: '&&' is one '&', a lone '&' marks a shortcut."""
    return button.text().replace("&&", "\0").replace("&", "").replace("\0", "&")


def test_an_ampersand_from_the_sop_is_shown_and_takes_no_shortcut(qtbot, clock):
    contacts = [{"name": "R&D on-call", "contact": "Q&A channel", "severities": ["SEV-1"]}]
    links = [{"kind": "runbook", "title": {"fr": "Wiki R&D", "en": "R&D wiki"}, "url": "https://x"}]
    loaded = apply_override(default_data(), {"escalation_contacts": contacts, "links": links})
    assert not loaded.problems
    box = EscalationBox(loaded.policy, "en")
    runbooks = RunbookLinks(loaded.policy, "en")
    qtbot.addWidget(box)
    qtbot.addWidget(runbooks)
    incident = Incident.declare(title="API down", severity=Severity.SEV1, at=clock.now(), actor="a")
    incident.id = 1
    box.show_for(incident, clock.now())

    [contact] = box.contact_boxes.values()
    [link] = runbooks.buttons
    assert shows(contact) == "R&D on-call — Q&A channel"
    assert shows(link) == "R&D wiki"
    for button in (contact, link):
        assert QKeySequence.mnemonic(button.text()).isEmpty()
