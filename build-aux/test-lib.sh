# Shared by build-aux/test-deep (sourced, not run); build-aux/test can use it too.
#
# Sets up the environment the suites need, and gives:
#   timed PHASE CMD…         run CMD, adding its CPU time (user + sys) to PHASE
#   phase PHASE START        print PHASE's wall time since START and its CPU time
#   setup_build DIR ARGS…    a meson build directory (kept if set up alike before)
#   build_suites DIR SUITE…  build what the tests of those suites need (none: all)
#   test_suites DIR ARGS…    meson test in DIR under dbus + Xvfb; its log is counted
#   count_one ok|fail        count a check that is not a meson test (fuzz, analyzer)
#   finish                   print the totals and exit non-zero on any failure
# Each script prints "N passed, N failed, N skipped" as its last line.
set -uo pipefail

top=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$top"
# shellcheck source=build-aux/deps.sh
. build-aux/deps.sh
seg_install_packages "${SEG_BUILD_PACKAGES[@]}" "${SEG_TEST_PACKAGES[@]}" "${SEG_FUZZ_PACKAGES[@]}" || exit 1
seg_ensure_locale de_DE.UTF-8

export GDK_BACKEND=x11 GSK_RENDERER=cairo GDK_DEBUG=gl-disable GTK_A11Y=none NO_AT_BRIDGE=1
export GSETTINGS_BACKEND=memory LANG=C.UTF-8
export UBSAN_OPTIONS=halt_on_error=1:abort_on_error=1:print_stacktrace=1

jobs=$(nproc)
status=0
logs=()
passed=0 failed=0 skipped=0
start=$(date +%s)
echo "== load at start: $(uptime)"

# CPU time (user + sys) of each phase, from /usr/bin/time, in $cpu_dir/NAME.
cpu_dir=$(mktemp -d)
trap 'rm -rf "$cpu_dir"' EXIT
timed () {   # phase-name command…
  local name=$1 t rc
  shift
  t=$(mktemp -p "$cpu_dir")
  /usr/bin/time -f '%U %S' -o "$t" "$@"
  rc=$?
  awk '{ print $1 + $2 }' "$t" >>"$cpu_dir/$name.cpu"
  rm -f "$t"
  return $rc
}
phase () {   # name start-seconds
  local cpu=""
  [ -f "$cpu_dir/$1.cpu" ] && cpu=", cpu $(awk '{ s += $1 } END { printf "%.0f", s }' "$cpu_dir/$1.cpu") s"
  echo "== $1: $(( $(date +%s) - $2 )) s$cpu"
}

# The ninja targets the tests of the given suites need (their programs and
# what they depend on), from meson introspect.
needed_targets () {   # build-dir suite…
  python3 - "$@" <<'EOF'
import json, os, subprocess, sys
build, suites = sys.argv[1], set('segmenta:' + s for s in sys.argv[2:])
def introspect(what):
    return json.loads(subprocess.check_output(['meson', 'introspect', '--' + what, build]))
files = {t['id']: t['filename'] for t in introspect('targets')}
out = set()
for test in introspect('tests'):
    if suites.isdisjoint(test['suite']):
        continue
    for dep in test['depends']:
        for f in files.get(dep, []):
            out.add(os.path.relpath(f, os.path.abspath(build)))
print('\n'.join(sorted(out)))
EOF
}

# A build directory that an earlier run set up with the same options (and
# compiler) is kept: ninja then compiles only what changed since, and meson
# regenerates the build when a meson.build changed.  A fresh clone, other
# options, or SEG_TEST_FRESH=1 start from an empty directory.
setup_build () {   # build-dir meson-setup-args…
  local dir=$1 want
  shift
  want=$(printf '%s\n' "CC=${CC:-cc}" "$@")
  if [ -z "${SEG_TEST_FRESH:-}" ] && [ -f "$dir/build.ninja" ] && [ -f "$dir/seg-setup-args" ] \
     && [ "$(cat "$dir/seg-setup-args")" = "$want" ]; then
    echo "== $dir: kept from an earlier run with the same options (SEG_TEST_FRESH=1 starts afresh)"
    return 0
  fi
  rm -rf "$dir"
  if ! timed "$dir: build" meson setup "$dir" "$@" >"$dir.setup.log" 2>&1; then
    cat "$dir.setup.log" >&2; echo "meson setup failed ($dir)" >&2; return 1
  fi
  printf '%s\n' "$want" >"$dir/seg-setup-args"
}

build_suites () {   # build-dir [suite…] [-- target…]   (no suite: every target)
  local dir=$1 targets rc suites=() also=()
  shift
  while [ $# -gt 0 ] && [ "$1" != -- ]; do suites+=("$1"); shift; done
  [ $# -gt 0 ] && shift
  also=("$@")
  if [ ${#suites[@]} -gt 0 ]; then
    if ! targets=$(needed_targets "$dir" "${suites[@]}") || [ -z "$targets" ]; then
      echo "cannot list what the tests of $dir need" >&2; return 1
    fi
    # shellcheck disable=SC2086
    timed "$dir: build" ninja -C "$dir" -j "$jobs" $targets "${also[@]}" >"$dir.build.log" 2>&1
  else
    timed "$dir: build" ninja -C "$dir" -j "$jobs" >"$dir.build.log" 2>&1
  fi
  rc=$?
  if [ $rc -ne 0 ]; then
    grep -E 'error|Error' "$dir.build.log" | head -40 >&2; echo "build failed ($dir)" >&2
  fi
  return $rc
}

test_suites () {   # build-dir meson-test-args…
  local dir=$1 t0 rc
  shift
  t0=$(date +%s)
  echo "== $dir: meson test $*"
  # -noreset: Xvfb otherwise resets when its last client leaves, and a ui
  # test that connects during the reset (between two tests) cannot open
  # the display: seen once at load 11, when window-polish printed "1..0".
  timed "$dir: tests" dbus-run-session -- xvfb-run -a -s "-screen 0 1600x1000x24 -nolisten tcp -noreset" \
    meson test -C "$dir" --no-rebuild --num-processes "$jobs" --print-errorlogs "$@" >"$dir.test.log" 2>&1
  rc=$?
  grep -vE 'Failed to set fd limit' "$dir.test.log" | tail -n 60
  [ $rc -eq 0 ] || status=1
  logs+=("$dir/meson-logs/testlog.json")
  phase "$dir: tests" "$t0"
  return $rc
}

count_one () {   # ok|fail
  if [ "$1" = ok ]; then passed=$((passed + 1)); else failed=$((failed + 1)); status=1; fi
}

finish () {
  local log p f s
  for log in "${logs[@]}"; do
    [ -f "$log" ] || continue
    p=$(grep -c '"result": "OK"' "$log")
    f=$(grep -cE '"result": "(FAIL|TIMEOUT|ERROR|UNEXPECTEDPASS)"' "$log")
    s=$(grep -cE '"result": "(SKIP|EXPECTEDFAIL)"' "$log")
    passed=$((passed + p)) failed=$((failed + f)) skipped=$((skipped + s))
  done
  [ "$failed" -gt 0 ] && status=1
  [ "$passed" -eq 0 ] && status=1
  phase "total" "$start"
  echo "== cpu of all phases: $(cat "$cpu_dir"/*.cpu 2>/dev/null | awk '{ s += $1 } END { printf "%.0f", s }') s" \
       "(an idle 2-core machine takes a little over half that in wall time)"
  echo "== load at end: $(uptime)"
  echo "$passed passed, $failed failed, $skipped skipped"
  exit $status
}
