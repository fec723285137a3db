"""The map page: the view's places on country outlines, drawn on the server (timeline/maps.py)."""

import datetime
import re

from tests.factories import make_event
from timeline import maps
from timeline.models import Place

URL = "/map/"


def test_the_map_zooms_to_its_places_and_sizes_them_by_events():
    chart = maps.draw(
        [
            ("1", "Yerevan", 8, 40.18, 44.51),
            ("2", "Stepanakert", 2, 39.82, 46.75),
            ("3", "Nowhere", 5, None, None),
        ]
    )
    assert [m.name for m in chart.markers] == ["Yerevan", "Stepanakert"]
    assert chart.unplaced == 1
    yerevan, stepanakert = chart.markers
    assert yerevan.r > stepanakert.r
    for marker in chart.markers:  # inside the map, not at its edge
        assert 0.1 * chart.width < marker.x < 0.9 * chart.width
        assert 0.1 * chart.height < marker.y < 0.9 * chart.height
    assert yerevan.x < stepanakert.x and yerevan.y < stepanakert.y  # west and north of it
    names = {name for name, _ in chart.outlines}
    assert {"Armenia", "Azerbaijan", "Georgia", "Iran"} <= names
    assert "Brazil" not in names and "Ukraine" not in names  # only what the map shows
    assert all(path.startswith("M") and path.endswith("Z") for _, path in chart.outlines)


def test_a_world_wide_view_is_drawn_from_the_coarser_outlines():
    chart = maps.draw([("1", "Kyiv", 3, 50.45, 30.52), ("2", "Khartoum", 2, 15.5, 32.56)])
    assert {"Ukraine", "Sudan"} <= {name for name, _ in chart.outlines}
    wide = maps.draw([("1", "Lima", 1, -12.05, -77.04), ("2", "Kabul", 1, 34.53, 69.17)])
    assert len(wide.outlines) > 100
    assert maps.draw([("1", "Nowhere", 3, None, None)]) is None


def test_the_map_page_follows_the_filters_and_each_place_narrows_the_view(
    client, db, django_assert_max_num_queries
):
    yerevan = Place.objects.create(name="Yerevan", latitude=40.18, longitude=44.51)
    stepanakert = Place.objects.create(name="Stepanakert", latitude=39.82, longitude=46.75)
    make_event(datetime.date(2021, 5, 12), "Shelling", places=["Yerevan"], event_type="armed_clash")
    make_event(datetime.date(2021, 5, 13), "Talks", places=["Yerevan"], event_type="talks")
    make_event(
        datetime.date(2021, 5, 14), "Strike", places=["Stepanakert"], event_type="armed_clash"
    )
    make_event(datetime.date(2021, 5, 15), "Unplaced statement")
    with django_assert_max_num_queries(6):  # the view's counts, then the places' coordinates
        page = client.get(URL).content.decode()
    assert re.findall(r'class="marker" data-place="(\d+)" aria-label="([^"]+)"', page) == [
        (str(yerevan.pk), "Yerevan: 2 events"),
        (str(stepanakert.pk), "Stepanakert: 1 event"),
    ]
    assert f'href="?place={yerevan.pk}"' in page
    assert '<path class="country"' in page and "<title>Armenia</title>" in page
    clashes = client.get(URL, {"type": "armed_clash"}).content.decode()
    assert 'aria-label="Yerevan: 1 event"' in clashes
    chosen = client.get(URL, {"place": yerevan.pk}).content.decode()
    assert f'class="marker active" data-place="{yerevan.pk}"' in chosen
    assert 'href="?"' in chosen  # the chosen place widens the view again
    assert client.get(URL, {"date_from": "May 2021"}).status_code == 400
    empty = client.get(URL, {"date_from": "2030"})
    assert empty.status_code == 200 and "No events match these filters." in empty.content.decode()
