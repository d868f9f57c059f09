"""The banner stack, as drawn top to bottom: the more serious above, whatever was replaced."""

from PySide6.QtWidgets import QLabel

from oncall_desktop.ui.widgets.message_banner import MessageBanner


def drawn_top_to_bottom(banner):
    """The texts in the order the banner's vertical layout draws its rows."""
    layout = banner.layout()
    rows = [layout.itemAt(i).widget() for i in range(layout.count())]
    return [row.findChild(QLabel).text() for row in rows if row is not None]


def test_a_message_replaced_by_a_lighter_one_goes_below_the_more_serious(qtbot):
    """As alerts.py does when a refused acknowledge turns out done after all: the error under
    the page's key becomes an info, and must not be drawn above the warning about a source."""
    banner = MessageBanner()
    qtbot.addWidget(banner)
    banner.show_message("page", "NOT acknowledged", "error")
    banner.show_message("source", "Alertmanager cannot be reached", "warning")
    banner.show_message("page", "acknowledged after all", "info", fades=True)
    assert drawn_top_to_bottom(banner) == [
        "Alertmanager cannot be reached",
        "acknowledged after all",
    ]
    banner.show_message("other", "NOT acknowledged either", "error")
    assert drawn_top_to_bottom(banner)[0] == "NOT acknowledged either"
