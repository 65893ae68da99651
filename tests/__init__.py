from . import test_customer_group
from . import test_customer_group_access
from . import test_customer_statistics
