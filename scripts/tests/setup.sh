#!/usr/bin/env bash
# Tests of the set-up scripts: every ensure_* helper of scripts/lib.sh and
# bindings-wasm/scripts/lib.sh, the scripts that use them (build.sh, serve.sh, the Python
# test script, the fuzz script) and scripts/test-all.sh, each with the tools it needs absent.
#
# Nothing is installed for real and the machine's own tools cannot leak in: every case runs in a
# copy of the scripts (a fake checkout in a temporary folder), with an empty environment, HOME and
# CARGO_HOME pointing at empty folders, and a PATH of stand-ins (cargo, rustc, rustup, apt-get,
# sudo, node, npm, python3, ...) plus the few basic commands the scripts use. The stand-ins write
# each call to a log and act like the real tool ("installing" a package puts a stand-in for its
# command on PATH). A case asserts on the exit status, the message and the recorded calls: a
# missing tool is installed, or the script stops with a message that names what to install;
# never a bare "command not found" (exit 127).
#
# Debian packages cannot be reinstalled on every CI run; this test is what covers their install
# path (and wasm-bindgen-cli's, on a machine where an earlier run left one in ~/.cargo/bin).
set -euo pipefail
repo="$(cd "$(dirname "$0")/../.." && pwd)"
work="$(mktemp -d "${TMPDIR:-/tmp}/sociale-bril-setup-test.XXXXXX")"
trap 'rm -rf "$work"' EXIT
bash_bin="$(command -v bash)"

# The basic commands the scripts and the stand-ins use; everything else is absent unless a case
# puts a stand-in for it on PATH.
sysbin="$work/sysbin"
mkdir -p "$sysbin"
for tool in awk basename cat chmod cmp cp cut dirname env grep head id ln ls mkdir mktemp mv \
  readlink rm sed sort tail touch tr uname wc; do
  path="$(command -v "$tool")" || {
    echo "error: the set-up test needs $tool" >&2
    exit 1
  }
  ln -s "$path" "$sysbin/$tool"
done
ln -s "$bash_bin" "$sysbin/bash"
ln -s "$bash_bin" "$sysbin/sh"

# The version the crate pins; the scripts must install exactly this one.
pinned="$(sed -n 's/^wasm-bindgen = "=\([0-9.]*\)".*/\1/p' "$repo/bindings-wasm/Cargo.toml")"
[ -n "$pinned" ] || {
  echo "error: no wasm-bindgen = \"=X.Y.Z\" in bindings-wasm/Cargo.toml" >&2
  exit 1
}

