"""The igskit command speaks Dutch, also where argparse would speak English."""

import pytest

from igskit.cli import build_parser, main


def test_help_and_usage_are_dutch():
    text = build_parser().format_help()
    assert text.startswith("gebruik: igskit") and "opties:" in text
    assert "usage" not in text and "options" not in text


def test_wrong_command_line_is_explained_in_dutch(capsys):
    with pytest.raises(SystemExit) as info:
        main(["run", "x.yml", "--renderer", "foo"])
    assert info.value.code == 2
    err = capsys.readouterr().err
    assert "ongeldige keuze: 'foo'" in err and "Zie 'igskit --help'" in err
    with pytest.raises(SystemExit):
        main(["check"])
    assert "deze argumenten ontbreken: params" in capsys.readouterr().err
