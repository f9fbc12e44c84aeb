# shellcheck shell=bash
# Set-up helpers shared by the test, build and benchmark scripts (sourced, not run; the scripts
# that source it use `set -euo pipefail`).
#
# Each ensure_* function finds what a script needs, installs it when it is missing, or stops
# with a message that names what to install. None of them ends a script with a bare
# "command not found" (exit 127), and none runs a command that may be absent inside a pipeline
# or a command substitution whose failure `set -e` would turn into an exit before the install.
# scripts/tests/setup.sh runs each of them with its tool absent.
#
# Where things go, so that a fresh clone always runs the install steps it needs (README.md,
# "What the scripts install"):
#   - tools installed with `cargo install`: $TOOLS_DIR (.tools/ in the checkout, ignored by git);
#   - Python packages: a virtualenv inside the checkout (ensure_python_venv);
#   - npm packages: node_modules/ inside the checkout (ensure_npm_packages);
#   - Debian packages (Node.js, Chromium, python3-venv): system-wide, with apt-get.

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
TOOLS_DIR="$ROOT/.tools"
export PATH="$TOOLS_DIR/bin:${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"

log() { echo "== $*" >&2; }

# Stops the script with a message (the caller says what to install and how).
die() {
  echo "error: $*" >&2
  exit 1
}

have() { command -v "$1" >/dev/null 2>&1; }

as_root() {
  if [ "$(id -u)" = 0 ]; then
    "$@"
  elif have sudo; then
    sudo "$@"
  else
    echo "error: need root (or sudo) to run: $*" >&2
    return 1
  fi
}

# apt_install PACKAGE...: installs Debian packages, or stops naming them.
APT_UPDATED=""
apt_install() {
  have apt-get || die "please install: $* (no apt-get on this machine to install them with)"
  if [ -z "$APT_UPDATED" ]; then
    as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq ||
      die "apt-get update failed; please install: $*"
    APT_UPDATED=1
  fi
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" ||
    die "apt-get could not install: $*; please install them"
}

# Cargo and rustc (any Rust installation; rustup is needed only to add targets and toolchains).
ensure_rust() {
  if ! have cargo || ! have rustc; then
    die "Rust is needed (cargo or rustc not found): install it with rustup, see https://rustup.rs"
  fi
}

# ensure_rust_components COMPONENT...: rustup components such as rustfmt and clippy.
ensure_rust_components() {
  ensure_rust
  local component missing=()
  for component in "$@"; do
    case "$component" in
      rustfmt) cargo fmt --version >/dev/null 2>&1 || missing+=(rustfmt) ;;
      clippy) cargo clippy --version >/dev/null 2>&1 || missing+=(clippy) ;;
      *) die "ensure_rust_components: unknown component $component" ;;
    esac
  done
  [ "${#missing[@]}" -eq 0 ] && return 0
  have rustup || die "the Rust components ${missing[*]} are needed: install them with \`rustup component add ${missing[*]}\`"
  log "adding the Rust components ${missing[*]}"
  rustup component add "${missing[@]}" ||
    die "rustup could not add ${missing[*]}; install them with \`rustup component add ${missing[*]}\`"
}

# ensure_rust_target TARGET: the standard library for TARGET (e.g. wasm32-unknown-unknown).
# Looks in rustc's sysroot, so a Rust without rustup that ships the target counts too.
ensure_rust_target() {
  local target="$1" sysroot
  ensure_rust
  sysroot="$(rustc --print sysroot)" || die "\`rustc --print sysroot\` failed; is Rust installed correctly?"
  if [ -d "$sysroot/lib/rustlib/$target/lib" ]; then
    log "Rust target $target: installed"
    return 0
  fi
  have rustup ||
    die "the Rust target $target is needed: install it with \`rustup target add $target\` (or your distribution's standard library package for $target)"
  log "adding the Rust target $target"
  rustup target add "$target" || die "rustup could not add the target; install it with \`rustup target add $target\`"
  [ -d "$sysroot/lib/rustlib/$target/lib" ] ||
    die "rustup added $target but $sysroot/lib/rustlib/$target is missing; install it with \`rustup target add $target\`"
}

# ensure_rust_toolchain TOOLCHAIN WHY: a rustup toolchain such as nightly, installed with the
# minimal profile when missing; stops naming the command when rustup is absent or cannot fetch it.
ensure_rust_toolchain() {
  local toolchain="$1" why="$2" installed
  have rustup ||
    die "$why needs a $toolchain Rust toolchain, managed by rustup: install rustup (https://rustup.rs), then \`rustup toolchain install $toolchain --profile minimal\`"
  installed="$(rustup toolchain list 2>/dev/null)" || installed=""
  if grep -q "^$toolchain" <<<"$installed"; then
    log "Rust toolchain $toolchain: installed"
    return 0
  fi
  log "installing the Rust toolchain $toolchain ($why needs it)"
  rustup toolchain install "$toolchain" --profile minimal ||
    die "$why needs a $toolchain Rust toolchain and rustup could not install one: install it with \`rustup toolchain install $toolchain --profile minimal\` (needs access to static.rust-lang.org), then run this again"
}

