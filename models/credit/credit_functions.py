"""The PL/pgSQL functions of the credit check, which ``res.partner.init`` installs."""

# The credit check runs on every change of a document being entered. Planning its
# queries cost PostgreSQL more than running them (about 1 ms each against 0.2 ms),
# so they live in PL/pgSQL functions, which every database connection plans once
# and then reuses; a connection pooler in transaction mode keeps working, unlike
# with prepared statements. The plan is the generic one from the first call on:
# PostgreSQL's own choice would plan the first five calls anew, and every call
# after them when it estimates a plan for these very ids cheaper. Each function is
# dropped first: CREATE OR REPLACE cannot change what a function returns.
CREDIT_FUNCTIONS = """
DROP FUNCTION IF EXISTS account_customer_group_credit_rules(int, int, int);
DROP FUNCTION IF EXISTS account_customer_group_credit_rules(int, int, int, text);
CREATE FUNCTION account_customer_group_credit_rules(
    _partner int, _company int, _fallback_group int, _fallback_account_type text)
RETURNS TABLE (
    allow_edit_credit_limit boolean, check_credit_limit boolean,
    check_overdue boolean, overdue_days int, kind text, currency_id int,
    credit_limit numeric, overdue_limit numeric, pooled boolean, debtor_ids int[],
    balance_forward boolean)
LANGUAGE plpgsql STABLE
SET plan_cache_mode = force_generic_plan AS $$
#variable_conflict use_column
BEGIN
    -- The group of the national account's head office, else the customer's, sets
    -- the checks; the limit lines of the group, of the customer and of its head
    -- office come with the customers whose open items each covers.
    RETURN QUERY
    SELECT g.allow_edit_credit_limit, g.check_credit_limit, g.check_overdue,
           g.overdue_days,
           CASE WHEN line.group_id IS NOT NULL THEN 'group'
                WHEN line.partner_id = head.id THEN 'national'
                ELSE 'own' END,
           line.currency_id, line.credit_limit::numeric,
           line.overdue_limit::numeric, line.pooled,
           CASE WHEN line.partner_id = head.id
                THEN head.id || ARRAY(
                    SELECT member.id FROM res_partner member
                     WHERE member.national_account_id = head.id)
                WHEN line.pooled
                THEN ARRAY(
                    SELECT member.id FROM res_partner member
                     WHERE member.active
                       AND (COALESCE(member.customer_group_id -> _company::text,
                                     to_jsonb(_fallback_group)) ->> 0)::int = g.id)
                ELSE ARRAY[partner.id] END,
           COALESCE(partner.customer_account_type ->> _company::text,
                    _fallback_account_type) = 'balance_forward'
      FROM res_partner document_partner
      JOIN res_partner partner ON partner.id = document_partner.commercial_partner_id
      LEFT JOIN res_partner head
        ON head.id = CASE WHEN partner.is_national_account THEN partner.id
                          ELSE partner.national_account_id END
      JOIN account_customer_group g
        ON g.id = COALESCE(
            (COALESCE(head.customer_group_id -> _company::text,
                      to_jsonb(_fallback_group)) ->> 0)::int,
            (COALESCE(partner.customer_group_id -> _company::text,
                      to_jsonb(_fallback_group)) ->> 0)::int)
      LEFT JOIN account_customer_credit_limit line
        ON line.group_id = g.id
           OR (line.partner_id IN (partner.id, head.id)
               AND line.company_id = _company)
      LEFT JOIN res_currency currency ON currency.id = line.currency_id
     WHERE document_partner.id = _partner
     ORDER BY currency.active DESC, currency.name;
END
$$;

DROP FUNCTION IF EXISTS account_customer_group_receivables(int[], int, int, date);
DROP FUNCTION IF EXISTS account_customer_group_receivables(
    int[], int, int, date, boolean);
CREATE FUNCTION account_customer_group_receivables(
    _partners int[], _company int, _currency int, _overdue_cutoff date,
    _balance_forward boolean)
RETURNS TABLE (outstanding numeric, overdue numeric)
LANGUAGE plpgsql STABLE
SET plan_cache_mode = force_generic_plan AS $$
BEGIN
    -- An open-item customer's credits (unapplied receipts, credit notes) count on
    -- their own due date, so an old credit offsets an invoice as old. A
    -- balance-forward customer's credits, whatever their date, pay its oldest
    -- items first, and so what is overdue before anything else. An item without
    -- a due date is outstanding, never overdue.
    RETURN QUERY
    SELECT COALESCE(SUM(aml.amount_residual_currency), 0),
           CASE WHEN _balance_forward
                THEN GREATEST(
                    COALESCE(SUM(aml.amount_residual_currency) FILTER (
                        WHERE aml.amount_residual_currency > 0
                          AND aml.date_maturity <= _overdue_cutoff), 0)
                    + COALESCE(SUM(aml.amount_residual_currency) FILTER (
                        WHERE aml.amount_residual_currency < 0), 0),
                    0)
                ELSE COALESCE(SUM(aml.amount_residual_currency)
                              FILTER (WHERE aml.date_maturity <= _overdue_cutoff),
                              0)
           END
      FROM account_move_line aml
     WHERE aml.partner_id = ANY(_partners)
       AND aml.company_id = _company
       AND aml.currency_id = _currency
       AND aml.parent_state = 'posted'
       AND aml.reconciled IS NOT TRUE
       -- An array rather than a join: the planner then picks the index of the
       -- unreconciled lines of these accounts.
       AND aml.account_id = ANY(ARRAY(
               SELECT account.id FROM account_account account
                WHERE account.account_type = 'asset_receivable'));
END
$$;

DROP FUNCTION IF EXISTS account_customer_group_draft_invoices(
    int[], int, int, text[], int[]);
CREATE FUNCTION account_customer_group_draft_invoices(
    _partners int[], _company int, _currency int, _move_types text[],
    _excluded_moves int[])
RETURNS numeric
LANGUAGE plpgsql STABLE
SET plan_cache_mode = force_generic_plan AS $$
BEGIN
    RETURN (
        SELECT COALESCE(SUM(move.amount_total_in_currency_signed), 0)
          FROM account_move move
         WHERE move.commercial_partner_id = ANY(_partners)
           AND move.state = 'draft'
           AND move.company_id = _company
           AND move.currency_id = _currency
           AND move.move_type = ANY(_move_types)
           AND move.id != ALL(_excluded_moves));
END
$$;
"""

CREDIT_FUNCTION_SIGNATURES = [
    "account_customer_group_credit_rules(int, int, int, text)",
    "account_customer_group_receivables(int[], int, int, date, boolean)",
    "account_customer_group_draft_invoices(int[], int, int, text[], int[])",
]
