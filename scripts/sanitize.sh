#!/usr/bin/env bash
# Builds the whole test suite with clang, AddressSanitizer and UndefinedBehaviorSanitizer into
# build-asan/ and runs it through ctest. Any sanitizer report ends the process that made it, so
# the test fails and so does this script.
#
# usage: scripts/sanitize.sh [CTEST_ARGS…]   e.g. scripts/sanitize.sh -R bad_input
# Debian's libgtest is built with GCC; it links and runs fine with clang 14 and ASan/UBSan (both
# use libstdc++), so it is used as it is; GoogleTest itself is just not instrumented.
set -euo pipefail
cd "$(dirname "$0")/.."

build=build-asan
jobs="${ITKAL_JOBS:-2}"
cc="$(command -v clang-14 || command -v clang)"
cxx="$(command -v clang++-14 || command -v clang++)"

# Warnings are not errors here: the GCC build (scripts/build.sh) enforces them, and clang's
# extra ones must not hide the sanitizer verdict.
# RelWithDebInfo: -O2 keeps the century round trip and the crash trials fast enough under ASan,
# and -g names the lines in a report. The benchmarks are not tests.
cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_C_COMPILER="$cc" \
  -DCMAKE_CXX_COMPILER="$cxx" -DITKAL_SANITIZE=address,undefined -DITKAL_WERROR=OFF \
  -DITKAL_BUILD_BENCH=OFF >/dev/null
cmake --build "$build" -j"$jobs"

# halt_on_error/abort_on_error: the first report ends the process with a failure, never a log
# line in a passing test. detect_leaks: a leak fails too. The symbolizer names files and lines.
symbolizer="$(command -v llvm-symbolizer-14 || command -v llvm-symbolizer || true)"
export ASAN_OPTIONS="halt_on_error=1:abort_on_error=1:detect_leaks=1:strict_string_checks=1:detect_stack_use_after_return=1:check_initialization_order=1:strict_init_order=1${symbolizer:+:external_symbolizer_path=$symbolizer}"
# Leaks in system libraries we cannot free (fontconfig, through poppler) are listed there.
export LSAN_OPTIONS="suppressions=$PWD/scripts/lsan.supp:print_suppressions=0"
export UBSAN_OPTIONS="halt_on_error=1:abort_on_error=1:print_stacktrace=1${symbolizer:+:external_symbolizer_path=$symbolizer}"

cd "$build"
ctest --output-on-failure --timeout 900 -j"$jobs" "$@"
