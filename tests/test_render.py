"""The embedded renderer: chapters cached as pandoc ASTs give the same documents as a fresh parse."""

from __future__ import annotations

import json
import shutil
import zipfile

import pytest

from igskit.paths import PARAMS_DIR
from igskit.render import embedded as render
from igskit.render.embedded import CHAPTER_DIR, render_embedded
from igskit.render.pdf import Compiles
from igskit.run import pipeline

from .conftest import copy_region
from .test_pipeline import pdf_text


@pytest.fixture(scope="module")
def version(tmp_path_factory):
    root = tmp_path_factory.mktemp("render")
    params = copy_region(PARAMS_DIR / "voorbeeldregio.yml", root / "params")
    result = pipeline.run(params, outputs=root / "outputs", progress=pipeline.Progress(write=lambda _line: None))
    return result.version.path


def rendered(build):
    with zipfile.ZipFile(build / "nota.docx") as docx:
        document = docx.read("word/document.xml")
    return ((build / "nota.html").read_bytes(), document, (build / "nota.typ").read_bytes(),
            (build / "werkversie.html").read_bytes())


def copy_build(version, target):
    shutil.copytree(version, target)
    for name in ("nota.html", "nota.docx", "nota.typ", "nota.pdf", "werkversie.html", "werkversie.pdf"):
        (target / name).unlink()
    return target


def test_cached_chapters_give_the_same_documents_as_a_fresh_parse(version, tmp_path, monkeypatch):
    jobs = []
    start = render._start_pandoc

    def recording(job, outputs, build):
        jobs.append(json.loads(job.read_text(encoding="utf-8")))
        return start(job, outputs, build)

    monkeypatch.setattr(render, "_start_pandoc", recording)
    cache = tmp_path / "cache"
    fresh = copy_build(version, tmp_path / "vers")
    render_embedded(fresh, ["html", "docx", "pdf"])
    first = copy_build(version, tmp_path / "eerste")
    render_embedded(first, ["html", "docx", "pdf"], cache=cache)
    saved = {p.name: p.stat().st_mtime_ns for p in cache.iterdir()}
    assert len(saved) == 7  # index, five steps, the provenance appendix
    again = copy_build(version, tmp_path / "opnieuw")
    render_embedded(again, ["html", "docx", "pdf"], cache=cache)
    assert {p.name for p in cache.iterdir()} == set(saved)
    assert not any("markdown" in chapter for chapter in jobs[-1]["chapters"])  # nothing parsed again
    assert all("markdown" in chapter for chapter in jobs[0]["chapters"])
    assert rendered(fresh) == rendered(first) == rendered(again)
    html = (again / "werkversie.html").read_text(encoding="utf-8")
    assert 'id="controle"' in html and 'id="controle-1"' in html  # a heading text in two chapters
    assert not (again / CHAPTER_DIR).exists()


def test_a_changed_chapter_is_parsed_again(version, tmp_path):
    cache = tmp_path / "cache"
    render_embedded(copy_build(version, tmp_path / "eerste"), ["html"], cache=cache)
    changed = copy_build(version, tmp_path / "gewijzigd")
    index = changed / "index.qmd"
    index.write_text(index.read_text(encoding="utf-8").replace("## In een notendop", "## Kort gezegd"),
                     encoding="utf-8")
    render_embedded(changed, ["html"], cache=cache)
    assert "Kort gezegd" in (changed / "nota.html").read_text(encoding="utf-8")
    assert len(list(cache.iterdir())) == 8


def test_pdfs_compiled_in_a_child_process_for_long_lived_runs(tmp_path):
    """The planner and batch workers compile in a child: same PDF, typst's caches leave with the child."""
    import pytest

    from igskit.errors import RenderError
    from igskit.render.embedded import _compile_pdf, _compile_pdfs_in_child

    (tmp_path / "nota.typ").write_text("= Cultuurnota\n\nDe regio Wervelland.\n", encoding="utf-8")
    (tmp_path / "werkversie.typ").write_text("= Werkversie\n", encoding="utf-8")
    child = _compile_pdfs_in_child(tmp_path, ["nota", "werkversie"])
    assert [p.name for p in child] == ["nota.pdf", "werkversie.pdf"]
    assert all(p.read_bytes().startswith(b"%PDF") for p in child)
    in_child = (tmp_path / "nota.pdf").read_bytes()
    assert _compile_pdf(tmp_path, "nota").read_bytes()[:200] == in_child[:200]
    # one source of both editions: the edition is chosen when typst compiles it
    (tmp_path / "beide.typ").write_text('#let werk = sys.inputs.at("editie", default: "indien") == "werk"\n'
                                        '#if werk [Alleen in de werkversie.] else [Alleen in de indienversie.]\n',
                                        encoding="utf-8")
    compiles = Compiles(tmp_path, isolate=True)
    try:
        compiles.start("beide-werk", "beide", "werk")
        compiles.start("beide-indien", "beide", "indien")
        compiles.wait(["beide-werk", "beide-indien"])
    finally:
        compiles.close()
    assert "Alleen in de werkversie" in pdf_text(tmp_path / "beide-werk.pdf")
    assert "Alleen in de indienversie" in pdf_text(tmp_path / "beide-indien.pdf")
    assert "Alleen in de werkversie" in pdf_text(_compile_pdf(tmp_path, "beide-los", "beide", "werk"))
    (tmp_path / "kapot.typ").write_text("#let x = (\n", encoding="utf-8")
    with pytest.raises(RenderError, match="typst kon de PDF niet maken"):
        _compile_pdfs_in_child(tmp_path, ["kapot"])
