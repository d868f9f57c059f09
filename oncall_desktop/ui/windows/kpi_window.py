"""The SOP's KPIs for a period, each beside its target, with charts and a CSV export."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable
from datetime import date, datetime, time, timedelta, tzinfo
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QDate, QLocale, Qt
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMainWindow,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from oncall_desktop.core.kpis import DurationStats, KpiReport, Verdict, kpi_duration, verdicts
from oncall_desktop.core.policy import Policy, Severity
from oncall_desktop.services.history import HistoryService
from oncall_desktop.ui.drill_mark import title_setter
from oncall_desktop.ui.geometry import fit_to_screen
from oncall_desktop.ui.live_language import LiveLanguage
from oncall_desktop.ui.qdates import python_date
from oncall_desktop.ui.shortcuts import close_with_escape_and_ctrl_w
from oncall_desktop.ui.translations import installed_language
from oncall_desktop.ui.widgets.message_banner import MessageBanner

if TYPE_CHECKING:
    from PySide6.QtCharts import QChartView  # loaded with the charts (_draw_charts)

MET, NOT_MET = QColor("#2e7d32"), QColor("#c62828")
# "365d": the last 12 calendar months, this one included (12 bars in the charts, not 13)
PERIODS = (("30d", 30), ("90d", 90), ("365d", 0), ("year", 0), ("custom", -1))


def month_label(month: str) -> str:
    """'2026-01' as the UI's language says it short: 'janv. 26', 'Jan 26' (whole under the
    charts at 1024x768, where '2026-01' was cut to '2026-…')."""
    year, number = (int(part) for part in month.split("-"))
    locale = QLocale(installed_language() or "en")
    return locale.toString(QDate(year, number, 1), "MMM yy")


class KpiWindow(QMainWindow):
    def __init__(
        self,
        service: HistoryService,
        policy: Policy,
        zone: tzinfo | None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("kpiWindow")
        close_with_escape_and_ctrl_w(self)
        self.live = LiveLanguage(self)  # a change in Settings shows here at once
        self.live.text(title_setter(self), lambda: self.tr("KPI dashboard"))
        fit_to_screen(self, 1100, 800, remember="kpis")
        self._service = service
        self._policy = policy
        self._zone = zone
        self.report: KpiReport | None = None
        self.names: dict[str, str] = {}
        self.live.text(self._set_names, self._kpi_names)

        self.banner = MessageBanner()
        self._state: Callable[[], str] = str  # what the period row says (_set_state)
        top = self._build_period_row()
        self._build_tables()

        self.charts = QSplitter(Qt.Orientation.Horizontal)
        self.count_chart_view: QChartView | None = None
        self.time_chart_view: QChartView | None = None

        body = QWidget()
        layout = QVBoxLayout(body)
        layout.addWidget(self.banner)
        layout.addLayout(top)
        layout.addWidget(self.verdict_table)
        layout.addWidget(self.stats_table)
        layout.addWidget(self.charts, 1)
        self.setCentralWidget(body)
        service.problem.connect(lambda text: self.banner.show_message("kpi", text, "error"))
        self.live.call(self._retranslate)
        self.refresh()

    def _kpi_names(self) -> dict[str, str]:
        return {
            "mtta_sev1": self.tr("MTTA (SEV-1, mean)"),
            "mttr_sev1": self.tr("MTTR (SEV-1, mean)"),
            "incidents_per_month": self.tr("Incidents per month (worst month)"),
            "sev1_per_quarter": self.tr("SEV-1 per quarter (worst quarter)"),
            "postmortem_completion": self.tr("Post-mortem completion"),
            "action_items_closed": self.tr("Action items closed within 30 days"),
        }

    def _retranslate(self, _language: str) -> None:
        """The verdicts and charts said again; what the period row says stays (a report on its
        way still says so)."""
        if self.report is not None:
            state = self._state
            self.show_report(self.report)
            self._set_state(state)

    def _set_names(self, names: dict[str, str]) -> None:
        self.names = names

    def _set_state(self, say: Callable[[], str]) -> None:
        """What the period row says (computing, how many), said again at a language change."""
        self._state = say
        self.state_label.setText(say())

    def _build_period_row(self) -> QHBoxLayout:
        self.period_combo = QComboBox()
        labels = {
            "30d": lambda: self.tr("Last 30 days"),
            "90d": lambda: self.tr("Last 90 days"),
            "365d": lambda: self.tr("Last 12 months, this one included"),
            "year": lambda: self.tr("This year"),
            "custom": lambda: self.tr("From… to…"),
        }
        for index, (key, _days) in enumerate(PERIODS):
            self.period_combo.addItem("", key)
            self.live.text(partial(self.period_combo.setItemText, index), labels[key])
        self.period_combo.setCurrentIndex(2)
        self.from_edit, self.to_edit = QDateEdit(), QDateEdit()
        for edit in (self.from_edit, self.to_edit):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("yyyy-MM-dd")
            edit.setEnabled(False)
            edit.dateChanged.connect(lambda _: self.refresh())
        self.period_combo.currentIndexChanged.connect(self._on_period)
        self.state_label = QLabel()
        self.state_label.setTextFormat(Qt.TextFormat.PlainText)
        self.live.text(self.state_label.setText, lambda: self._state())
        self.export_button = export = QPushButton()
        self.live.text(export.setText, lambda: self.tr("Export CSV…"))
        export.clicked.connect(lambda: self.export_csv())
        top = QHBoxLayout()
        top.addWidget(self.period_combo)
        top.addWidget(self.from_edit)
        top.addWidget(self.to_edit)
        top.addWidget(self.state_label, 1)
        top.addWidget(export)
        return top

    def _build_tables(self) -> None:
        """The SOP's KPI verdicts, and each severity's times (mean, median, p90)."""
        self.verdict_table = QTableWidget(0, 4)
        self.live.text(
            self.verdict_table.setHorizontalHeaderLabels,
            lambda: [self.tr("KPI"), self.tr("Value"), self.tr("SOP target"), self.tr("Status")],
        )
        self.stats_table = QTableWidget(len(Severity), 7)
        self.live.text(
            self.stats_table.setHorizontalHeaderLabels,
            lambda: [
                self.tr("Incidents"),
                self.tr("MTTA mean"),
                self.tr("MTTA median"),
                self.tr("MTTA p90"),
                self.tr("MTTR mean"),
                self.tr("MTTR median"),
                self.tr("MTTR p90"),
            ],
        )
        self.stats_table.setVerticalHeaderLabels([s.value for s in Severity])
        for table in (self.verdict_table, self.stats_table):
            table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
            table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        # as tall as its three rows: the charts below take the rest (their months need it)
        self.stats_table.setMaximumHeight(
            self.stats_table.horizontalHeader().sizeHint().height()
            + self.stats_table.verticalHeader().defaultSectionSize() * len(Severity)
            + 2 * self.stats_table.frameWidth()
        )

    # --- period ---------------------------------------------------------------------------------

    def _on_period(self) -> None:
        custom = self.period_combo.currentData() == "custom"
        self.from_edit.setEnabled(custom)
        self.to_edit.setEnabled(custom)  # custom starts from the days the period showed
        self.refresh()

    def _show_range(self, start: datetime, end: datetime) -> None:
        """The greyed date fields show the days the period covers (not 2000-01-01)."""
        last = end - timedelta(days=1)
        for edit, day in ((self.from_edit, start), (self.to_edit, last)):
            edit.blockSignals(True)
            edit.setDate(QDate(day.year, day.month, day.day))
            edit.blockSignals(False)

    def _local(self, day: date) -> datetime:
        moment = datetime.combine(day, time(0))
        return moment.replace(tzinfo=self._zone) if self._zone else moment.astimezone()

    def period(self) -> tuple[datetime, datetime]:
        today = self._service.clock.now().astimezone(self._zone).date()
        key = self.period_combo.currentData()
        days = dict(PERIODS)[key]
        end = self._local(today + timedelta(days=1))
        if key == "custom":
            start_day = python_date(self.from_edit.date())
            end_day = python_date(self.to_edit.date())
            return self._local(start_day), self._local(end_day + timedelta(days=1))
        if key == "year":
            return self._local(date(today.year, 1, 1)), end
        if key == "365d":
            first = today.year * 12 + today.month - 1 - 11  # eleven months before this one
            return self._local(date(first // 12, first % 12 + 1, 1)), end
        return self._local(today - timedelta(days=days - 1)), end

    def refresh(self) -> None:
        start, end = self.period()
        if self.period_combo.currentData() != "custom":
            self._show_range(start, end)
        if end <= start:
            self._set_state(lambda: self.tr("The period ends before it starts."))
            return
        self._set_state(lambda: self.tr("Computing…"))
        self._service.report(start, end, self._zone, self.show_report)

    # --- showing --------------------------------------------------------------------------------

    def verdicts(self) -> list[Verdict]:
        assert self.report is not None
        return verdicts(self.report, self._policy.kpis)

    def show_report(self, report: KpiReport) -> None:
        self.report = report
        self._set_state(lambda: self.tr("%n incident(s) in the period", "", report.incidents))
        judged = self.verdicts()
        self.verdict_table.setRowCount(len(judged))
        for row, verdict in enumerate(judged):
            status = {True: self.tr("met"), False: self.tr("not met"), None: "—"}[verdict.met]
            cells = [self.names[verdict.key], verdict.value, verdict.target, status]
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if column == 3 and verdict.met is not None:
                    item.setForeground(QBrush(MET if verdict.met else NOT_MET))
                self.verdict_table.setItem(row, column, item)
        for row, severity in enumerate(Severity):
            ack, res = report.mtta[severity], report.mttr[severity]
            count = sum(month[1][severity] for month in report.per_month)
            cells = [str(count), *self._stats(ack), *self._stats(res)]
            for column, text in enumerate(cells):
                self.stats_table.setItem(row, column, QTableWidgetItem(text))
        self._draw_charts(report)

    @staticmethod
    def _stats(stats: DurationStats) -> list[str]:
        return [kpi_duration(stats.mean), kpi_duration(stats.median), kpi_duration(stats.p90)]

    def _draw_charts(self, report: KpiReport) -> None:
        # QtCharts is loaded here, not at start: only this window pays for it.
        from PySide6.QtCharts import QChartView

        labels = [month_label(label) for label, _ in report.per_month]
        counts = self._count_chart(report, labels)
        times = self._time_chart(report, labels)
        for old in (self.count_chart_view, self.time_chart_view):
            if old is not None:
                old.setParent(None)
                old.deleteLater()
        self.count_chart_view = QChartView(counts)
        self.time_chart_view = QChartView(times)
        self.charts.addWidget(self.count_chart_view)
        self.charts.addWidget(self.time_chart_view)

    def _count_chart(self, report: KpiReport, labels: list[str]) -> Any:
        """Incidents per month, stacked by severity, against the SOP's monthly ceiling."""
        from PySide6.QtCharts import (
            QBarCategoryAxis,
            QBarSet,
            QChart,
            QStackedBarSeries,
            QValueAxis,
        )

        counts = QChart()
        counts.setTitle(self.tr("Incidents per month"))
        bars = QStackedBarSeries()
        for severity in Severity:
            bar_set = QBarSet(severity.value)
            bar_set.setColor(QColor(self._policy.severity(severity).color))
            bar_set.append([float(month[severity]) for _, month in report.per_month])
            bars.append(bar_set)
        counts.addSeries(bars)
        axis_x = QBarCategoryAxis()
        axis_x.append(labels)
        axis_x.setLabelsAngle(-90)  # twelve months side by side do not fit across
        counts.addAxis(axis_x, Qt.AlignmentFlag.AlignBottom)
        bars.attachAxis(axis_x)
        axis_y = QValueAxis()
        axis_y.setLabelFormat("%d")
        most = max((sum(m.values()) for _, m in report.per_month), default=0)
        top = max(most, self._policy.kpis.incidents_per_month_below) + 1
        axis_y.setRange(0, top)
        # whole incidents on whole ticks (Qt's even ticks put "1" where 1.5 is)
        axis_y.setTickType(QValueAxis.TickType.TicksDynamic)
        axis_y.setTickAnchor(0)
        axis_y.setTickInterval(max(1, -(-top // 10)))
        counts.addAxis(axis_y, Qt.AlignmentFlag.AlignLeft)
        bars.attachAxis(axis_y)
        return counts

    def _time_chart(self, report: KpiReport, labels: list[str]) -> Any:
        """SEV-1 MTTA and MTTR per month, each with its target line."""
        from PySide6.QtCharts import QCategoryAxis, QChart, QLineSeries, QValueAxis

        times = QChart()
        times.setTitle(self.tr("SEV-1 mean times per month (minutes)"))
        time_x = QCategoryAxis()  # the months by name, like the bars beside it
        time_x.setRange(0, max(len(labels) - 1, 1))
        time_x.setLabelsPosition(QCategoryAxis.AxisLabelsPosition.AxisLabelsPositionOnValue)
        for i, label in enumerate(labels):
            time_x.append(label, i)
        time_x.setLabelsAngle(-90)
        time_y = QValueAxis()
        time_y.setTitleText(self.tr("minutes"))
        times.addAxis(time_x, Qt.AlignmentFlag.AlignBottom)
        times.addAxis(time_y, Qt.AlignmentFlag.AlignLeft)
        highest = 0.0
        for name, series_data, target in (
            (self.tr("MTTA"), report.monthly_mtta_sev1, self._policy.kpis.mtta_sev1_below),
            (self.tr("MTTR"), report.monthly_mttr_sev1, self._policy.kpis.mttr_sev1_below),
        ):
            line = QLineSeries()
            line.setName(name)
            goal = QLineSeries()
            goal.setName(self.tr("%1 target").replace("%1", name))
            for i, (_label, value) in enumerate(series_data):
                if value is not None:
                    line.append(i, value.total_seconds() / 60)
                    highest = max(highest, value.total_seconds() / 60)
            goal.append(0, target.total_seconds() / 60)
            goal.append(max(len(labels) - 1, 1), target.total_seconds() / 60)
            highest = max(highest, target.total_seconds() / 60)
            for series in (line, goal):
                times.addSeries(series)
                series.attachAxis(time_x)
                series.attachAxis(time_y)
        time_y.setRange(0, highest * 1.1 + 1)
        return times

    # --- export ---------------------------------------------------------------------------------

    def csv_text(self) -> str:
        assert self.report is not None
        report = self.report
        out = io.StringIO()
        writer = csv.writer(out)
        writer.writerow(["period", report.start.isoformat(), report.end.isoformat()])
        writer.writerow([])
        writer.writerow(["kpi", "value", "target", "met"])
        for verdict in self.verdicts():
            met = {True: "yes", False: "no", None: ""}[verdict.met]
            writer.writerow([verdict.key, verdict.value, verdict.target, met])
        writer.writerow([])
        writer.writerow(["severity", "measure", "count", "missing", "mean_s", "median_s", "p90_s"])
        for severity in Severity:
            for measure, stats in (
                ("mtta", report.mtta[severity]),
                ("mttr", report.mttr[severity]),
            ):
                writer.writerow(
                    [
                        severity.value,
                        measure,
                        stats.count,
                        stats.missing,
                        *(
                            "" if v is None else f"{v.total_seconds():.0f}"
                            for v in (stats.mean, stats.median, stats.p90)
                        ),
                    ]
                )
        writer.writerow([])
        writer.writerow(["month", *[s.value for s in Severity]])
        for label, counts in report.per_month:
            writer.writerow([label, *[counts[s] for s in Severity]])
        writer.writerow([])
        writer.writerow(["quarter", "SEV-1"])
        for label, count in report.sev1_per_quarter:
            writer.writerow([label, count])
        return out.getvalue()

    def export_csv(self, path: Path | None = None) -> Path | None:
        if self.report is None:
            return None
        if path is None:
            chosen, _ = QFileDialog.getSaveFileName(
                self, self.tr("Export CSV"), "oncall-kpis.csv", "CSV (*.csv)"
            )
            if not chosen:
                return None
            path = Path(chosen)
        try:
            path.write_text(self.csv_text(), encoding="utf-8", newline="")
        except OSError as error:
            self.banner.show_message("export", str(error), "error")
            return None
        return path
