from . import test_customer_group
from . import test_customer_group_access
