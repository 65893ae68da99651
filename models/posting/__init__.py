from . import account_move
from . import res_partner
