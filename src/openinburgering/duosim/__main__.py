"""Command line: ``python -m openinburgering.duosim [serve|notificeer] ...`` (see the package docstring)."""

from __future__ import annotations

import argparse
import json
import sys

import httpx

from .besturing import SCENARIO_NAMEN
from .server import serve_forever
from .simulator import DEFAULT_DUO_OIN, Simulator
from .state import DEFAULT_GEMEENTEN, Gemeente


def _gemeente(value: str) -> Gemeente:
    """``OIN=CODE:Naam`` (e.g. ``00000001002221450000=0642:Zwijndrecht``)."""
    try:
        oin, rest = value.split("=", 1)
        code, naam = rest.split(":", 1)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected OIN=CODE:Naam, got {value!r}") from None
    if len(oin) != 20 or not oin.isdigit() or len(code) != 4 or not code.isdigit():
        raise argparse.ArgumentTypeError(f"expected a 20-digit OIN and a 4-digit gemeentecode, got {value!r}")
    return Gemeente(oin, code, naam)


def parser() -> argparse.ArgumentParser:
    root = argparse.ArgumentParser(prog="python -m openinburgering.duosim", description="DUO-simulator")
    sub = root.add_subparsers(dest="command")
    serve = sub.add_parser("serve", help="serve DUO's APIs, the BRP fake and the control page (default)")
    serve.add_argument("--host", default="127.0.0.1")
    serve.add_argument("--port", type=int, default=8001)
    serve.add_argument("--product-url", help="where notificaties go, e.g. http://127.0.0.1:8000/duo/notificaties")
    serve.add_argument("--duo-oin", default=DEFAULT_DUO_OIN, help="bron of notificaties, the doel DUO accepts")
    serve.add_argument("--seed", action="store_true", help="start with a handful of persons")
    serve.add_argument("--accept-unknown-gemeenten", action="store_true",
                       help="register any bron OIN as a gemeente instead of answering 403")  # fmt: skip
    serve.add_argument("--seed-gemeente-oin", default=DEFAULT_GEMEENTEN[0].oin)
    serve.add_argument("--gemeente", type=_gemeente, action="append", default=[], metavar="OIN=CODE:Naam",
                       help="register a gemeente (repeatable) besides the default ones")  # fmt: skip

    notificeer = sub.add_parser("notificeer", help="run one scenario and send its notificatie")
    notificeer.add_argument("--scenario", required=True, choices=SCENARIO_NAMEN)
    notificeer.add_argument("--gemeente-oin", required=True)
    notificeer.add_argument("--bsn")
    target = notificeer.add_mutually_exclusive_group(required=True)
    target.add_argument("--simulator-url", help="a running simulator, e.g. http://127.0.0.1:8001")
    target.add_argument("--product-url", help="send directly from a fresh in-memory simulator")
    notificeer.add_argument("--duo-oin", default=DEFAULT_DUO_OIN, help="with --product-url: the bron OIN")
    return root


def main(argv: list[str] | None = None) -> int:
    args_list = list(sys.argv[1:] if argv is None else argv)
    if not args_list or (args_list[0].startswith("-") and args_list[0] not in {"-h", "--help"}):
        args_list.insert(0, "serve")
    args = parser().parse_args(args_list)
    if args.command == "notificeer":
        return _notificeer(args)
    simulator = Simulator(
        duo_oin=args.duo_oin, product_url=args.product_url, accept_unknown_gemeenten=args.accept_unknown_gemeenten
    )
    for gemeente in args.gemeente:
        simulator.state.gemeente_toevoegen(gemeente.oin, gemeente.code, gemeente.naam)
    if args.seed:
        simulator.state.seed(gemeente_oin=args.seed_gemeente_oin)
    print(f"DUO-simulator op http://{args.host}:{args.port}/ (DUO's APIs onder /v1)", file=sys.stderr)
    serve_forever(simulator, host=args.host, port=args.port)
    return 0


def _notificeer(args: argparse.Namespace) -> int:
    if args.simulator_url:
        response = httpx.post(
            f"{args.simulator_url.rstrip('/')}/_sim/scenario",
            json={"scenario": args.scenario, "gemeente_oin": args.gemeente_oin, "bsn": args.bsn},
            timeout=30,
        )
        print(response.text)
        return 0 if response.status_code == 200 else 1
    simulator = Simulator(duo_oin=args.duo_oin, product_url=args.product_url)
    try:
        resultaat = simulator.scenario(args.scenario, gemeente_oin=args.gemeente_oin, bsn=args.bsn)
    finally:
        simulator.close()
    notificaties = [{"berichtId": n.bericht_id, "status": n.status, "fout": n.fout} for n in resultaat.notificaties]
    print(json.dumps({"bsn": resultaat.bsn, "gebeurtenisId": resultaat.gebeurtenis_id, "notificaties": notificaties}))
    return 0 if all(n.status is not None and n.status < 300 for n in resultaat.notificaties) else 1


if __name__ == "__main__":
    raise SystemExit(main())
