"""Code review 21: a declared size one byte over the limit read "大小为 10.0 MB，超过 10 MB 的上限" — a size no larger
than the limit it is refused for. The size is rounded up to a tenth of a MB."""

import pytest

from jianfu.core.uploads import too_large_message

MB = 2**20


@pytest.mark.parametrize(
    ("size", "message"),
    [
        (10 * MB + 1, "照片大小为 10.1 MB，超过 10 MB 的上限。"),
        (10 * MB + MB // 10, "照片大小为 10.1 MB，超过 10 MB 的上限。"),
        (10 * MB + MB // 10 + 1, "照片大小为 10.2 MB，超过 10 MB 的上限。"),
        (200 * MB, "照片大小为 200.0 MB，超过 10 MB 的上限。"),
    ],
)
def test_a_size_just_over_the_limit_reads_over_it(size: int, message: str) -> None:
    assert too_large_message("照片", limit=10 * MB, size=size) == message
