"""A file's time limit grows with the pages it reads by OCR (actionplans.deadline, batch._run_pool),
and stays --timeout for a file that reads none.

The files are simulated by a per-file function defined here and handed to ``run_batch(worker=...)``:
it says it reads pages by OCR as the PDF reader does (``deadline.more_time``) and then takes the
time its name says; the pool and the limit under test are the real ones."""
from __future__ import annotations

import re
import time
from pathlib import Path

from actionplans import deadline
from actionplans.batch import OCR_PAGE_SHARE, run_batch, time_limit, timeout_reason
from actionplans.results import FileResult
from actionplans.settings import BatchOptions, ConvertOptions


def scanning(path: str, options: ConvertOptions) -> FileResult:
    """``<pages>ocr_<seconds>s.txt``: reads that many pages by OCR, taking that many seconds in all."""
    m = re.match(r"(\d+)ocr_(\d+)s", Path(path).name)
    pages, seconds = int(m.group(1)), int(m.group(2))
    for _ in range(pages):
        deadline.more_time(1)
    time.sleep(seconds)
    return FileResult(path=path)


def _file(tmp_path: Path, name: str) -> str:
    p = tmp_path / name
    p.write_text("x", encoding="utf-8")
    return str(p)


def test_the_limit_grows_by_a_share_of_the_timeout_per_ocr_page():
    assert time_limit(120, 0) == 120
    assert time_limit(120, 3) == 120 + 3 * OCR_PAGE_SHARE * 120
    assert timeout_reason(120, 0) == "timed out after 120 s (raise --timeout if the file is genuine)"
    assert timeout_reason(120, 2) == ("timed out after 180 s (120 s, and 30 s for each of its 2 page(s) read by "
                                      "OCR; raise --timeout if the file is genuine)")


def test_a_long_scan_finishes_where_a_file_without_ocr_times_out(tmp_path):
    # limit 2 s: a file of 12 OCR pages may take 2 * (1 + 12 / 4) = 8 s; one without OCR only 2 s
    files = [_file(tmp_path, "12ocr_4s.txt"), _file(tmp_path, "0ocr_4s.txt")]
    results = run_batch(files, batch=BatchOptions(jobs=2, timeout=2), worker=scanning)
    assert [r.path for r in results] == files
    assert results[0].ok, results[0].error
    assert results[1].error == "timed out after 2 s (raise --timeout if the file is genuine)"


def test_a_scan_past_its_longer_limit_still_times_out_and_says_why(tmp_path):
    files = [_file(tmp_path, "2ocr_3600s.txt")]
    results = run_batch(files, batch=BatchOptions(jobs=1, timeout=2), worker=scanning)
    assert results[0].error == timeout_reason(2, 2)
    assert "3 s (2 s, and 0.5 s for each of its 2 page(s) read by OCR" in results[0].error


def test_more_time_outside_a_batch_does_nothing():
    deadline.more_time(5)  # no listener: nothing happens, nothing fails
    heard = []
    deadline.listen(heard.append)
    try:
        deadline.more_time(2)
    finally:
        deadline.listen(None)
    deadline.more_time(1)
    assert heard == [2]
