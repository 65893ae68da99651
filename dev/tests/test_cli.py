"""The runner's command line, as the README writes its commands."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from acg_dev.cli import parse_args


def test_bench_options_follow_the_oca_flag():
    args = parse_args(["bench", "aging", "--oca", "--", "--invoices", "1000000"])
    assert args.oca
    assert args.names == ["aging", "--invoices", "1000000"]


def test_bench_options_follow_the_names():
    args = parse_args(["bench", "monthend", "--", "--customers", "1000"])
    assert not args.oca
    assert args.names == ["monthend", "--customers", "1000"]