# The stand-in for every tool: records "NAME ARGS" in $CALLS and acts on $STATE.
stub="$work/stub"
cat >"$stub" <<STUB
#!$bash_bin
name="\${0##*/}"
echo "\$name \$*" >>"\$CALLS"
# A command a package would install: a stand-in of its own in \$STATE/installed/bin.
provide() { ln -sf "$work/stub" "\$STATE/installed/bin/\$1"; }
# A tool cargo install would put into ROOT/bin: prints "NAME VERSION" for --version.
cargo_tool() {
  mkdir -p "\$1/bin"
  printf '#!%s\necho "%s \$*" >>"\$CALLS"\n[ "\$1" != --version ] || echo "%s %s"\n' \
    "$bash_bin" "\$2" "\$2" "\$3" >"\$1/bin/\$2"
  chmod +x "\$1/bin/\$2"
}
fails() { [ -e "\$STATE/fail-\$1" ]; }
case "\$name" in
  cargo)
    case "\${1:-}" in
      install)
        shift
        root="" crate="" version=""
        while [ "\$#" -gt 0 ]; do
          case "\$1" in
            --root) root="\$2"; shift ;;
            --version) version="\$2"; shift ;;
            -*) ;;
            *) crate="\$1" ;;
          esac
          shift
        done
        if fails cargo-install; then
          echo "error: failed to compile \$crate" >&2
          exit 101
        fi
        root="\${root:-\$CARGO_HOME}"
        case "\$crate" in
          wasm-bindgen-cli) cargo_tool "\$root" wasm-bindgen "\${version:-0.0.1}"
            cargo_tool "\$root" wasm-bindgen-test-runner "\${version:-0.0.1}" ;;
          *) cargo_tool "\$root" "\$crate" "\${version:-0.0.1}" ;;
        esac ;;
      fmt | clippy) fails "\$1" && { echo "error: '\$1' is not installed for the toolchain" >&2; exit 1; } ;;
    esac ;;
  rustc)
    case "\$*" in
      "--print sysroot") echo "\$STATE/sysroot" ;;
      --version) echo "rustc 1.95.0 (stand-in)" ;;
    esac ;;
  rustup)
    case "\$1 \${2:-}" in
      "target add")
        fails rustup-download && { echo "error: could not download rust-std for \$3" >&2; exit 1; }
        mkdir -p "\$STATE/sysroot/lib/rustlib/\$3/lib" ;;
      "toolchain list")
        echo "stable-x86_64-unknown-linux-gnu (default)"
        cat "\$STATE/toolchains" 2>/dev/null || true ;;
      "toolchain install")
        fails rustup-download && { echo "error: could not download nightly" >&2; exit 1; }
        echo "\$3-x86_64-unknown-linux-gnu" >>"\$STATE/toolchains" ;;
    esac ;;
  sudo) exec "\$@" ;;
  apt-get)
    [ "\$1" = install ] || exit 0
    fails apt-get && { echo "E: Unable to locate package" >&2; exit 100; }
    for arg in "\$@"; do
      case "\$arg" in
        chromium) provide chromium ;;
        chromium-driver) provide chromedriver ;;
        nodejs) provide node ;;
        npm) provide npm; provide npx ;;
        python3-venv) touch "\$STATE/venv-works" ;;
      esac
    done ;;
  node)
    case "\${1:-}" in
      -p) cat "\$STATE/node-major" 2>/dev/null || echo 20 ;;
      --version) echo "v\$(cat "\$STATE/node-major" 2>/dev/null || echo 20).0.0" ;;
    esac ;;
  npm)
    case "\${1:-}" in
      ci) mkdir -p node_modules && cp package-lock.json node_modules/.package-lock.json ;;
      --version) echo 10.0.0 ;;
    esac ;;
  python3)
    case "\$1" in
      -c)
        case "\$2" in
          *version_info*) cat "\$STATE/python-version" 2>/dev/null || echo 3.11 ;;
          *base_prefix*) cat "\$STATE/python-prefix" 2>/dev/null || echo /usr ;;
        esac ;;
      -m)
        case "\$2" in
          venv) [ -e "\$STATE/venv-works" ] || {
              echo "The virtual environment was not created successfully because ensurepip is not available." >&2
              mkdir -p "\$3/bin"
              exit 1
            } ;;
          virtualenv) [ -e "\$STATE/virtualenv-works" ] || { echo "No module named virtualenv" >&2; exit 1; } ;;
        esac
        dir="\${!#}"
        mkdir -p "\$dir/bin" && ln -sf "$work/stub" "\$dir/bin/python" ;;
    esac ;;
  python)
    case "\${1:-} \${2:-}" in
      "-m pip")
        case "\$*" in
          *" -r "*) fails pip && { echo "ERROR: No matching distribution found" >&2; exit 1; } ;;
        esac ;;
      "-m maturin")
        out="\${!#}"
        mkdir -p "\$out" && touch "\$out/sociale_bril-0.1.0-cp39-abi3-linux_x86_64.whl" ;;
    esac ;;
esac
exit 0
STUB
chmod +x "$stub"

# Each case: a fake checkout with copies of the scripts, empty HOME and CARGO_HOME, a state folder
# for the stand-ins, and the stand-ins named by `tools`.
files=(
  scripts/lib.sh scripts/test-all.sh
  bindings-wasm/scripts/lib.sh bindings-wasm/scripts/build.sh bindings-wasm/scripts/serve.sh
  bindings-wasm/Cargo.toml bindings-wasm/package-lock.json
  bindings-python/scripts/test.sh bindings-python/requirements-dev.txt
  core/fuzz/run.sh
)
case_name="" fake="" state="" out="" status=0 failures=0 cases=0
new_case() {
  case_name="$1"
  cases=$((cases + 1))
  rm -rf "$work/case"
  fake="$work/case/checkout"
  state="$work/case/state"
  mkdir -p "$fake" "$state/installed/bin" "$state/sysroot/lib/rustlib/x86_64-unknown-linux-gnu/lib" \
    "$work/case/home" "$work/case/cargo-home" "$work/case/stubs"
  local f
  for f in "${files[@]}"; do
    mkdir -p "$fake/$(dirname "$f")"
    cp -p "$repo/$f" "$fake/$f"
  done
  mkdir -p "$fake/bindings-python/tests" "$fake/core/fuzz/seeds"
  : >"$state/calls"
}
tools() {
  local t
  for t in "$@"; do ln -sf "$stub" "$work/case/stubs/$t"; done
}
# A fresh machine as CI sees it: Rust (cargo, rustc, rustup), apt-get as root, Python 3; nothing else.
base_machine() { tools cargo rustc rustup apt-get sudo python3; }
state_flag() { touch "$state/$1"; }

