"""samples/expected is the project's copy of the shared gold: it must not drift from it."""
import pytest

from structured import GOLD, SHARED_GOLD, needs_shared, seeds


def test_every_seed_has_its_expected_actions_in_the_project():
    for seed in seeds():
        lines = (GOLD / f"{seed}.jsonl").read_text(encoding="utf-8").splitlines()
        assert len([line for line in lines if line.strip()]) >= 10, seed
        assert (GOLD / f"{seed}.meta.json").is_file(), seed


@needs_shared("gold")
@pytest.mark.parametrize("name", sorted(p.name for p in SHARED_GOLD.glob("*.json*")) or ["-"])
def test_expected_copy_matches_the_shared_gold(name):
    assert (GOLD / name).read_bytes() == (SHARED_GOLD / name).read_bytes(), (
        f"samples/expected/{name} differs from ../shared/gold/{name}: copy the shared gold again")
