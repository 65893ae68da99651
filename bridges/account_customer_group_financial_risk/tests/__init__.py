from . import test_two_credit_checks
from . import test_tour
from . import test_hand_down_risk
