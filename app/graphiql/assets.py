"""The browser files GraphiQL needs: vendor files installed by `npm ci` in web/graphiql,
and our own small files beside this module. Only these names are ever served."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

# Served name -> path inside node_modules (the UMD builds: no bundler needed).
VENDOR_FILES = {
    "react.production.min.js": "react/umd/react.production.min.js",
    "react-dom.production.min.js": "react-dom/umd/react-dom.production.min.js",
    "graphiql.min.js": "graphiql/graphiql.min.js",
    "graphiql.min.css": "graphiql/graphiql.min.css",
    # Fetched only when a browser's developer tools are open.
    "graphiql.min.js.map": "graphiql/graphiql.min.js.map",
    "graphiql.min.css.map": "graphiql/graphiql.min.css.map",
}
OWN_DIRECTORY = Path(__file__).parent / "static"
OWN_FILES = ("start-graphiql.js", "tandem-graphiql.css")


@dataclass(frozen=True)
class GraphiQLAssets:
    node_modules: Path

    def files(self) -> dict[str, Path]:
        vendor = {name: self.node_modules / path for name, path in VENDOR_FILES.items()}
        return {**vendor, **{name: OWN_DIRECTORY / name for name in OWN_FILES}}

    def missing(self) -> list[str]:
        """Vendor files the page needs that are not installed (source maps are optional)."""
        return [
            path
            for name, path in VENDOR_FILES.items()
            if not name.endswith(".map") and not (self.node_modules / path).is_file()
        ]
