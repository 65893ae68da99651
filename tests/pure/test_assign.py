from hypothesis import given
from hypothesis import strategies as st

from rules import assign

countries = st.sampled_from(["BE", "FR", "DE", "US", "JP", "NL"])
EUROPE = {"BE", "FR", "DE", "NL"}


def test_zones():
    assert assign.country_zone("BE", "BE", EUROPE) == assign.DOMESTIC
    assert assign.country_zone("FR", "BE", EUROPE) == assign.EUROPEAN
    assert assign.country_zone("US", "BE", EUROPE) == assign.OVERSEAS
    assert assign.country_zone("JP", "BE", EUROPE) == assign.OVERSEAS


def test_no_country_is_listed_apart():
    assert assign.country_zone(False, "BE", EUROPE) is None
    assert assign.country_zone("FR", False, EUROPE) is None


@given(countries, countries)
def test_domestic_only_for_the_home_country(country, home):
    zone = assign.country_zone(country, home, EUROPE)
    assert (zone == assign.DOMESTIC) == (country == home)
    if country != home:
        assert zone == (assign.EUROPEAN if country in EUROPE else assign.OVERSEAS)


def test_unique_target():
    assert assign.unique_target([7]) == 7
    assert assign.unique_target([7, 7]) == 7
    assert assign.unique_target([7, 8]) is None
    assert assign.unique_target([]) is None