# run SCRIPT: runs SCRIPT with bash -c under set -euo pipefail in the fake checkout.
run() {
  set +e
  out="$(cd "$fake" && env -i PATH="$work/case/stubs:$state/installed/bin:$sysbin" \
    HOME="$work/case/home" CARGO_HOME="$work/case/cargo-home" USER=test \
    CALLS="$state/calls" STATE="$state" \
    "$bash_bin" -c "set -euo pipefail; $1" 2>&1)"
  status=$?
  set -e
}

fail() {
  echo "FAIL $case_name: $*"
  echo "  exit status: $status"
  echo "  output:"
  sed 's/^/    | /' <<<"$out"
  echo "  calls:"
  sed 's/^/    | /' "$state/calls"
  failures=$((failures + 1))
}
# Never a bare "command not found", whatever the case expects.
check_no_127() {
  if [ "$status" -eq 127 ] || grep -q 'command not found' <<<"$out"; then
    fail "exit 127 or 'command not found' instead of installing or naming what to install"
    return 1
  fi
}
expect_ok() {
  check_no_127 || return 0
  [ "$status" -eq 0 ] || fail "expected success"
}
# expect_stop TEXT: a non-zero exit with a message containing TEXT (what to install).
expect_stop() {
  check_no_127 || return 0
  [ "$status" -ne 0 ] || fail "expected it to stop"
  grep -qF -- "$1" <<<"$out" || fail "expected a message containing: $1"
}
expect_call() { grep -qxF -- "$1" "$state/calls" || fail "expected the call: $1"; }
expect_no_call() { ! grep -q -- "$1" "$state/calls" || fail "expected no call matching: $1"; }
expect_file() { [ -e "$1" ] || fail "expected the file $1"; }
ok() { echo "ok   $case_name"; }
end_case() {
  local before="$1"
  [ "$failures" -ne "$before" ] || ok
}

wasm_lib='source bindings-wasm/scripts/lib.sh'
apt_flags="-y -qq --no-install-recommends"

# --- Rust and the wasm32 target ---------------------------------------------------------------
new_case "ensure_rust without cargo names rustup"
f=$failures
tools rustup
run "$wasm_lib; ensure_rust"
expect_stop "https://rustup.rs"
end_case "$f"

new_case "ensure_wasm_target without the target adds it with rustup"
f=$failures
base_machine
run "$wasm_lib; ensure_wasm_target"
expect_ok
expect_call "rustup target add wasm32-unknown-unknown"
end_case "$f"

new_case "ensure_wasm_target with the target installed does not call rustup"
f=$failures
base_machine
mkdir -p "$state/sysroot/lib/rustlib/wasm32-unknown-unknown/lib"
run "$wasm_lib; ensure_wasm_target"
expect_ok
expect_no_call "^rustup"
end_case "$f"

new_case "ensure_wasm_target without rustup names the command"
f=$failures
tools cargo rustc
run "$wasm_lib; ensure_wasm_target"
expect_stop "rustup target add wasm32-unknown-unknown"
end_case "$f"

new_case "ensure_wasm_target when rustup cannot download names the command"
f=$failures
base_machine
state_flag fail-rustup-download
run "$wasm_lib; ensure_wasm_target"
expect_stop "rustup target add wasm32-unknown-unknown"
end_case "$f"

new_case "ensure_rust_components without rustfmt adds it with rustup"
f=$failures
base_machine
state_flag fail-fmt
run "source scripts/lib.sh; ensure_rust_components rustfmt clippy"
expect_ok
expect_call "rustup component add rustfmt"
end_case "$f"

