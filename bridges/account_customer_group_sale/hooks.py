from .models.res_partner import SALE_FUNCTION_SIGNATURES


def uninstall_hook(env):
    """The orders' PL/pgSQL function goes with the module: Odoo drops only the tables
    and columns of its models."""
    for signature in SALE_FUNCTION_SIGNATURES:
        env.cr.execute(f"DROP FUNCTION IF EXISTS {signature}")
