# Shared set-up for scripts/demo and scripts/test (source it, do not run it).
# Installs what is missing, and only that: system packages with apt-get when root,
# Python packages into .venv/. A second run takes a second.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="$ROOT/.venv"

say() { printf 'audiokit setup: %s\n' "$*" >&2; }

# need_system_packages PACKAGE:COMMAND ... -> installs missing ones (root) or stops.
need_system_packages() {
    local missing=()
    local spec pkg cmd
    for spec in "$@"; do
        pkg="${spec%%:*}"; cmd="${spec##*:}"
        command -v "$cmd" >/dev/null 2>&1 || missing+=("$pkg")
    done
    [ ${#missing[@]} -eq 0 ] && return 0
    apt_install "${missing[@]}"
}

# apt_install PACKAGE ... -> installs them with apt-get (root) or says how and stops. apt's and
# dpkg's chatter goes to a log, shown only when installing fails.
apt_install() {
    if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
        say "installing system packages: $*"
        export DEBIAN_FRONTEND=noninteractive
        local log; log="$(mktemp "${TMPDIR:-/tmp}/audiokit-apt.XXXXXX.log")"
        apt-get update -qq >>"$log" 2>&1 || true
        if ! apt-get install -y -qq --no-install-recommends "$@" >>"$log" 2>&1; then
            say "installing system packages failed; apt-get's output is in $log"
            exit 1
        fi
        rm -f "$log"
    else
        say "missing system packages: $*"
        say "install them with:  sudo apt-get install $*"
        exit 1
    fi
}

find_python() {
    local py
    for py in python3.13 python3.12 python3.11 python3; do
        if command -v "$py" >/dev/null 2>&1 &&
           "$py" -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else 1)' 2>/dev/null; then
            echo "$py"; return 0
        fi
    done
    say "Python 3.11 or newer is needed (sudo apt-get install python3)"
    exit 1
}

ensure_venv() {
    if [ ! -x "$VENV/bin/python" ]; then
        local py; py="$(find_python)"
        if ! "$py" -m venv "$VENV" >/dev/null 2>&1; then
            rm -rf "$VENV"
            need_system_packages python3-venv:/nonexistent-force-venv
            "$py" -m venv "$VENV"
        fi
        say "created $VENV"
    fi
    # Reinstall only when pyproject.toml changed since the last install.
    local stamp="$VENV/.audiokit-installed" want
    want="$(sha256sum "$ROOT/pyproject.toml" | cut -d' ' -f1)"
    if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ] || [ ! -x "$VENV/bin/audiokit" ]; then
        say "installing audiokit and its Python dependencies into .venv (pip install -e '.[dev,cluster]')"
        # pip's and the build backend's chatter goes to a log, shown only when installing fails.
        local log="$VENV/pip-install.log"
        : > "$log"
        "$VENV/bin/python" -m pip install -q --disable-pip-version-check --upgrade pip >>"$log" 2>&1 || true
        if ! "$VENV/bin/python" -m pip install -q --disable-pip-version-check -e "$ROOT[dev,cluster]" >>"$log" 2>&1; then
            say "installing failed; pip's output is in $log"
            exit 1
        fi
        echo "$want" > "$stamp"
    fi
}
