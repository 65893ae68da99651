from . import test_customer_group
from . import test_customer_group_access
from . import test_tour
from . import test_credit
from . import test_customer_statement
from . import test_interest
from . import test_customer_statistics
from . import test_access_matrix
