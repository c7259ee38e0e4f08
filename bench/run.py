# ruff: noqa: S602, S603, S607 - a benchmark driver runs its own fixed commands
"""`scripts/bench`: seed, start the service and the hand-written baseline, drive both with wrk.

For each operation and connection count it prints requests/s, p50 and p99 of the GraphQL
endpoint and of the hand-written route beside it, their throughput ratio, and SQL
statements per request (counted in each server, over sequential requests).
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import platform
import re
import secrets
import shutil
import socket
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from importlib.metadata import version
from pathlib import Path
from typing import Any

import httpx

from bench import profile

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"

ROOM_SCREEN = """query RoomScreen($id: ID!) { room(id: $id) {
  id kind viewerRole showAddPartnerBanner
  viewerCan { invitePartner scheduleLiveSession viewAssessments requestSuperbill }
  plan { name } provider { displayName } members { role user { displayName } }
  liveSessions { id startsAt status joinUrl canJoinNow }
  messages(first: 20) { edges { node { id body sentAt author { displayName } } }
    pageInfo { hasNextPage endCursor } }
  pendingInvitation { id status } } }"""
VIEWER_ROOMS = """query ViewerRooms { viewer { displayName rooms { id kind viewerRole
  showAddPartnerBanner viewerCan { invitePartner } provider { displayName }
  members { role user { displayName } } } } }"""
MESSAGES_PAGE = """query MessagesPage($id: ID!, $after: String) { room(id: $id) {
  messages(first: 20, after: $after) { edges { node { id body sentAt author { displayName } } }
    pageInfo { hasNextPage endCursor } } } }"""
INVITE = """mutation InvitePartner($i: InvitePartnerInput!) { invitePartner(input: $i) {
  invitation { id status } userErrors { code message } } }"""
SEND = """mutation SendMessage($i: SendMessageInput!) { sendMessage(input: $i) {
  message { id body sentAt } userErrors { code message } } }"""


@dataclass(frozen=True)
class Op:
    name: str
    fixture: str
    path: str  # of the hand-written route
    mutation: bool = False

    def graphql_body(self, entry: dict[str, Any], n: int) -> dict[str, Any]:
        if self.name in ("room_screen", "room_screen_big"):
            return {"query": ROOM_SCREEN, "variables": {"id": entry["id"]}}
        if self.name == "viewer_rooms":
            return {"query": VIEWER_ROOMS}
        if self.name == "messages_page":
            return {
                "query": MESSAGES_PAGE,
                "variables": {"id": entry["id"], "after": entry["after"]},
            }
        if self.name == "invite_partner":
            return {"query": INVITE, "variables": {"i": self.plain_body(entry, n)}}
        return {"query": SEND, "variables": {"i": self.plain_body(entry, n)}}

    def plain_body(self, entry: dict[str, Any], n: int) -> dict[str, Any]:
        body = {k: v for k, v in entry.items() if k != "token"}
        if self.name == "send_message":
            body["body"] = f"Benchmark message {n}: see you on Thursday."
        return body


OPS = [
    Op("room_screen", "room_screen", "/room"),
    Op("room_screen_big", "room_screen_big", "/room"),
    Op("viewer_rooms", "viewer_rooms", "/viewer-rooms"),
    Op("messages_page", "messages_page", "/messages"),
    Op("invite_partner", "invite_partner", "/invite-partner", mutation=True),
    Op("send_message", "send_message", "/send-message", mutation=True),
]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def lua_string(value: str) -> str:
    return json.dumps(value)  # a JSON string literal is a valid Lua string literal here


def write_lua(path: Path, op: Op, fixture: list[dict[str, Any]], graphql: bool) -> Path:
    requests = []
    # Pre-built bodies; mutations get a distinct body per entry (and several rounds of them).
    rounds = 4 if op.mutation else 1
    n = 0
    for _ in range(rounds):
        for entry in fixture:
            body = op.graphql_body(entry, n) if graphql else op.plain_body(entry, n)
            requests.append((entry["token"], json.dumps(body)))
            n += 1
    lines = ["local reqs = {"]
    for token, text in requests:
        lines.append(f"  {{{lua_string('Bearer ' + token)}, {lua_string(text)}}},")
    lines.append("}")
    must = '"userErrors":[]' if op.mutation else '"data":{'
    target = "/graphql" if graphql else op.path
    lines.append(
        f"""