# --- wasm-bindgen-cli: into .tools/ of the checkout ------------------------------------------
new_case "ensure_wasm_bindgen without wasm-bindgen installs the pinned version into .tools"
f=$failures
base_machine
run "$wasm_lib; ensure_wasm_bindgen; wasm-bindgen --version; command -v wasm-bindgen-test-runner"
expect_ok
expect_call "cargo install --root $fake/.tools wasm-bindgen-cli --version $pinned --debug"
expect_file "$fake/.tools/bin/wasm-bindgen"
grep -qx "wasm-bindgen $pinned" <<<"$out" || fail "the installed wasm-bindgen is not the first on PATH"
end_case "$f"

new_case "ensure_wasm_bindgen installs into .tools even when ~/.cargo/bin has the pinned version"
f=$failures
base_machine
# what an earlier run left in CARGO_HOME/bin (lib.sh puts it on PATH)
mkdir -p "$work/case/cargo-home/bin"
printf '#!%s\necho "wasm-bindgen %s"\n' "$bash_bin" "$pinned" >"$work/case/cargo-home/bin/wasm-bindgen"
chmod +x "$work/case/cargo-home/bin/wasm-bindgen"
run "$wasm_lib; ensure_wasm_bindgen"
expect_ok
expect_call "cargo install --root $fake/.tools wasm-bindgen-cli --version $pinned --debug"
end_case "$f"

new_case "ensure_wasm_bindgen with another version in .tools reinstalls the pinned one"
f=$failures
base_machine
run "$wasm_lib; cargo install --root $fake/.tools wasm-bindgen-cli --version 0.0.9"
: >"$state/calls"
run "$wasm_lib; ensure_wasm_bindgen"
expect_ok
expect_call "cargo install --root $fake/.tools wasm-bindgen-cli --version $pinned --debug"
end_case "$f"

new_case "ensure_wasm_bindgen with the pinned version in .tools installs nothing"
f=$failures
base_machine
run "$wasm_lib; ensure_wasm_bindgen"
: >"$state/calls"
run "$wasm_lib; ensure_wasm_bindgen"
expect_ok
expect_no_call "^cargo install"
end_case "$f"

new_case "ensure_wasm_bindgen when cargo install fails names the crate"
f=$failures
base_machine
state_flag fail-cargo-install
run "$wasm_lib; ensure_wasm_bindgen"
expect_stop "could not install wasm-bindgen-cli $pinned"
end_case "$f"

# --- Node.js, npm packages, Chromium (Debian packages) ---------------------------------------
new_case "ensure_node without node and npm installs nodejs and npm with apt-get"
f=$failures
base_machine
run "$wasm_lib; ensure_node"
expect_ok
expect_call "apt-get update -qq"
expect_call "apt-get install $apt_flags nodejs npm"
end_case "$f"

new_case "ensure_node without apt-get names the packages"
f=$failures
tools cargo rustc rustup
run "$wasm_lib; ensure_node"
expect_stop "please install: nodejs npm"
end_case "$f"

new_case "ensure_node when apt-get fails names the packages"
f=$failures
base_machine
state_flag fail-apt-get
run "$wasm_lib; ensure_node"
expect_stop "apt-get could not install: nodejs npm"
end_case "$f"

new_case "ensure_node with Node.js 16 names the version needed"
f=$failures
base_machine
tools node npm
echo 16 >"$state/node-major"
run "$wasm_lib; ensure_node"
expect_stop "Node.js 18 or newer is needed"
end_case "$f"

new_case "ensure_npm_packages without node_modules runs npm ci"
f=$failures
base_machine
tools node npm
run "$wasm_lib; ensure_npm_packages \"\$WASM_DIR\""
expect_ok
expect_call "npm ci --no-audit --no-fund"
expect_file "$fake/bindings-wasm/node_modules/.package-lock.json"
end_case "$f"

new_case "ensure_npm_packages with an up-to-date node_modules does not run npm"
f=$failures
base_machine
tools node npm
run "$wasm_lib; ensure_npm_packages \"\$WASM_DIR\""
: >"$state/calls"
run "$wasm_lib; ensure_npm_packages \"\$WASM_DIR\""
expect_ok
expect_no_call "^npm"
end_case "$f"

