"""End to end, for real: papermill executes the notebooks, pandoc and typst render the nota."""

from __future__ import annotations

import hashlib
import json
import re
import shutil

import nbformat
import pytest
from docx import Document
from pypdf import PdfReader

from igskit import StepError, load_plan
from igskit.params.reading import read_document
from igskit.paths import PARAMS_DIR
from igskit.planning import budget
from igskit.render.book import STEPS, read_book
from igskit.render.embedded import cell_options
from igskit.run import pipeline, steps

from .conftest import copy_region, edit_params


def digest(path):
    return hashlib.sha256(path.read_bytes()).hexdigest()


def docx_text(path):
    doc = Document(path)
    parts = [p.text for p in doc.paragraphs]
    for table in doc.tables:
        parts += [cell.text for row in table.rows for cell in row.cells]
    return "\n".join(parts)


def pdf_text(path):
    return " ".join(page.extract_text() for page in PdfReader(path).pages)


@pytest.fixture(scope="module")
def demo_run(tmp_path_factory):
    """The demo region run once (v1), in its own outputs folder."""
    root = tmp_path_factory.mktemp("e2e")
    params = copy_region(PARAMS_DIR / "voorbeeldregio.yml", root / "params")
    outputs = root / "outputs"
    lines = []
    result = pipeline.run(params, outputs=outputs, progress=pipeline.Progress(write=lines.append))
    return {"params": params, "outputs": outputs, "result": result, "lines": lines,
            "region": outputs / "voorbeeldregio"}


def test_three_documents_with_every_gemeente_and_sd(demo_run):
    region = demo_run["region"]
    for name in ("nota.html", "nota.docx", "nota.pdf", "begroting.xlsx"):
        assert (region / name).is_file(), name
    plan = load_plan(demo_run["params"]).plan
    text = docx_text(region / "nota.docx")
    for name in plan.region.municipality_names:
        assert name in text
    for sd in plan.objectives:
        assert sd.title in text
    total = budget.euro(budget.grand_total_costs(plan), symbol=True)
    assert total in re.sub(r"\s+", " ", pdf_text(region / "nota.pdf"))
    html = (region / "nota.html").read_text(encoding="utf-8")
    assert "<table" in html and "data:image/png;base64" in html  # one self-contained file
    assert not re.search(r'(src|href)="(figuren/|nota\.css)', html)
    assert html.count("data:image/png;base64") == len(list((demo_run["result"].version.path / "figuren").iterdir()))


def test_progress_says_step_by_step_and_where_the_documents_are(demo_run):
    lines = demo_run["lines"]
    assert any(line.startswith("[1/6] Stakeholders en netwerk: klaar") for line in lines)
    assert any(line.startswith("[6/6] Afsprakennota vrijetijdsparticipatie") for line in lines)
    assert any(str(demo_run["region"] / "afsprakennota.pdf") in line for line in lines)
    assert any(str(demo_run["region"] / "nota.pdf") in line for line in lines)


def test_docx_uses_house_style_and_has_the_required_chapters(demo_run):
    doc = Document(demo_run["region"] / "nota.docx")
    def unnumbered(text):
        return re.sub(r"^[\d.]+\t", "", text)

    headings = [unnumbered(p.text) for p in doc.paragraphs if p.style.name == "Heading 1"]
    for title in ("Inleiding", "Stakeholders en netwerk", "Omgevingsanalyse en SWOT",
                  "Visie, prioriteiten en doelstellingen", "Meerjarenbegroting", "Werking, netwerk en zakelijk plan"):
        assert title in headings
    assert not any("Herkomst van deze versie" in h for h in headings)  # werkversie only
    assert {t.style.name for t in doc.tables} == {"Table"}
    level2 = [unnumbered(p.text) for p in doc.paragraphs if p.style.name == "Heading 2"]
    assert "Kwaliteitscontrole" not in level2  # werkversie only
    assert "Afsprakennota vrijetijdsparticipatie" in level2
    footer_xml = doc.sections[0].footer._element.xml
    assert "PAGE" in footer_xml
    text = docx_text(demo_run["region"] / "nota.docx")
    assert "Tabel 4.2" in text and "Figuur 1.1" in text  # captions and cross-references are numbered
    body = doc.element.body.xml
    anchors = {a for a in re.findall(r'w:anchor="([^"]+)"', body) if a.startswith(("fig-", "tbl-"))}
    bookmarks = set(re.findall(r'w:bookmarkStart[^>]*w:name="([^"]+)"', body))
    assert anchors and anchors <= bookmarks  # every cross-reference is a working link


def test_provenance_appendix_names_hashes_and_renderer(demo_run):
    version = demo_run["result"].version
    appendix = (version.path / "bijlage-herkomst.qmd").read_text(encoding="utf-8")
    assert hashlib.sha256(demo_run["params"].read_bytes()).hexdigest() in appendix
    assert "ingebouwd (pandoc + typst)" in appendix and "papermill" in appendix
    assert version.manifest["inputs"]["indicatoren"]["file"] == "indicatoren.csv"


