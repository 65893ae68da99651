from . import test_hand_down_statement
