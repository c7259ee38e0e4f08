# Shared by scripts/run, scripts/test and scripts/bench: find Python 3.11+, make .venv,
# and (re)install the project whenever pyproject.toml changes.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"

find_python() {
  for candidate in python3.11 python3.12 python3.13 python3; do
    if command -v "$candidate" >/dev/null 2>&1 &&
       "$candidate" -c 'import sys; sys.exit(sys.version_info < (3, 11))' 2>/dev/null; then
      command -v "$candidate"; return 0
    fi
  done
  echo "Tandem needs Python 3.11 or newer on PATH." >&2
  return 1
}

ensure_venv() {
  local stamp=".venv/.installed-$(sha256sum pyproject.toml | cut -c1-16)"
  if [ ! -x .venv/bin/python ]; then
    echo "==> creating .venv"
    "$(find_python)" -m venv .venv
  fi
  if [ ! -f "$stamp" ]; then
    echo "==> installing Tandem and its dependencies into .venv"
    .venv/bin/python -m pip install --quiet --upgrade pip
    .venv/bin/python -m pip install --quiet -e '.[dev]'
    rm -f .venv/.installed-*
    touch "$stamp"
  fi
  export PATH="$ROOT/.venv/bin:$PATH"
}

# GraphiQL's browser files (GraphiQL, React), pinned in web/graphiql/package-lock.json:
# `npm ci` there, again whenever the lockfile changes. Says why and returns 1 when they
# cannot be installed; the server then answers GET /graphql with how to install them.
ensure_graphiql_assets() {
  local dir="$ROOT/web/graphiql"
  local stamp
  stamp="$dir/node_modules/.installed-$(sha256sum "$dir/package-lock.json" | cut -c1-16)"
  if [ -f "$stamp" ]; then
    return 0
  fi
  if ! command -v npm >/dev/null 2>&1; then
    echo "==> npm not found: GraphiQL's files are not installed (install Node.js, then" \
         "'cd web/graphiql && npm ci'); GET /graphql explains the same" >&2
    return 1
  fi
  echo "==> installing GraphiQL's browser files (npm ci in web/graphiql)"
  # --ignore-scripts: only static files are needed, so no package runs code here.
  if ! (cd "$dir" && npm ci --no-audit --no-fund --ignore-scripts --loglevel=error); then
    echo "==> npm ci failed in web/graphiql; GET /graphql explains how to install GraphiQL" >&2
    return 1
  fi
  touch "$stamp"
}

# `install_debian_packages "what for" pkg...`: as root, with apt-get, install the packages;
# elsewhere say which ones are missing and fail.
install_debian_packages() {
  local purpose="$1"; shift
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "==> installing $* ($purpose)"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
  else
    echo "Missing $purpose: install the Debian package(s) $*." >&2
    return 1
  fi
}

# `ensure_command wrk wrk`: when the command is missing, install the Debian packages that
# provide it.
ensure_command() {
  local command_name="$1"; shift
  command -v "$command_name" >/dev/null 2>&1 || install_debian_packages "for $command_name" "$@"
}