new_case "ensure_chromium without chromium installs chromium and chromium-driver with apt-get"
f=$failures
base_machine
run "$wasm_lib; ensure_chromium; echo \"CHROMIUM=\$CHROMIUM\""
expect_ok
expect_call "apt-get install $apt_flags chromium chromium-driver"
grep -qx "CHROMIUM=$state/installed/bin/chromium" <<<"$out" || fail "CHROMIUM is not the installed chromium"
end_case "$f"

new_case "ensure_chromium with chromium but no chromedriver installs chromium-driver only"
f=$failures
base_machine
tools chromium
run "$wasm_lib; ensure_chromium"
expect_ok
expect_call "apt-get install $apt_flags chromium-driver"
end_case "$f"

new_case "ensure_chromium with both installed runs no apt-get"
f=$failures
base_machine
tools chromium chromedriver
run "$wasm_lib; ensure_chromium"
expect_ok
expect_no_call "^apt-get"
end_case "$f"

new_case "ensure_chromium without apt-get names the packages"
f=$failures
tools cargo rustc
run "$wasm_lib; ensure_chromium"
expect_stop "please install: chromium chromium-driver"
end_case "$f"

new_case "ensure_chromium as a user without sudo names the packages"
f=$failures
tools cargo rustc apt-get
if [ "$(id -u)" = 0 ]; then
  # as root, as_root runs apt-get itself: a stand-in id makes this a user without sudo
  printf '#!%s\necho 1000\n' "$bash_bin" >"$work/case/stubs/id"
  chmod +x "$work/case/stubs/id"
fi
run "$wasm_lib; ensure_chromium"
expect_stop "chromium chromium-driver"
expect_no_call "^apt-get install"
end_case "$f"

# --- Python: virtualenv in the checkout, dev packages, maturin --------------------------------
venv="$fake/bindings-python/.venv"
py_lib="source scripts/lib.sh; ensure_python_venv bindings-python/.venv bindings-python/requirements-dev.txt"

new_case "ensure_python_venv creates the virtualenv and installs the dev packages"
f=$failures
base_machine
state_flag venv-works
run "source scripts/lib.sh; ensure_python_venv \"\$ROOT/bindings-python/.venv\" \"\$ROOT/bindings-python/requirements-dev.txt\""
expect_ok
expect_call "python3 -m venv $venv"
expect_call "python -m pip install --quiet --disable-pip-version-check -r $fake/bindings-python/requirements-dev.txt"
end_case "$f"

new_case "ensure_python_venv without python3 names what to install"
f=$failures
tools cargo rustc apt-get sudo
run "$py_lib"
expect_stop "install python3 and python3-venv"
end_case "$f"

new_case "ensure_python_venv with Python 3.8 names the version needed"
f=$failures
base_machine
echo 3.8 >"$state/python-version"
run "$py_lib"
expect_stop "Python 3.9 or newer is needed"
end_case "$f"

new_case "ensure_python_venv where venv lacks ensurepip installs python3-venv (Debian's Python)"
f=$failures
base_machine
run "$py_lib"
expect_ok
expect_call "apt-get install $apt_flags python3-venv"
[ "$(grep -c '^python3 -m venv' "$state/calls")" = 2 ] || fail "expected venv to be tried again"
end_case "$f"

new_case "ensure_python_venv where venv lacks ensurepip uses virtualenv when that Python has it"
f=$failures
base_machine
state_flag virtualenv-works
run "$py_lib"
expect_ok
expect_call "python3 -m virtualenv --quiet bindings-python/.venv"
expect_no_call "^apt-get"
end_case "$f"

new_case "ensure_python_venv where venv lacks ensurepip, not Debian's Python, names what to install"
f=$failures
base_machine
echo /opt/python >"$state/python-prefix"
run "$py_lib"
expect_stop "install python3-venv (Debian) or virtualenv"
expect_no_call "^apt-get"
end_case "$f"

new_case "ensure_python_venv when pip fails says which requirements"
f=$failures
base_machine
state_flag venv-works
state_flag fail-pip
run "$py_lib"
expect_stop "could not install the Python packages of bindings-python/requirements-dev.txt"
end_case "$f"

