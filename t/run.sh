#!/bin/sh
# t/run.sh BINARY [TEST...] - run redo's test suite against BINARY.
#
# Each t/*.t is a shell script run in a fresh temporary directory, with
# BINARY's command names (redo, redo-ifchange, ...) first on PATH and
# t/lib.sh sourced first.  A test passes by exiting 0, fails otherwise,
# and skips by exiting 77 after printing why.  The unit tests (t/unit,
# built from t/unit.c) run first.  The last line is "N passed, N failed".
#   REDO_VALGRIND=1  run every redo command under valgrind
#   UNIT=path        the unit-test binary (default t/unit)
#   T_TIMEOUT=secs   limit per test (default 300)
#   REDO_SHELL=cmd   the shell for .do files (kept for the tests)
#   T_DYN=path       a dynamic build of the same redo.c: the LD_PRELOAD
#                    tests (t/par.sh build_shim) run against it when
#                    BINARY is static (`make test` passes ./redo-dyn)
set -u
[ $# -ge 1 ] || { echo "usage: t/run.sh BINARY [TEST...]" >&2; exit 2; }
top=$(cd "$(dirname "$0")/.." && pwd -P)
bin=$(cd "$(dirname "$1")" && pwd -P)/$(basename "$1")
shift
[ -x "$bin" ] || { echo "run.sh: $bin: not executable" >&2; exit 2; }

scratch=$(mktemp -d "${TMPDIR:-/tmp}/redo-tests.XXXXXX") || exit 2
trap 'chmod -R u+w "$scratch" 2>/dev/null; rm -rf "$scratch"' EXIT INT TERM

# The command names, pointing at the binary under test.
names="redo redo-ifchange redo-ifcreate redo-always redo-stamp redo-targets
redo-sources redo-ood redo-whichdo redo-log redo-recheck redo-dot redo-clean
redo-affects"
mkdir "$scratch/bin" "$scratch/real"
for n in $names; do
	ln -s "$bin" "$scratch/real/$n"
	if [ "${REDO_VALGRIND:-}" = 1 ]; then
		cat >"$scratch/bin/$n" <<-VG
		#!/bin/sh
		exec valgrind -q --error-exitcode=99 --leak-check=no \\
			--trace-children=yes --trace-children-skip='/bin/*,/usr/*,*/sh' \\
			"$scratch/real/$n" "\$@"
		VG
		chmod +x "$scratch/bin/$n"
	else
		ln -s "$bin" "$scratch/bin/$n"
	fi
done

# The command names, pointing at the dynamic build, if there is one.
dyndir=
if [ -n "${T_DYN:-}" ]; then
	dyn=$(cd "$(dirname "$T_DYN")" && pwd -P)/$(basename "$T_DYN")
	[ -x "$dyn" ] || { echo "run.sh: $dyn: not executable" >&2; exit 2; }
	dyndir=$scratch/dyn
	mkdir "$dyndir"
	for n in $names; do
		ln -s "$dyn" "$dyndir/$n"
	done
fi

pass=0 fail=0 skip=0
unit=${UNIT:-$top/t/unit}
case $unit in /*) ;; *) unit=$top/$unit ;; esac
if [ -x "$unit" ]; then
	if "$unit" >"$scratch/unit.out" 2>&1; then
		echo "PASS unit ($(tail -n 1 "$scratch/unit.out"))"
		pass=$((pass + 1))
	else
		echo "FAIL unit"
		sed 's/^/    /' "$scratch/unit.out"
		fail=$((fail + 1))
	fi
fi

if [ $# -gt 0 ]; then
	tests=
	for a in "$@"; do
		case $a in
		*/*) tests="$tests $(cd "$(dirname "$a")" && pwd -P)/$(basename "$a")" ;;
		*) tests="$tests $top/t/$a" ;;
		esac
	done
else
	tests=$(ls "$top"/t/*.t)
fi
tmo=${T_TIMEOUT:-300}
to=
command -v timeout >/dev/null 2>&1 && to="timeout -k 5 $tmo"

for t in $tests; do
	name=$(basename "$t" .t)
	dir="$scratch/$name"
	mkdir -p "$dir/work"
	(
		cd "$dir/work" || exit 2
		# a clean environment: no session or make state leaks in
		# (REDO_SHELL is a setting, kept: CI runs the suite under
		# several shells with it)
		for v in $(env | sed -n 's/^\(REDO[A-Za-z0-9_]*\)=.*/\1/p'); do
			[ "$v" = REDO_SHELL ] || unset "$v"
		done
		unset MAKEFLAGS GNUMAKEFLAGS MFLAGS MAKELEVEL CDPATH
		PATH="$scratch/bin:$PATH" T_BIN="$bin" T_TOP="$top" \
		T_REAL="$scratch/real" T_DYN_DIR="$dyndir" \
		$to sh -c '. "$T_TOP/t/lib.sh"; . "$1"' sh "$t"
	) </dev/null >"$dir/out" 2>&1
	rc=$?
	if [ $rc -eq 0 ]; then
		echo "PASS $name"
		pass=$((pass + 1))
	elif [ $rc -eq 77 ]; then
		echo "SKIP $name: $(tail -n 1 "$dir/out")"
		skip=$((skip + 1))
	else
		echo "FAIL $name (exit $rc)"
		tail -n 30 "$dir/out" | sed 's/^/    /'
		fail=$((fail + 1))
	fi
	chmod -R u+w "$dir" 2>/dev/null
	rm -rf "$dir"
done
if [ $skip -gt 0 ]; then
	echo "$pass passed, $fail failed, $skip skipped"
else
	echo "$pass passed, $fail failed"
fi
[ $fail -eq 0 ]