def test_quarto_book_project_structure(demo_run):
    build = demo_run["result"].version.path
    config = read_book(build)
    assert config["project"]["type"] == "book"
    assert config["execute"] == {"enabled": False, "echo": False, "warning": False}
    assert config["book"]["chapters"] == ["index.qmd", *[f"{s}.ipynb" for s in STEPS]]
    assert config["book"]["appendices"] == []  # the provenance is in the werkversie profile only
    assert config["format"]["docx"]["reference-doc"] == "reference.docx"
    assert set(config["format"]) == {"html", "docx", "typst"}
    assert "template" not in config["format"]["typst"]  # Quarto keeps its own typst template and partials
    for name in [*config["book"]["chapters"], *config["book"]["appendices"], "reference.docx", "nota-sjabloon.typ"]:
        assert (build / name).is_file(), name
    labels = set()
    for step in STEPS:
        nb = nbformat.read(build / f"{step}.ipynb", as_version=4)
        first_code = next(c for c in nb.cells if c.cell_type == "code")
        assert "parameters" in first_code.metadata.tags
        assert any("injected-parameters" in c.metadata.get("tags", []) for c in nb.cells)
        assert nb.cells[0].cell_type == "markdown" and nb.cells[0].source.startswith("# ")
        for cell in nb.cells:
            if cell.cell_type != "code":
                continue
            options = cell_options(cell.source)
            label = options.get("label")
            if label:
                assert label.startswith(("fig-", "tbl-")) and label not in labels
                labels.add(label)
                if label.startswith("fig-"):
                    assert options.get("fig-cap")
    text = "\n".join(c.source for step in STEPS for c in nbformat.read(build / f"{step}.ipynb", as_version=4).cells)
    for ref in re.findall(r"@((?:fig|tbl)-[\w-]+)", text):
        assert ref in labels, ref


def test_no_change_rerun_executes_nothing(demo_run):
    lines = []
    result = pipeline.run(demo_run["params"], outputs=demo_run["outputs"],
                          progress=pipeline.Progress(write=lines.append))
    assert result.unchanged and result.executed == [] and result.version.name == "v1"
    assert any("Niets gewijzigd sinds versie v1" in line for line in lines)


def test_notebooks_autosaved_by_jupyterlab_make_no_new_version(demo_run, tmp_path, monkeypatch):
    """JupyterLab's autosave writes outputs and widget state into the step notebooks: not a change."""
    import json

    autosaved = tmp_path / "notebooks"
    autosaved.mkdir()
    for step in steps.EVERY:
        notebook = json.loads(step.notebook.read_text(encoding="utf-8"))
        notebook["metadata"]["widgets"] = {"application/vnd.jupyter.widget-state+json": {"state": {}}}
        for cell in notebook["cells"]:
            if cell["cell_type"] == "code":
                cell["execution_count"] = 1
                cell["outputs"] = [{"output_type": "display_data", "metadata": {},
                                    "data": {"text/plain": ["<uitvoer uit JupyterLab>"]}}]
        (autosaved / step.notebook.name).write_text(json.dumps(notebook, indent=1), encoding="utf-8")
    monkeypatch.setattr(steps, "NOTEBOOKS_DIR", autosaved)
    lines = []
    result = pipeline.run(demo_run["params"], outputs=demo_run["outputs"],
                          progress=pipeline.Progress(write=lines.append))
    assert result.unchanged and result.version.name == "v1"
    assert any("Niets gewijzigd" in line for line in lines)


def test_budget_edit_reruns_only_budget_and_nota_and_keeps_v1(demo_run):
    v1 = demo_run["result"].version.path
    before = {p.name: digest(p) for p in v1.iterdir() if p.is_file()}

    def change(doc):
        doc["begroting"]["werking"][0]["bedrag"] = int(doc["begroting"]["werking"][0]["bedrag"]) + 1000
    edit_params(demo_run["params"], change)
    result = pipeline.run(demo_run["params"], outputs=demo_run["outputs"], label="na feedback raad van bestuur",
                          progress=pipeline.Progress(write=lambda _line: None))
    assert result.version.name == "v2"
    assert result.executed == ["04-begroting", "05-nota", "06-afsprakennota"]  # the network budget
    assert result.reused == ["01-stakeholders", "02-omgevingsanalyse", "03-doelstellingen"]
    assert {p.name: digest(p) for p in v1.iterdir() if p.is_file()} == before  # never overwritten
    assert digest(demo_run["region"] / "nota.docx") == digest(result.version.path / "nota.docx")
    report = (result.version.path / "bijlage-wijzigingen.qmd").read_text(encoding="utf-8")
    assert "Wijzigingen t.o.v. versie v1" in report and "+1.000,00" in report
    # the line itself is named, with its amounts over the period before and after, and the balance
    plain = report.replace("\\", "")  # table cells are Markdown-escaped ("54\\.000,00")
    assert re.search(r"\| Werking: Kantoor, ICT en verzekeringen \| Uitgaven \| bedrag 2027: 9\.000,00 → "
                     r"10\.000,00.*\| 54\.000,00 \| 60\.000,00 \| \+6\.000,00 \|", plain)
    assert "## Saldo per jaar" in report
    assert json.loads((result.version.path / "manifest.json").read_text())["label"] == "na feedback raad van bestuur"


