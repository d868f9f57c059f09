from oncall_desktop.ui.icons import TrayState, state_icon


def test_each_tray_state_has_a_distinct_icon_at_every_size(qapp):
    centers = {}
    for state in TrayState:
        icon = state_icon(state)
        for size in (16, 22, 32, 64):
            image = icon.pixmap(size, size).toImage()
            assert image.width() == size and image.height() == size
            assert image.pixelColor(0, 0).alpha() == 0  # transparent corners
        centers[state] = icon.pixmap(32, 32).toImage().pixelColor(4, 16).name()
    assert len(set(centers.values())) == len(TrayState)
