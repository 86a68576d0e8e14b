import pytest

from booking.organisations.orgnumber import check_digit, is_valid, normalise


@pytest.mark.parametrize("number", [
    "974760673",  # Brønnøysundregistrene
    "935478715",  # Bærum kommune
    "974 760 673",
    "NO 974 760 673 MVA",
])
def test_valid_numbers(number):
    assert is_valid(number)


@pytest.mark.parametrize("number", [
    "974760672",  # wrong check digit
    "97476067",  # eight digits
    "9747606733",  # ten digits
    "97476067a",
    "",
])
def test_invalid_numbers(number):
    assert not is_valid(number)


def test_check_digit_rules():
    assert check_digit("97476067") == 3
    # Remainder 0 gives check digit 0; remainder 1 gives 10, which no number may have.
    assert check_digit("00000000") == 0
    first_eight_with_no_valid_number = next(
        f"{n:08d}" for n in range(10_000_000, 10_100_000) if check_digit(f"{n:08d}") is None)
    assert not any(is_valid(first_eight_with_no_valid_number + str(d)) for d in range(10))


def test_normalise():
    assert normalise(" 974.760.673 ") == "974760673"