# --- Whole scripts on an empty machine --------------------------------------------------------
new_case "build.sh on a fresh machine installs everything, then builds"
f=$failures
base_machine
run "bindings-wasm/scripts/build.sh"
expect_ok
expect_call "rustup target add wasm32-unknown-unknown"
expect_call "cargo install --root $fake/.tools wasm-bindgen-cli --version $pinned --debug"
expect_call "apt-get install $apt_flags nodejs npm"
expect_call "npm ci --no-audit --no-fund"
expect_call "cargo build -p sociale-bril-wasm --target wasm32-unknown-unknown --profile wasm-release"
grep -q "^wasm-bindgen --target web" "$state/calls" || fail "expected the installed wasm-bindgen to run"
expect_call "node $fake/bindings-wasm/web/build.mjs"
end_case "$f"

new_case "serve.sh on a fresh machine installs everything, then serves"
f=$failures
base_machine
run "bindings-wasm/scripts/serve.sh --port 9999"
expect_ok
expect_call "cargo install --root $fake/.tools wasm-bindgen-cli --version $pinned --debug"
expect_call "node $fake/bindings-wasm/scripts/serve.mjs --port 9999"
end_case "$f"

new_case "bindings-python/scripts/test.sh on a fresh machine creates the virtualenv, then tests"
f=$failures
base_machine
state_flag venv-works
run "bindings-python/scripts/test.sh"
expect_ok
expect_call "python3 -m venv $venv"
expect_call "python -m pip install --quiet --disable-pip-version-check -r $fake/bindings-python/requirements-dev.txt"
grep -q "^python -m maturin build" "$state/calls" || fail "expected maturin to build the wheel"
grep -q "^python -m pytest" "$state/calls" || fail "expected pytest to run"
end_case "$f"

new_case "core/fuzz/run.sh without nightly, when rustup cannot fetch it, names the command"
f=$failures
base_machine
state_flag fail-rustup-download
run "core/fuzz/run.sh proposal 1"
expect_stop "rustup toolchain install nightly --profile minimal"
expect_no_call "^cargo install"
end_case "$f"

new_case "core/fuzz/run.sh without rustup names rustup and nightly"
f=$failures
tools cargo rustc
run "core/fuzz/run.sh proposal 1"
expect_stop "rustup toolchain install nightly"
end_case "$f"

new_case "core/fuzz/run.sh installs nightly and cargo-fuzz (into .tools), then fuzzes"
f=$failures
base_machine
run "core/fuzz/run.sh proposal 1"
expect_ok
expect_call "rustup toolchain install nightly --profile minimal"
expect_call "cargo install --root $fake/.tools cargo-fuzz --locked"
grep -q "^cargo +nightly fuzz run proposal" "$state/calls" || fail "expected cargo fuzz to run"
end_case "$f"

# --- scripts/test-all.sh: every part runs; none is skipped --------------------------------------
# The parts as test-all.sh lists them (one per line inside `parts=( … )`), so that a new part
# needs no edit here; the checks below use the Python and wasm parts by name.
mapfile -t parts < <(sed -n '/^parts=(/,/^)/{/^parts=(/d;/^)/d;s/^ *\([^ #]*\).*/\1/p}' "$repo/scripts/test-all.sh")
[ "${#parts[@]}" -ge 4 ] || { echo "error: could not read the parts of scripts/test-all.sh" >&2; exit 1; }
fake_parts() {
  local p
  for p in "${parts[@]}"; do
    mkdir -p "$fake/$(dirname "$p")"
    printf '#!%s\necho "part %s" >>"$CALLS"\n' "$bash_bin" "$p" >"$fake/$p"
    chmod +x "$fake/$p"
  done
}

new_case "test-all.sh runs every part"
f=$failures
fake_parts
run "scripts/test-all.sh"
expect_ok
for p in "${parts[@]}"; do expect_call "part $p"; done
end_case "$f"

new_case "test-all.sh stops at a part that is not executable, naming it"
f=$failures
fake_parts
chmod -x "$fake/bindings-python/scripts/test.sh"
run "scripts/test-all.sh"
expect_stop "bindings-python/scripts/test.sh is not executable"
expect_no_call "^part"
end_case "$f"

new_case "test-all.sh stops at a part that is missing, naming it"
f=$failures
fake_parts
rm "$fake/bindings-wasm/scripts/test.sh"
run "scripts/test-all.sh"
expect_stop "bindings-wasm/scripts/test.sh is missing"
end_case "$f"

echo "== setup: $cases cases, $failures failed assertions"
[ "$failures" -eq 0 ]
