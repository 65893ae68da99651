# Copyright 2026 account_customer_group contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""19.0.1.3.0 appends the statistics instead of updating one row per bucket: a
bucket may have several rows until they are compacted, so the unique index on the
bucket's key goes. Existing rows are kept as they are: each is a bucket's only row.
"""


def migrate(cr, version):
    if not version:
        return
    cr.execute("DROP INDEX IF EXISTS account_customer_statistic_bucket_uniq")
