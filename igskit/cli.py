"""The ``igskit`` command: it only parses arguments and reports; the work is done elsewhere.

Exit status: 0 done (``check``: the nota is ready), 1 a run failed (``check``: something is
missing; also a full or read-only disk and an internal error), 2 bad input (an invalid params
file, an unknown version, a region id that is not one, an outputs folder igskit cannot use),
130 interrupted (Ctrl-C). An unexpected error (a bug) is one Dutch line; its traceback goes to
a log file in ``outputs/<regio>/`` (``outputs/`` when the region is not known yet).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from igskit.errors import IgskitError, InternalError, disk_error, write_internal_log
from igskit.run.checkpoints import reached

# argparse's own words, as a coördinator should read them
_ARGPARSE_DUTCH = (
    ("usage: ", "gebruik: "),
    ("positional arguments:", "argumenten:"),
    ("options:", "opties:"),
    ("the following arguments are required: ", "deze argumenten ontbreken: "),
    ("unrecognized arguments: ", "onbekende argumenten: "),
    ("invalid choice: ", "ongeldige keuze: "),
    ("choose from ", "kies uit "),
    ("invalid int value: ", "geen geheel getal: "),
)


def _dutch(text: str) -> str:
    for english, dutch in _ARGPARSE_DUTCH:
        text = text.replace(english, dutch)
    return text


class DutchParser(argparse.ArgumentParser):
    """argparse with its usage, headings and error messages in Dutch."""

    def format_usage(self) -> str:
        return _dutch(super().format_usage())

    def format_help(self) -> str:
        return _dutch(super().format_help())

    def error(self, message: str):
        self.print_usage(sys.stderr)
        self.exit(2, f"igskit: fout in de opdracht: {_dutch(message)}\n→ Zie 'igskit --help'.\n")


def build_parser() -> argparse.ArgumentParser:
    parser = DutchParser(prog="igskit", description="Beleidsplanning voor een IGS cultuur: van params-bestand "
                         "tot cultuurnota.", add_help=False)
    parser.add_argument("-h", "--help", action="help", help="toon deze hulp en stop")
    sub = parser.add_subparsers(dest="command", required=True, title="opdrachten", parser_class=DutchParser)

    run = sub.add_parser("run", help="voer de planningsstappen uit en maak de nota", add_help=False)
    run.add_argument("-h", "--help", action="help", help="toon deze hulp en stop")
    run.add_argument("params", nargs="+", type=Path, help="params-bestand(en), bv. params/voorbeeldregio.yml")
    run.add_argument("--label", default="", help="label voor de nieuwe versie, bv. 'na feedback raad van bestuur'")
    run.add_argument("--notitie", default="", help="notitie bij de nieuwe versie")
    run.add_argument("--opnieuw", action="store_true", help="voer alle stappen opnieuw uit, ook als niets wijzigde")
    run.add_argument("--renderer", choices=("auto", "quarto", "ingebouwd"), default="auto",
                     help="auto: Quarto als het geïnstalleerd is, anders de ingebouwde renderer")
    run.add_argument("--verse-kernels", action="store_true",
                     help="start voor elke stap een nieuwe kernel (trager; gewone papermill)")
    run.add_argument("--parallel", type=int, default=2, help="aantal regio's tegelijk (standaard 2)")

    check = sub.add_parser("check", help="kwaliteitscontrole zonder iets uit te voeren", add_help=False)
    check.add_argument("-h", "--help", action="help", help="toon deze hulp en stop")
    check.add_argument("params", type=Path, help="params-bestand, bv. params/voorbeeldregio.yml")

    new = sub.add_parser("nieuw", help="maak het params-bestand van een nieuwe regio", add_help=False)
    new.add_argument("-h", "--help", action="help", help="toon deze hulp en stop")
    new.add_argument("naam", nargs="?", default="", help="naam van de regio, bv. 'Cultuurregio Leie en Schelde' "
                     "(zonder naam vraagt igskit alles)")
    new.add_argument("--gemeenten", default=None, help="de deelnemende gemeenten, gescheiden door komma's, "
                     "bv. 'Deinze, Zulte, Gavere'")
    new.add_argument("--map", type=Path, default=Path("params"), help="map voor het params-bestand (standaard params)")

    diff = sub.add_parser("diff", help="wat veranderde tussen twee versies", add_help=False)
    diff.add_argument("-h", "--help", action="help", help="toon deze hulp en stop")
    diff.add_argument("regio", help="id van de regio, bv. voorbeeldregio")
    diff.add_argument("van", help="oude versie, bv. v1")
    diff.add_argument("naar", help="nieuwe versie, bv. v2")

    versions = sub.add_parser("versies", help="toon de versies van een regio", add_help=False)
    versions.add_argument("-h", "--help", action="help", help="toon deze hulp en stop")
    versions.add_argument("regio", help="id van de regio, bv. voorbeeldregio")

    planner = sub.add_parser("planner", help="open de planner: het hele plan bewerken in de browser",
                             add_help=False)
    planner.add_argument("-h", "--help", action="help", help="toon deze hulp en stop")
    planner.add_argument("--map", type=Path, default=None, help="map met de params-bestanden (standaard params/)")
    planner.add_argument("--poort", type=int, default=None, help="poort op localhost (standaard een vrije poort)")
    planner.add_argument("--geen-browser", action="store_true", help="open geen browser (alleen de server)")
    return parser


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        reached(f"opdracht-{args.command}")
        return {"run": _run, "check": _check, "nieuw": _new, "diff": _diff, "versies": _versions,
                "planner": _planner}[args.command](args)
    except IgskitError as exc:
        print(f"igskit: {exc}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print("igskit: onderbroken (Ctrl-C): de lopende stappen zijn gestopt. De vorige versies en de "
              "gepubliceerde nota zijn niet aangeraakt.", file=sys.stderr)
        return 130
    except Exception as exc:  # noqa: BLE001 - a bug: one Dutch line, the traceback in a log file
        error = disk_error(exc, consequence="De vorige versies en de gepubliceerde nota zijn niet aangeraakt.")
        if error is None:
            error = InternalError(write_internal_log(exc, _log_folder(args)))
        print(f"igskit: {error}", file=sys.stderr)
        return error.exit_code


def _log_folder(args) -> Path | None:
    """Where an internal error's log goes: the region's folder when known, else the outputs folder."""
    from igskit.paths import REGION_ID_PATTERN, outputs_dir

    try:
        outputs = outputs_dir()
    except Exception:  # noqa: BLE001 - a strange environment: the temp folder then
        return None
    region = getattr(args, "regio", None)
    import re

    if region and re.match(REGION_ID_PATTERN, region):
        folder = outputs / region
        if folder.is_dir() and not folder.is_symlink():
            return folder
    return outputs if outputs.is_dir() else None


def _run(args) -> int:
    from igskit.paths import writable_outputs_dir
    from igskit.run import pipeline

    renderer = {"ingebouwd": "embedded"}.get(args.renderer, args.renderer)
    options = {"label": args.label, "note": args.notitie, "force": args.opnieuw, "renderer": renderer,
               "fresh_kernels": args.verse_kernels}
    if len(args.params) == 1:
        pipeline.run(args.params[0], **options)
        return 0
    from igskit.params.load import load_plan

    slugs: dict[str, Path] = {}
    for path in args.params:  # validate every region before any kernel starts
        slug = load_plan(path).plan.region.slug
        if slug in slugs:
            raise IgskitError(f"{path} en {slugs[slug]} gebruiken allebei regio-id '{slug}'; "
                              "elke regio schrijft in haar eigen map. → Geef elke regio een eigen 'regio.id'.")
        slugs[slug] = path
    writable_outputs_dir()  # a file or a folder igskit cannot write in: a Dutch error before anything runs
    results = pipeline.run_many(args.params, jobs=args.parallel, **options)
    failed = [p for p, r in results.items() if isinstance(r, IgskitError)]
    print(f"{len(results) - len(failed)} van {len(results)} regio's klaar." +
          (f" Mislukt: {', '.join(failed)}." if failed else ""))
    return 1 if failed else 0


def _check(args) -> int:
    from igskit.params.load import load_plan
    from igskit.planning import conformance, process
    from igskit.planning.findings import STATUS_WORD

    loaded = load_plan(args.params)
    findings = conformance.review(loaded)
    width = max(len(f.topic) for f in findings)
    for f in findings:
        where = f"  → {f.key}" if f.key and not f.ok else ""
        print(f"{STATUS_WORD[f.status]:<10} {f.topic:<{width}}  {f.message}{where}")
    ready = conformance.is_ready(findings)
    blocking = sum(f.status == "blokkerend" for f in findings)
    attention = sum(f.status == "aandacht" for f in findings)
    print()
    print(f"Volgende stap in het stappenplan: {process.next_step_text(loaded.plan)}")
    print("De nota is klaar om in te dienen." if ready else
          f"De nota is nog niet klaar: {blocking} blokkerend(e) punt(en).")
    if attention:
        print(f"{attention} punt(en) vragen aandacht.")
    return 0 if ready else 1


def _new(args) -> int:
    from igskit.editing import newregion

    name = args.naam
    if args.gemeenten is None:
        if not sys.stdin.isatty():
            raise newregion.NewRegionError([newregion.Problem(
                None, None, "--gemeenten", "zonder terminal kan igskit de gemeenten niet vragen",
                "geef ze mee: igskit nieuw \"Naam van de regio\" --gemeenten \"Deinze, Zulte, ...\"")])
        try:
            name, names = newregion.ask(name)
        except EOFError:
            print("igskit: gestopt; er is niets geschreven.", file=sys.stderr)
            return 130
    else:
        names = newregion.split_names(args.gemeenten)
    print(newregion.write_message(newregion.create(name, names, args.map)))
    return 0


def _diff(args) -> int:
    from igskit.run import changes
    from igskit.run.versions import History

    history = History(args.regio)
    old, new = history.get(args.van), history.get(args.naar)
    print(changes.report_markdown(changes.load_version_plan(old), changes.load_version_plan(new), old.name, new.name))
    return 0


def _versions(args) -> int:
    from igskit.run.versions import History

    history = History(args.regio)  # a region id, never a path
    try:
        for line in history.recover():  # repair what a killed run left behind
            print(line)
    except OSError:
        pass  # a read-only outputs folder: listing still works
    versions = history.versions()
    if not versions:
        print(f"Regio '{args.regio}' heeft nog geen versies in {history.versions_dir}.")
        return 0
    for v in versions:
        m = v.manifest
        label = f" — {m['label']}" if m.get("label") else ""
        print(f"{v.name}  {m.get('created', '')[:16].replace('T', ' ')}  uitgevoerd: "
              f"{', '.join(m.get('executed', [])) or 'niets'}{label}")
    return 0



def _planner(args) -> int:
    from igskit.editing.planner.server import serve
    from igskit.paths import PARAMS_DIR

    return serve(args.map or PARAMS_DIR, args.poort, open_browser=not args.geen_browser)


if __name__ == "__main__":
    raise SystemExit(main())
