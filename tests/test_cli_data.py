"""``planner demo`` and ``planner needs`` as a user runs them (subprocess, docs/cli.md shapes)."""

from __future__ import annotations

import json

import pytest


def _check_needs_shape(payload: dict) -> None:
    for centre in payload["centres"]:
        assert {"centre", "name", "lines"} <= set(centre)
        for line in centre["lines"]:
            assert {"item", "required", "usable", "need", "unit_price", "cost"} <= set(line)
            assert line["need"] == max(0, line["required"] - line["usable"])
            assert line["cost"] == line["need"] * line["unit_price"]
        assert centre["cost"] == sum(ln["cost"] + ln["repair_cost"] for ln in centre["lines"])
    assert payload["cost"] == sum(c["cost"] for c in payload["centres"])


@pytest.mark.parametrize(("dataset", "count"), [("thanh-hoa-2017", 28), ("thanh-hoa-2025", 167)])
def test_demo_then_needs_json(cli, dataset, count):
    done = cli("demo", "--dataset", dataset)
    assert done.returncode == 0, done.stderr
    assert "minh họa" in done.stdout
    done = cli("needs", "--json", "needs.json")
    assert done.returncode == 0, done.stderr
    payload = json.loads((cli.workdir / "needs.json").read_text(encoding="utf-8"))
    assert len(payload["centres"]) == count
    _check_needs_shape(payload)


def test_demo_if_empty_leaves_a_loaded_database_alone(cli):
    assert cli("demo", "--dataset", "thanh-hoa-2017").returncode == 0
    again = cli("demo", "--dataset", "thanh-hoa-2025", "--if-empty")
    assert again.returncode == 0 and "không nạp thêm" in again.stdout


def test_demo_of_another_dataset_into_a_loaded_database_is_refused(cli):
    assert cli("demo", "--dataset", "thanh-hoa-2017").returncode == 0
    refused = cli("demo", "--dataset", "thanh-hoa-2025")
    assert refused.returncode == 2
    assert "thanh-hoa-2017" in refused.stderr


def test_needs_on_an_empty_database_says_what_to_do(cli):
    done = cli("needs", "--json", "needs.json")
    assert done.returncode == 2
    assert "planner demo" in done.stderr
    assert not (cli.workdir / "needs.json").exists()


def test_db_option_overrides_the_environment(cli, tmp_path):
    other = tmp_path / "other.sqlite3"
    assert cli("demo", "--db", f"sqlite:///{other}").returncode == 0
    assert other.exists()
    assert not (cli.workdir / "planner.sqlite3").exists()
