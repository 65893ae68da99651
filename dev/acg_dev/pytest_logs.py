"""A pytest plugin of `runner.py pytest`: Odoo's WARNING, ERROR and CRITICAL
records fail the test that logs them, as tier 3 fails on any such record of its
log. A test that expects one mutes it (mute_logger) or catches it (assertLogs),
which keeps it from the root logger, under odoo-bin as here. Python warnings
raised by the tests, which Odoo logs as WARNING records, fail the run likewise.

Loaded with `-p acg_dev.pytest_logs`; it does not import odoo.
"""

import logging

import pytest


class RecordsHandler(logging.Handler):
    def __init__(self):
        super().__init__(logging.WARNING)
        self.records = []

    def emit(self, record):
        self.records.append(record)


def check_logs():
    handler = RecordsHandler()
    root = logging.getLogger()
    root.addHandler(handler)
    try:
        result = yield
    finally:
        root.removeHandler(handler)
    if handler.records:
        pytest.fail(
            f"{len(handler.records)} WARNING/ERROR/CRITICAL log records:\n"
            + "\n".join(
                f"{record.levelname} {record.name}: {record.getMessage()}"
                for record in handler.records
            ),
            pytrace=False,
        )
    return result


# setUpClass runs in the setup of a class's first test, tearDownClass in the
# teardown of its last: every phase is watched.
@pytest.hookimpl(wrapper=True)
def pytest_runtest_setup(item):
    return (yield from check_logs())


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item):
    return (yield from check_logs())


@pytest.hookimpl(wrapper=True)
def pytest_runtest_teardown(item):
    return (yield from check_logs())


# The tests that raised a Python warning, in this pytest process.
warned_tests = []


def pytest_warning_recorded(warning_message, when, nodeid, location):
    if when == "runtest":
        warned_tests.append(nodeid)


def pytest_sessionfinish(session, exitstatus):
    if warned_tests and exitstatus == pytest.ExitCode.OK:
        session.exitstatus = pytest.ExitCode.TESTS_FAILED


def pytest_terminal_summary(terminalreporter):
    if warned_tests:
        terminalreporter.write_line(
            f"{len(warned_tests)} Python warnings in the tests (see the warnings "
            "summary) fail the run: Odoo logs them as WARNING records, which fail "
            "tier 3"
        )