# ensure_cargo_tool BINARY CRATE VERSION [CARGO-INSTALL-OPTION...]: BINARY from CRATE, installed
# with `cargo install --root $TOOLS_DIR` unless $TOOLS_DIR already has it (at VERSION, when VERSION
# is not empty). Copies elsewhere on the machine (~/.cargo/bin) do not count: a fresh clone must
# run this install, so that CI notices when it breaks.
ensure_cargo_tool() {
  local bin="$1" crate="$2" want="$3" have=""
  shift 3
  ensure_rust
  if [ -x "$TOOLS_DIR/bin/$bin" ]; then
    have="$("$TOOLS_DIR/bin/$bin" --version 2>/dev/null)" || have=""
    have="${have##* }"
    if [ -z "$want" ] || [ "$have" = "$want" ]; then
      log "$bin ${have:-(version unknown)}: in $TOOLS_DIR"
      return 0
    fi
  fi
  local version=()
  [ -z "$want" ] || version=(--version "$want")
  log "installing $crate ${want:-(latest)} into $TOOLS_DIR (found there: ${have:-none}); this takes a few minutes"
  cargo install --root "$TOOLS_DIR" "$crate" "${version[@]}" "$@" ||
    die "could not install $crate ${want}: \`cargo install --root $TOOLS_DIR $crate ${version[*]} $*\` failed (see above)"
  [ -x "$TOOLS_DIR/bin/$bin" ] || die "cargo installed $crate but $TOOLS_DIR/bin/$bin is missing"
}

# ensure_node [MIN_MAJOR]: Node.js and npm (Debian's nodejs and npm when missing).
ensure_node() {
  local min="${1:-18}" major
  if ! have node || ! have npm; then
    log "installing Node.js and npm (Debian packages nodejs npm)"
    apt_install nodejs npm
    if ! have node || ! have npm; then
      die "nodejs and npm were installed but node or npm is not on PATH"
    fi
  fi
  major="$(node -p 'process.versions.node.split(".")[0]')" || major=""
  case "$major" in
    '' | *[!0-9]*) die "could not read the version of Node.js ($(command -v node)); Node.js $min or newer is needed" ;;
  esac
  [ "$major" -ge "$min" ] || die "Node.js $min or newer is needed (found $(node --version)); please install it"
  log "Node.js $(node --version), npm $(npm --version)"
}

# ensure_npm_packages DIR: DIR/node_modules as DIR/package-lock.json says (`npm ci`), when it is
# missing or older than the lock file.
ensure_npm_packages() {
  local dir="$1"
  if [ -f "$dir/node_modules/.package-lock.json" ] &&
    ! [ "$dir/package-lock.json" -nt "$dir/node_modules/.package-lock.json" ]; then
    log "npm packages of $dir: installed"
    return 0
  fi
  log "installing the npm packages of $dir (npm ci)"
  (cd "$dir" && npm ci --no-audit --no-fund) || die "\`npm ci\` failed in $dir (see above)"
}

# Debian's chromium and chromium-driver (the browser tests and the wasm-bindgen tests). Exports
# CHROMIUM and CHROMEDRIVER (unless set), so that every test uses the browser found here.
ensure_chromium() {
  local missing=()
  have chromium || missing+=(chromium)
  have chromedriver || missing+=(chromium-driver)
  if [ "${#missing[@]}" -gt 0 ]; then
    log "installing ${missing[*]} (Debian packages)"
    apt_install "${missing[@]}"
    if ! have chromium || ! have chromedriver; then
      die "${missing[*]} were installed but chromium or chromedriver is not on PATH"
    fi
  fi
  export CHROMIUM="${CHROMIUM:-$(command -v chromium)}"
  export CHROMEDRIVER="${CHROMEDRIVER:-$(command -v chromedriver)}"
  log "Chromium: $CHROMIUM, chromedriver: $CHROMEDRIVER"
}

# ensure_python_venv VENV REQUIREMENTS...: a virtualenv at VENV (inside the checkout, so that a
# fresh clone creates it) with the packages of each requirements file. Uses ${PYTHON:-python3},
# 3.9 or newer. Where `venv` does not work (Debian without python3-venv), uses virtualenv if that
# Python has it, or installs python3-venv with apt-get for Debian's own Python; otherwise stops
# naming what to install. pip runs on every call: it installs only what is missing or too old.
ensure_python_venv() {
  local venv="$1" python="${PYTHON:-python3}" version req
  shift
  if [ ! -x "$venv/bin/python" ] || ! "$venv/bin/python" -c '' >/dev/null 2>&1; then
    have "$python" ||
      die "Python 3.9 or newer is needed ($python not found): install python3 and python3-venv (Debian), or set PYTHON to a Python 3.9+"
    version="$("$python" -c 'import sys; print("%d.%d" % sys.version_info[:2])')" || version=""
    case "$version" in
      3.9 | 3.[1-9][0-9]) ;;
      *) die "Python 3.9 or newer is needed ($python is ${version:-unreadable}): install it, or set PYTHON to one" ;;
    esac
    log "creating the virtualenv $venv (Python $version)"
    rm -rf "$venv"
    if ! "$python" -m venv "$venv"; then
      rm -rf "$venv"
      if "$python" -m virtualenv --version >/dev/null 2>&1; then
        "$python" -m virtualenv --quiet "$venv" || die "virtualenv could not create $venv"
      elif have apt-get && [ "$("$python" -c 'import sys; print(sys.base_prefix)' 2>/dev/null)" = /usr ]; then
        log "Python's venv module does not work; installing python3-venv (Debian package)"
        apt_install python3-venv
        "$python" -m venv "$venv" || die "$python -m venv still fails after installing python3-venv"
      else
        die "$python cannot create a virtualenv (its venv module needs ensurepip): install python3-venv (Debian) or virtualenv for $python"
      fi
    fi
    "$venv/bin/python" -m pip install --quiet --disable-pip-version-check --upgrade pip ||
      die "could not upgrade pip in $venv (network access to PyPI is needed)"
  fi
  for req in "$@"; do
    log "Python packages of ${req#"$ROOT"/} in ${venv#"$ROOT"/}"
    "$venv/bin/python" -m pip install --quiet --disable-pip-version-check -r "$req" ||
      die "could not install the Python packages of $req into $venv (see above)"
  done
}
