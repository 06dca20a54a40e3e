"""The collector pause used over a page's glyphs and one document's extraction."""
from __future__ import annotations

import gc

import pytest

from actionplans.gcpause import paused_gc


@pytest.fixture
def restore_gc():
    enabled = gc.isenabled()
    yield
    (gc.enable if enabled else gc.disable)()


def test_the_collector_rests_inside_and_runs_again_after(restore_gc):
    gc.enable()
    with paused_gc():
        assert not gc.isenabled()
    assert gc.isenabled()


def test_the_collector_runs_again_after_an_error(restore_gc):
    gc.enable()
    with pytest.raises(ValueError):
        with paused_gc():
            raise ValueError("boom")
    assert gc.isenabled()


def test_a_collector_turned_off_by_the_caller_stays_off(restore_gc):
    gc.disable()
    with paused_gc():
        with paused_gc():
            pass
        assert not gc.isenabled()
    assert not gc.isenabled()


def test_nested_pauses_restore_only_at_the_outermost(restore_gc):
    gc.enable()
    with paused_gc():
        with paused_gc():
            pass
        assert not gc.isenabled()
    assert gc.isenabled()
