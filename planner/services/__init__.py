"""What the front ends call: the web pages, the ``planner`` command and the benchmarks.

The last stage of the data flow (docs/architecture.md). The domain (``planner/*.py``), the
needs (``planner.needs``), the optimiser (``planner.optimise``), procurement and the Excel
workbooks compute; the store (``planner.store``) keeps. A service puts them together for one
task of a front end — read the database's current state, check the acting user's right, save
through the audit log, turn a form into a model — so that no page or command holds business
logic and every front end gets the same answer.

Each module is here because a front end calls it for a task, not because it is a stage of
the computation:

- ``workspace``       one database's current state (centres, catalog, latest surveys) and its
                      needs: where every front end starts;
- ``surveys``         save, read and diff surveys through the permission check;
- ``survey_form``     the web form's survey rows and fields → a validated Survey (pure, no
                      database, but the page's: it shares its rules with the Excel import and
                      exists only for the form);
- ``survey_round``    where each centre stands in the stored survey round, and its notices;
- ``overview``        the data stamp, the versions' who/when/source, coverage, map points;
- ``scenario_fields`` the scenario form both ways, tỷ đồng tables ↔ Scenario (pure, but the
                      page's, like ``survey_form``);
- ``scenario_run``    one what-if run: check the right, solve, group into packages, write the
                      proposal workbook;
- ``run_job``         a solve or a sweep in a background thread, with its step and a stop;
                      it keeps its own result in the database;
- ``job_registry``    the running jobs of this server process by user, so that a reloaded
                      page finds its job again;
- ``run_history``     a solved scenario kept in and reopened from the database, with its
                      package edits replayed;
- ``catalog_edit``    prices and norms edited as a table, saved as a new catalog version;
- ``survey_files``    a centre's Excel template written from the database, an upload saved
                      (``planner.excel`` builds and reads the workbooks, opening no database).

The permission checks themselves live in :mod:`planner.auth` and the store's writers; a service
calls them with the acting user. ``planner.excel``, ``planner.optimise`` and ``planner.needs``
open no database (``planner.excel.round_board`` reads the round's pure rule from
``survey_round`` and its record type from ``planner.store.rounds``, but never an engine).
"""
