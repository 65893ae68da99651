from . import test_group_filter
