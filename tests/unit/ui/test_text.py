from oncall_desktop.ui.text import fill


def test_fill_replaces_each_place_once_whatever_the_values_hold():
    assert fill("On call: %1 (backup %2) until %3", "Ama %2", "%1 Bo", "Monday") == (
        "On call: Ama %2 (backup %1 Bo) until Monday"
    )
    assert fill("%2 before %1", "one", 2) == "2 before one"  # a translation may reorder
    assert fill("%1 and %3", "only") == "only and %3"  # a missing value stays visible
