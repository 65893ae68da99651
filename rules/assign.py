"""Which group the Assign Customer Groups wizard gives a customer, by rule."""

DOMESTIC = "domestic"
EUROPEAN = "european"
OVERSEAS = "overseas"


def country_zone(country, home_country, european_countries):
    """Reviso's default groups by country: the company's own country is domestic,
    the other members of the European group of countries are European, any other
    country is overseas. None when the customer has no country (or the company
    none): such customers are listed apart rather than guessed."""
    if not country or not home_country:
        return None
    if country == home_country:
        return DOMESTIC
    if country in european_countries:
        return EUROPEAN
    return OVERSEAS


def unique_target(candidates):
    """The one group a rule's key points to (the groups whose account set has the
    customer's receivable account, or whose fiscal position is the customer's),
    or None when there is none or several to choose from."""
    candidates = set(candidates)
    return next(iter(candidates)) if len(candidates) == 1 else None
