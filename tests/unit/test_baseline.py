"""The baseline repository every rule test starts from must itself be clean."""

from helpers import validate, write_repo


def test_baseline_is_clean(tmp_path):
    assert validate(write_repo(tmp_path)) == []
