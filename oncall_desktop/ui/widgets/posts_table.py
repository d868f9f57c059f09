"""The outbox of one incident in its cockpit: each post's time, where it goes (any registered
destination, named by the registry), its state (waiting, retrying, sent, refused) and why,
on a model; "Edit and resend…" for a refused one. A post sent again where its destination
cannot be read back, after an answer that was lost, says it may have arrived twice."""

from __future__ import annotations

from datetime import tzinfo
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QPushButton,
    QStyle,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from oncall_desktop.core.destinations import destination
from oncall_desktop.core.outbox import Post, PostState
from oncall_desktop.services.messages import shown
from oncall_desktop.ui.text import QT_TRANSLATE_NOOP, fill, local_time
from oncall_desktop.ui.widgets.wrapping import ZERO_WIDTH_SPACE, breakable, wrap_cells

CONTEXT = "PostsTable"
POST_STATES = {
    PostState.PENDING: QT_TRANSLATE_NOOP("PostsTable", "waiting"),
    PostState.SENDING: QT_TRANSLATE_NOOP("PostsTable", "sending"),
    PostState.SENT: QT_TRANSLATE_NOOP("PostsTable", "sent"),
    PostState.FAILED: QT_TRANSLATE_NOOP("PostsTable", "refused"),
}
HEADERS = (
    QT_TRANSLATE_NOOP("PostsTable", "Queued"),
    QT_TRANSLATE_NOOP("PostsTable", "Where"),
    QT_TRANSLATE_NOOP("PostsTable", "State"),
    QT_TRANSLATE_NOOP("PostsTable", "Detail"),
)
# lupdate reads only literal contexts: each text the model shows is named here
SENT_AS_NOTE = QT_TRANSLATE_NOOP("PostsTable", "sent as a note (status updates not in the plan)")
RETRYING = QT_TRANSLATE_NOOP("PostsTable", "retrying (%1 attempts)")
MAYBE_TWICE = QT_TRANSLATE_NOOP("PostsTable", "%1, may have arrived twice")
MAYBE_TWICE_WHY = QT_TRANSLATE_NOOP(
    "PostsTable",
    "An answer from this destination was lost, and what arrived there cannot be checked: "
    "the post was sent again, so readers may see it twice.",
)
SHARE = 0.28  # of the table's width, at most, for where and for the state: the detail more
REFUSED = QColor("#c62828")
DOUBT = QColor("#8d6e00")  # dark amber: readable on a light table, not an error

Index = QModelIndex | QPersistentModelIndex


def _tr(text: str) -> str:
    return QCoreApplication.translate(CONTEXT, text)


class PostsModel(QAbstractTableModel):
    def __init__(self, language: str, zone: tzinfo | None, parent: Any = None) -> None:
        super().__init__(parent)
        self._language, self._zone = language, zone
        self.posts: list[Post] = []
        self._rows: list[tuple[str, str, str, str]] = []

    def set_posts(self, posts: list[Post]) -> None:
        self.beginResetModel()
        self.posts = list(posts)
        self._rows = [self._cells(post) for post in posts]
        self.endResetModel()

    def _cells(self, post: Post) -> tuple[str, str, str, str]:
        going_to = destination(post.target)  # any registered one
        where = going_to.name.get(self._language)
        if post.destination and going_to.shows_destination:
            where += f" {post.destination}"
        state = _tr(POST_STATES[post.state])
        if post.state is PostState.SENT and post.delivered_as == "note":
            state = _tr(SENT_AS_NOTE)
        elif post.state is PostState.PENDING and post.attempts:
            state = fill(_tr(RETRYING), post.attempts)
        if post.maybe_twice:
            state = fill(_tr(MAYBE_TWICE), state)
        detail = shown(post.problem) or post.remote_ref  # why it failed, in the UI's language
        queued = local_time(post.created_at, self._zone, False) if post.created_at else ""
        return (queued, where, state, detail)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008 - Qt's signature
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if orientation is Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return _tr(HEADERS[section])
        return None

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        post, text = self.posts[index.row()], self._rows[index.row()][index.column()]
        if role == Qt.ItemDataRole.DisplayRole:
            return breakable(text)  # plain text; an address or error code wraps, not cut
        if role == Qt.ItemDataRole.ToolTipRole:
            if index.column() == 0 and post.created_at:  # the hour shown, the day too here
                return local_time(post.created_at, self._zone)
            if index.column() == 2 and post.maybe_twice:
                return _tr(MAYBE_TWICE_WHY)
            return post.text if index.column() == 3 and not text else text
        if role == Qt.ItemDataRole.ForegroundRole and post.state is PostState.FAILED:
            return REFUSED
        if role == Qt.ItemDataRole.ForegroundRole and post.maybe_twice and index.column() == 2:
            return DOUBT
        return None

    def cell(self, row: int, column: int) -> str:
        return self._rows[row][column]


