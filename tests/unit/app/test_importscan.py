import sys

from oncall_desktop.app.importscan import skip_pyside_source_scan


def test_library_modules_are_registered_as_ignored(qapp):
    registry = sys.modules["PySide6.support.feature"].pyside_feature_dict
    marked = skip_pyside_source_scan(("jeepney",))
    assert marked > 10
    assert registry["jeepney.io.threading"] == -1
    assert skip_pyside_source_scan(("no_such_package_here",)) == 0


def test_without_the_pyside_internal_nothing_happens(monkeypatch):
    monkeypatch.delitem(sys.modules, "PySide6.support.feature")
    assert skip_pyside_source_scan(("jeepney",)) == 0
