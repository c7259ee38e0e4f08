"""Command line: serve, migrate, worker, create-provider, seed-demo, export-schema."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from app.config import ConfigError, get_settings


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m app", description="Tandem backend")
    commands = parser.add_subparsers(dest="command", required=True)
    serve = commands.add_parser("serve", help="apply migrations, then serve HTTP")
    serve.add_argument("--no-worker", action="store_true", help="do not send the outbox here")
    serve.add_argument("--no-migrate", action="store_true", help="do not apply migrations")
    serve.add_argument("--access-log", action="store_true", help="log every request")
    commands.add_parser("migrate", help="apply pending migrations and sync the plan catalogue")
    commands.add_parser("worker", help="send queued email (the outbox) until stopped")
    provider = commands.add_parser("create-provider", help="add a therapist account")
    provider.add_argument("--email", required=True)
    provider.add_argument("--password", required=True)
    provider.add_argument("--name", required=True)
    provider.add_argument("--couples", action="store_true", help="accepts couples rooms")
    commands.add_parser("seed-demo", help="create the demo accounts (development only)")
    commands.add_parser("export-schema", help="print the GraphQL SDL")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    if args.command == "export-schema":
        from app.graphql.schema import build_schema

        sys.stdout.write(build_schema().as_str() + "\n")
        return 0
    try:
        settings = get_settings()
    except ConfigError as error:
        print(f"configuration error: {error}", file=sys.stderr)
        return 2
    from app import cli

    return cli.run(args, settings)


if __name__ == "__main__":
    raise SystemExit(main())