local n = #reqs
local i = 0
bad = 0
local threads = {{}}
function setup(thread)
  thread:set("id", #threads)
  table.insert(threads, thread)
end
function init(args)
  i = (id * 7919) % n
end
function request()
  i = i % n + 1
  local r = reqs[i]
  return wrk.format("POST", "{target}", {{["Content-Type"] = "application/json",
    ["Authorization"] = r[1]}}, r[2])
end
function response(status, headers, body)
  if status ~= 200 or string.find(body, '"errors"', 1, true) or
     not string.find(body, {lua_string(must)}, 1, true) then
    bad = bad + 1
  end
end
function done(summary, latency, requests)
  local total = 0
  for _, t in ipairs(threads) do total = total + t:get("bad") end
  io.write(string.format("BAD %d\\n", total))
end
"""
    )
    path.write_text("\n".join(lines))
    return path


_UNITS = {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60_000.0}


def _ms(text: str) -> float:
    match = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text.strip())
    assert match, text
    return float(match.group(1)) * _UNITS[match.group(2)]


@dataclass
class WrkResult:
    rps: float
    p50: float
    p99: float
    requests: int
    bad: int
    errors: str

    @staticmethod
    def parse(output: str) -> WrkResult:
        rps = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))  # type: ignore[union-attr]
        p50 = _ms(re.search(r"\s50%\s+(\S+)", output).group(1))  # type: ignore[union-attr]
        p99 = _ms(re.search(r"\s99%\s+(\S+)", output).group(1))  # type: ignore[union-attr]
        total = int(re.search(r"(\d+) requests in", output).group(1))  # type: ignore[union-attr]
        bad_match = re.search(r"BAD (\d+)", output)
        errors = re.search(r"Socket errors:.*", output)
        non2xx = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
        err = (errors.group(0) if errors else "") + (f" non2xx={non2xx.group(1)}" if non2xx else "")
        return WrkResult(rps, p50, p99, total, int(bad_match.group(1)) if bad_match else -1, err)


def wrk(url: str, script: Path, connections: int, seconds: int) -> WrkResult:
    threads = min(connections, 2)
    out = subprocess.run(
        [
            "wrk",
            f"-t{threads}",
            f"-c{connections}",
            f"-d{seconds}s",
            "--timeout",
            "10s",
            "--latency",
            "-s",
            str(script),
            url,
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return WrkResult.parse(out)


@dataclass
class Server:
    name: str
    port: int
    process: subprocess.Popen[bytes]
    log: Path

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(15)
        except subprocess.TimeoutExpired:
            self.process.kill()


def start_server(name: str, argv: list[str], env: dict[str, str], workdir: Path) -> Server:
    port = free_port()
    log = workdir / f"{name}-{port}.log"
    process = subprocess.Popen(
        argv,
        cwd=ROOT,
        env={**env, "PORT": str(port)},
        stdout=log.open("wb"),
        stderr=subprocess.STDOUT,
    )
    server = Server(name, port, process, log)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"{name} exited:\n{log.read_text()[-3000:]}")
        with contextlib.suppress(OSError):
            socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
            return server
        time.sleep(0.2)
    server.stop()
    raise RuntimeError(f"{name} did not start:\n{log.read_text()[-3000:]}")


def statements_per_request(
    server: Server, op: Op, fixture: list[dict[str, Any]], graphql: bool, count: int = 20
) -> float:
    """Sequential requests (also a correctness check), counted by the server's SQL listener."""
    with httpx.Client(base_url=server.url, timeout=30) as client:
        before = client.get("/bench/sql-statements").json()["statements"]
        for n in range(count):
            entry = fixture[n % len(fixture)]
            # Bodies that the wrk scripts will not reuse, so mutations stay valid later.
            seq = 10_000_000 + n
            body = op.graphql_body(entry, seq) if graphql else op.plain_body(entry, seq)
            if op.name == "invite_partner":
                body_i = body["variables"]["i"] if graphql else body
                body_i["email"] = f"warmup{n}@bench.example.com"
            response = client.post(
                "/graphql" if graphql else op.path,
                content=json.dumps(body),
                headers={
                    "Authorization": f"Bearer {entry['token']}",
                    "Content-Type": "application/json",
                },
            )
            text = response.text
            if (
                response.status_code != 200
                or '"errors"' in text
                or (op.mutation and '"userErrors":[]' not in text.replace(" ", ""))
            ):
                raise RuntimeError(
                    f"{server.name} {op.name}: {response.status_code} {text[:500]}\n"
                    + server.log.read_text()[-3000:]
                )
        after = client.get("/bench/sql-statements").json()["statements"]
    return float(after - before) / count


def loadavg() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


@dataclass
class Row:
    backend: str
    op: str
    connections: int
    graphql: WrkResult
    hand: WrkResult | None
    sql_graphql: float
    sql_hand: float
    load: str


def fmt_row(row: Row) -> str:
    g, h = row.graphql, row.hand
    if h is None:
        return (
            f"| {row.backend} | {row.op} | {row.connections} | {g.rps:,.0f} | {g.p50:.2f} | "
            f"{g.p99:.2f} | - | - | - | - | - | {row.sql_graphql:g} | - | {g.bad} | {row.load} |"
        )
    return (
        f"| {row.backend} | {row.op} | {row.connections} | {g.rps:,.0f} | {g.p50:.2f} | "
        f"{g.p99:.2f} | {h.rps:,.0f} | {h.p50:.2f} | {h.p99:.2f} | {g.rps / h.rps:.0%} | "
        f"{g.p50 - h.p50:+.2f} | {row.sql_graphql:g} | {row.sql_hand:g} | {g.bad}/{h.bad} "
        f"| {row.load} |"
    )


HEADER = (
    "| db | operation | conns | GraphQL req/s | p50 ms | p99 ms | hand req/s | p50 ms | p99 ms "
    "| ratio | Δp50 ms | SQL/req GraphQL | SQL/req hand | bad | load avg |\n"
    "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|"
)


def emit(out: list[str], line: str) -> None:
    print(line, flush=True)
    out.append(line)


def base_env(database_url: str, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL",)}
    env.update(
        DATABASE_URL=database_url,
        APP_ENV="test",
        # Set so that no development mailbox starts; nothing is sent (--no-worker).
        SMTP_HOST="127.0.0.1",
        SMTP_PORT="9",
        SECRET_KEY=secrets.token_urlsafe(32),
        INVITE_SENDS_PER_HOUR="1000000000",
        BENCH_COUNT_SQL="true",
        HOST="127.0.0.1",
    )
    env.update(extra)
    return env


def serve_argv() -> list[str]:
    return [sys.executable, "-m", "app", "serve", "--no-worker", "--no-migrate"]


def run_backend(
    backend: str, url: str, args: argparse.Namespace, workdir: Path, out: list[str]
) -> None:
    fixture_path = workdir / f"fixture-{backend}.json"
    t0 = time.monotonic()
    subprocess.run(
        [sys.executable, "-m", "bench.seed", url, str(fixture_path)],
        cwd=ROOT,
        check=True,
        env=base_env(url),
    )
    fixture = json.loads(fixture_path.read_text())
    emit(out, f"\nSeeded {backend} in {time.monotonic() - t0:.0f} s: {fixture['counts']}\n")
    env = base_env(url, REQUEST_LOG="true" if args.request_log else "false")
    graphql = start_server(f"graphql-{backend}", serve_argv(), env, workdir)
    hand = start_server(
        f"hand-{backend}", [sys.executable, "-m", "bench.handwritten"], env, workdir
    )
    try:
        emit(out, HEADER)
        for op in OPS:
            if args.ops and op.name not in args.ops:
                continue
            entries = fixture[op.fixture]
            # Twice each: the first round also refreshes every session's last_seen_at (an
            # UPDATE at most once a minute per session), which is not the steady state.
            for _ in range(2):
                sql_g = statements_per_request(graphql, op, entries, graphql=True)
                sql_h = statements_per_request(hand, op, entries, graphql=False)
            for connections in args.connections:
                results = []
                for server, is_graphql in ((graphql, True), (hand, False)):
                    script = write_lua(
                        workdir / f"{op.name}-{is_graphql}.lua", op, entries, is_graphql
                    )
                    wrk(server.url, script, connections, args.warmup)
                    results.append(wrk(server.url, script, connections, args.duration))
                emit(
                    out,
                    fmt_row(
                        Row(
                            backend,
                            op.name,
                            connections,
                            results[0],
                            results[1],
                            sql_g,
                            sql_h,
                            loadavg(),
                        )
                    ),
                )
        if args.profile:
            profile_room_screen(backend, graphql, hand, fixture, args, workdir, out)
    finally:
        graphql.stop()
        hand.stop()
    if backend == "postgres" and args.scale_out:
        scale_out(url, fixture, args, workdir, out)


def profile_room_screen(
    backend: str,
    graphql: Server,
    hand: Server,
    fixture: dict[str, Any],
    args: argparse.Namespace,
    workdir: Path,
    out: list[str],
) -> None:
    """CPU per request by layer (py-spy), the room screen at one connection, both servers."""
    op = OPS[0]
    entries = fixture[op.fixture]
    profiles = []
    for server, is_graphql in ((graphql, True), (hand, False)):
        script = write_lua(workdir / f"profile-{is_graphql}.lua", op, entries, is_graphql)
        wrk(server.url, script, 1, args.warmup)
        profiles.append(
            profile.record(
                server.process.pid,
                args.duration,
                workdir / f"profile-{server.name}.raw",
                lambda: wrk(server.url, script, 1, args.duration).requests,  # noqa: B023
            )
        )
    emit(out, f"\nWhere the room screen's CPU goes ({backend}, py-spy, one connection):\n")
    for line in profile.table(*profiles):
        emit(out, line)


def scale_out(
    url: str, fixture: dict[str, Any], args: argparse.Namespace, workdir: Path, out: list[str]
) -> None:
    """1 vs 2 `serve` processes on one PostgreSQL: room screen, 32 connections in all."""
    env = base_env(url, REQUEST_LOG="true" if args.request_log else "false")
    op = OPS[0]
    servers = [start_server(f"graphql-pg-{i}", serve_argv(), env, workdir) for i in range(2)]
    script = write_lua(workdir / "scale.lua", op, fixture[op.fixture], True)
    try:
        wrk(servers[0].url, script, 32, args.warmup)
        one = wrk(servers[0].url, script, 32, args.duration)
        results: list[WrkResult] = []

        def drive(server: Server) -> None:
            results.append(wrk(server.url, script, 16, args.duration))

        for s in servers:
            wrk(s.url, script, 16, args.warmup)
        threads = [threading.Thread(target=drive, args=(s,)) for s in servers]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        emit(out, "\nScale-out on PostgreSQL, room screen, 32 connections in all:\n")
        emit(
            out,
            "| serve processes | req/s | p50 ms | p99 ms | bad | load avg |\n"
            "|---|---|---|---|---|---|",
        )
        emit(
            out, f"| 1 | {one.rps:,.0f} | {one.p50:.2f} | {one.p99:.2f} | {one.bad} | {loadavg()} |"
        )
        emit(
            out,
            f"| 2 (16 connections each) | {sum(r.rps for r in results):,.0f} | "
            f"{max(r.p50 for r in results):.2f} | {max(r.p99 for r in results):.2f} | "
            f"{sum(r.bad for r in results)} | {loadavg()} |",
        )
    finally:
        for s in servers:
            s.stop()


@contextlib.contextmanager
def postgres() -> Iterator[str | None]:
    try:
        sys.path.insert(0, str(ROOT))
        from tests.support.postgres import PostgresCluster

        cluster = PostgresCluster.start()
    except Exception as error:  # no server binaries: SQLite only
        print(f"PostgreSQL unavailable ({error}); SQLite only", flush=True)
        yield None
        return
    try:
        yield cluster.create_database("tandem_bench")
    finally:
        cluster.stop()


def calibrate() -> float:
    import timeit

    return min(timeit.repeat("sum(range(10**6))", number=5, repeat=5)) / 5 * 1000


def machine() -> list[str]:
    def sh(cmd: str) -> str:
        return subprocess.run(cmd, shell=True, capture_output=True, text=True).stdout.strip()

    cpu = sh("grep -m1 'model name' /proc/cpuinfo | cut -d: -f2").strip()
    return [
        f"- date: {datetime.now(UTC).isoformat(timespec='seconds')}",
        f"- nproc: {sh('nproc')}; CPU: {cpu or platform.processor()}",
        f"- memory: {sh('free -h | sed -n 2p')}",
        f"- Python {platform.python_version()}; uvicorn {version('uvicorn')}; "
        f"strawberry-graphql {version('strawberry-graphql')}; SQLAlchemy {version('sqlalchemy')}; "
        f"SQLite {sqlite3.sqlite_version} (statements inline, app/sqlite_driver.py); "
        f"asyncpg {version('asyncpg')}; "
        f"wrk: {sh('wrk -v 2>&1 | head -1')}",
        f"- uptime at start: {sh('uptime')}",
        f"- CPU calibration: `sum(range(10**6))` takes {calibrate():.1f} ms here "
        "(about 10-15 ms on a current laptop core)",
    ]


def main() -> int:
    parser = argparse.ArgumentParser(prog="scripts/bench")
    parser.add_argument("--duration", type=int, default=10)
    parser.add_argument("--warmup", type=int, default=2)
    parser.add_argument("--connections", type=int, nargs="+", default=[1, 32])
    parser.add_argument("--backends", nargs="+", default=["sqlite", "postgres"])
    parser.add_argument("--ops", nargs="*", default=[])
    parser.add_argument("--no-request-log", dest="request_log", action="store_false")
    parser.add_argument("--no-scale-out", dest="scale_out", action="store_false")
    parser.add_argument("--label", default="")
    parser.add_argument(
        "--profile", action="store_true", help="also sample both servers with py-spy"
    )
    args = parser.parse_args()
    if shutil.which("wrk") is None:
        print("scripts/bench needs wrk (Debian: apt-get install -y wrk)", file=sys.stderr)
        return 1
    out: list[str] = []
    workdir = Path(tempfile.mkdtemp(prefix="tandem-bench-"))
    emit(out, f"# Tandem benchmark {args.label}\n")
    for line in machine():
        emit(out, line)
    emit(
        out,
        f"- wrk: {args.duration} s per run after {args.warmup} s warm-up; "
        f"request log {'on' if args.request_log else 'off (REQUEST_LOG=false)'}; "
        "`serve --no-worker` (outbox not sent; rows still written); APP_ENV=test",
    )
    try:
        for backend in args.backends:
            if backend == "sqlite":
                run_backend(
                    "sqlite", f"sqlite+aiosqlite:///{workdir / 'bench.db'}", args, workdir, out
                )
            else:
                with postgres() as url:
                    if url is not None:
                        run_backend("postgres", url, args, workdir, out)
    finally:
        emit(
            out,
            "\n- uptime at end: "
            + subprocess.run(["uptime"], capture_output=True, text=True).stdout.strip(),
        )
        RESULTS.mkdir(parents=True, exist_ok=True)
        stamp = datetime.now(UTC).strftime("%Y-%m-%dT%H%M")
        name = f"{stamp}{'-' + args.label if args.label else ''}.md"
        (RESULTS / name).write_text("\n".join(out) + "\n")
        print(f"\nwritten to bench/results/{name}")
        shutil.rmtree(workdir, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