def test_diff_and_versions_commands(demo_run, monkeypatch, capsys):
    from igskit.cli import main

    monkeypatch.setenv("IGSKIT_OUTPUTS", str(demo_run["outputs"]))
    assert main(["diff", "voorbeeldregio", "v1", "v2"]) == 0
    out = capsys.readouterr().out
    assert "Wat veranderde van versie v1 naar versie v2" in out and "+1.000,00" in out
    assert main(["versies", "voorbeeldregio"]) == 0
    assert "na feedback raad van bestuur" in capsys.readouterr().out
    assert main(["diff", "voorbeeldregio", "v1", "v9"]) == 2
    assert "Versie v9 van regio 'voorbeeldregio' bestaat niet" in capsys.readouterr().err


def test_afsprakennota_left_out_when_disabled(demo_run):
    edit_params(demo_run["params"], lambda doc: doc["nota"].__setitem__("afsprakennota", False))
    result = pipeline.run(demo_run["params"], outputs=demo_run["outputs"],
                          progress=pipeline.Progress(write=lambda _line: None))
    assert "04-begroting" not in result.executed and "05-nota" in result.executed
    text = docx_text(result.version.path / "nota.docx")
    assert "Afsprakennota vrijetijdsparticipatie" not in text
    assert "Kwaliteitscontrole" in (result.version.path / "werkversie.html").read_text(encoding="utf-8")


def test_failing_step_keeps_previous_documents(demo_run, tmp_path, monkeypatch):
    notebooks = tmp_path / "notebooks"
    shutil.copytree(steps.NOTEBOOKS_DIR, notebooks)
    broken = nbformat.read(notebooks / "03-doelstellingen.ipynb", as_version=4)
    broken.cells.insert(4, nbformat.v4.new_code_cell("raise ValueError('kapotte stap')"))
    nbformat.write(broken, notebooks / "03-doelstellingen.ipynb")
    monkeypatch.setattr(steps, "NOTEBOOKS_DIR", notebooks)
    region = demo_run["region"]
    published = {name: digest(region / name) for name in ("nota.html", "nota.docx", "nota.pdf")}
    versions = sorted(p.name for p in (region / "versies").iterdir())
    with pytest.raises(StepError) as info:
        pipeline.run(demo_run["params"], outputs=demo_run["outputs"], force=True,
                     progress=pipeline.Progress(write=lambda _line: None))
    error = info.value
    assert error.step == "03-doelstellingen" and error.cell == 5 and error.ename == "ValueError"
    assert "Stap '03-doelstellingen' is mislukt in cel 5" in str(error)
    assert error.notebook.is_file() and "mislukt" in error.notebook.parts
    assert {name: digest(region / name) for name in published} == published
    assert sorted(p.name for p in (region / "versies").iterdir()) == versions


def test_batch_writes_each_region_only_into_its_own_folder(tmp_path):
    from .conftest import FIXTURES

    first = copy_region(FIXTURES / "kleineregio.yml", tmp_path / "a")
    second = copy_region(FIXTURES / "kleineregio.yml", tmp_path / "b")
    edit_params(second, lambda doc: doc["regio"].__setitem__("id", "tweederegio"))
    outputs = tmp_path / "outputs"
    results = pipeline.run_many([first, second], jobs=2, outputs=outputs)
    assert all(isinstance(r, pipeline.RunResult) for r in results.values())
    assert sorted(p.name for p in outputs.iterdir()) == ["kleineregio", "tweederegio"]
    for slug in ("kleineregio", "tweederegio"):
        manifest = json.loads((outputs / slug / "versies" / "v1" / "manifest.json").read_text())
        assert manifest["region"] == slug
        assert (outputs / slug / "nota.html").is_file()
        assert read_document(outputs / slug / "versies" / "v1" / "invoer" / "kleineregio.yml")["regio"]["id"] == slug


def test_a_single_region_stops_its_kernels_before_rendering(tmp_path, monkeypatch):
    from igskit.render import embedded as render
    from igskit.run import kernels

    params = copy_region(PARAMS_DIR / "voorbeeldregio.yml", tmp_path / "params")
    kept_while_rendering = []
    original = render.render

    def watching(*args, **kwargs):
        kept_while_rendering.append(kernels._kept)
        return original(*args, **kwargs)

    monkeypatch.setattr(render, "render", watching)
    results = pipeline.run_many([params], jobs=2, outputs=tmp_path / "outputs")
    assert isinstance(results[str(params)], pipeline.RunResult)
    assert kept_while_rendering == [None, None] and kernels._kept is None
