import pytest

from dialer.leads_csv import LeadsCsvError, column_key, parse_leads_csv


def parse(text: str, **kw):
    kw.setdefault("default_region", "SA")
    return parse_leads_csv(text.encode("utf-8"), **kw)


def test_plain_comma_file():
    result = parse("name,phone,company,loan amount\nAli,0501234567,ACME,5000\n")
    assert result.rejected == [] and result.merged == 0
    (lead,) = result.valid
    assert lead.row == 2
    assert lead.phone == "+966501234567"
    assert (lead.name, lead.company, lead.timezone) == ("Ali", "ACME", None)
    assert lead.custom_fields == {"loan_amount": "5000"}


def test_bom_semicolons_and_messy_headers():
    text = "\ufeff Name ;PHONE Number; Time Zone ;Company\nSara;+44 7911 123456;Europe/London;Foo\n"
    result = parse(text)
    (lead,) = result.valid
    assert (
        lead.name == "Sara" and lead.phone == "+447911123456" and lead.timezone == "Europe/London"
    )


def test_cp1252_file_from_excel():
    data = "name;phone\nJos\xe9;0501234567\n".encode("cp1252")
    assert parse_leads_csv(data, default_region="SA").valid[0].name == "José"


def test_bad_rows_are_reported_with_row_number_raw_values_and_reason():
    text = (
        "name,phone,timezone\n"
        "Ok,0501234567,Asia/Riyadh\n"
        "NoPhone,,\n"
        "Short,123,\n"
        "Letters,call me,\n"
        "BadZone,0551234567,Mars/Olympus\n"
        "Extra,0561234567,,surplus\n"
    )
    result = parse(text)
    assert [lead.row for lead in result.valid] == [2]
    rejected = {r.row: r for r in result.rejected}
    assert set(rejected) == {3, 4, 5, 6, 7}
    assert rejected[3].reason == "missing phone"
    assert "invalid phone" in rejected[4].reason and rejected[4].raw["phone"] == "123"
    assert "phone" in rejected[5].reason
    assert "time zone" in rejected[6].reason and rejected[6].raw["timezone"] == "Mars/Olympus"
    assert rejected[7].reason == "4 values for 3 columns"


def test_empty_names_are_allowed_and_blank_rows_skipped():
    result = parse("name,phone\n,0501234567\n,,\n\n")
    assert [(lead.name, lead.row) for lead in result.valid] == [(None, 2)]
    assert result.rejected == []


def test_duplicates_merged_first_wins_custom_fields_filled():
    text = (
        "name,phone,city,budget\n"
        "First,0501234567,Riyadh,\n"
        "Second,+966 50 123 4567,Jeddah,9000\n"
        "Other,0551234567,,\n"
        "Third,00966501234567,,\n"
    )
    result = parse(text)
    assert result.merged == 2
    assert [lead.phone for lead in result.valid] == ["+966501234567", "+966551234567"]
    first = result.valid[0]
    assert first.name == "First" and first.row == 2
    assert first.custom_fields == {"city": "Riyadh", "budget": "9000"}


def test_quoted_fields_with_delimiters():
    result = parse('name,phone,notes\n"Doe, Jane",0501234567,"likes ; and ,"\n')
    assert result.valid[0].name == "Doe, Jane"
    assert result.valid[0].custom_fields == {"notes": "likes ; and ,"}


def test_default_region_applies_to_national_numbers():
    result = parse("phone\n(212) 555-0123\n", default_region="US")
    assert result.valid[0].phone == "+12125550123"


def test_oversized_file_is_refused():
    text = "name,phone\n" + "Ali,0501234567\n" * 100
    with pytest.raises(LeadsCsvError, match="limit"):
        parse(text, max_bytes=200)
    assert parse(text, max_bytes=10_000).merged == 99


@pytest.mark.parametrize(
    "data",
    [
        b"PK\x03\x04\x14\x00\x00\x00binary xlsx",
        b"",
        b"   \n",
        b"\xff\xfe\x00n\x00a\x00m\x00e",
        b"just some prose, not a table of leads\n",
        b"name,name,phone\nA,B,0501234567\n",
        b"phone,Phone Number\n0501234567,0501234568\n",
    ],
)
def test_files_that_are_not_lead_csvs_get_a_clear_error(data):
    with pytest.raises(LeadsCsvError):
        parse_leads_csv(data, default_region="SA")


def test_column_key():
    assert column_key("  Loan Amount (SAR) ") == "loan_amount_sar"
