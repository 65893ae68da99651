from . import test_two_credit_checks
from . import test_tour
