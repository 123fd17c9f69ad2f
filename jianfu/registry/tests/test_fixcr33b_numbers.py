"""fixcr33b L8: a number typed on a Chinese keyboard (full-width digits and spaces) is read as the number it is."""

from jianfu.registry import sensitive


def test_full_width_digits_and_spaces_are_read_as_the_number():
    assert sensitive.compact_number("１３８ ００１３\u3000８０００") == "13800138000"
    assert sensitive.searched_number("１３８ ００１３\u3000８０００") == "phone"
    assert sensitive.compact_number(" ４５０５２１１９９００１０１１２３ｘ ") == "45052119900101123X"
    assert sensitive.searched_number("４５０５２１１９９００１０１１２３ｘ") == "id_number"
    assert sensitive.searched_number("张 三") is None