class PostsTable(QWidget):
    """Signal: resend_requested(object) edit and resend this refused Post."""

    resend_requested = Signal(object)

    def __init__(self, language: str, zone: tzinfo | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = PostsModel(language, zone, self)
        self.view = QTableView(self)
        self.view.setModel(self.model)
        self.view.verticalHeader().hide()
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        # the hour whole; where and the state as wide as their words (_share_widths), the detail (a
        # refusal's reason, a reference) the rest; each on the lines it takes (the whole
        # detail on hovering): nothing scrolls sideways in the cockpit's column
        header = self.view.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        for column in (1, 2):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Fixed)
        header.setStretchLastSection(True)
        header.sectionResized.connect(self._share_widths)
        self.view.viewport().installEventFilter(self)  # its width known once laid out
        wrap_cells(self.view)
        self.view.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.view.setMaximumHeight(150)
        self.resend_button = QPushButton(self.tr("Edit and resend…"), self)
        self.resend_button.setEnabled(False)
        self.view.selectionModel().selectionChanged.connect(self._on_selected)
        self.model.modelReset.connect(self._on_selected)
        self.resend_button.clicked.connect(self._on_resend)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.view)
        layout.addWidget(self.resend_button)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.view.viewport() and event.type() == QEvent.Type.Resize:
            self._share_widths()
        return super().eventFilter(watched, event)

    def _share_widths(self, *_: object) -> None:
        """Where and the state as wide as their texts, but no more than SHARE each of what
        the hour leaves (their longest word always whole); the detail the rest."""
        header, metrics = self.view.horizontalHeader(), self.view.fontMetrics()
        padding = 2 * (self.style().pixelMetric(QStyle.PixelMetric.PM_FocusFrameHMargin) + 1) + 2
        room = self.view.viewport().width() - header.sectionSize(0)
        for column in (1, 2):
            texts = [_tr(HEADERS[column])] + [
                self.model.cell(row, column) for row in range(self.model.rowCount())
            ]
            whole = max(metrics.horizontalAdvance(text) for text in texts) + padding
            words = [w for t in texts for w in breakable(t).replace(ZERO_WIDTH_SPACE, " ").split()]
            longest = max(metrics.horizontalAdvance(w) for w in words) + padding
            width = max(min(whole, int(room * SHARE)), longest)
            if header.sectionSize(column) != width:
                header.resizeSection(column, width)

    @property
    def posts(self) -> list[Post]:
        return self.model.posts

    def set_posts(self, posts: list[Post]) -> None:
        self.model.set_posts(posts)
        self._share_widths()

    def selected_post(self) -> Post | None:
        rows = {index.row() for index in self.view.selectionModel().selectedRows()}
        return self.posts[rows.pop()] if len(rows) == 1 else None

    def _on_selected(self) -> None:
        post = self.selected_post()
        self.resend_button.setEnabled(post is not None and post.state is PostState.FAILED)

    def _on_resend(self) -> None:
        post = self.selected_post()
        if post is not None and post.state is PostState.FAILED:
            self.resend_requested.emit(post)
