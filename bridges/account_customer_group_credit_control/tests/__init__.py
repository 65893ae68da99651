from . import test_hand_down_credit_policy
