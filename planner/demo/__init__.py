"""Illustrative data, so that the app and the tests can be tried without a real survey round.

- ``data``      the centres of a dataset, the catalog, and seeded, labelled made-up surveys
                (``planner demo``; every survey flagged ``illustrative``);
- ``accounts``  one demo login per role with documented passwords
                (``python -m planner.demo.accounts``, called by ``make run``).

Only front ends use this package (the ``planner demo`` command, ``make run``), with the
tests and the benchmarks.
"""
