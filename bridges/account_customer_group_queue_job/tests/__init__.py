from . import test_run_jobs
