"""The runner behind `python3 dev/runner.py` (standard library only).

- common.py    output, child processes, installing what is missing, results
- sandbox.py   finding Odoo, the throw-away PostgreSQL cluster, ports,
               Odoo command lines and logs
- tier_pure.py tier 1, pytest on tests/pure
- tier_static.py tier 2, `pre-commit run --all-files`
- tier_odoo.py tier 3, install + Odoo tests under coverage, then the parts below
- tier_live.py tier 3 rpc (XML-RPC/JSON-2 client) and concur (parallel posting)
- tier_upgrade.py tier 3 upgrade from the previous release
- tier_bootstrap.py tier 3 bootstrap: a fresh Python gets Odoo from a served archive
- bootstrap.py Odoo 19 set up in the per-user cache when the machine has none
- serve.py     the `serve` command; kept_data.py its --data cluster
- bench.py     the `bench` command
- cli.py       arguments, the `test` command and its summary
"""
