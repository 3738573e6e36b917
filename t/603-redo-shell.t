# SPEC §8, issue 8: REDO_SHELL picks the .do shell (split on blanks, then -e [-x] and the .do's arguments); .do files run under bash --posix, dash and busybox sh.
# The whole suite runs under each shell in CI (.ci/run); this is the quick check.

# 1. A wrapper shows the exact argv: REDO_SHELL split on blanks.
cat >wrap <<'X'
#!/bin/sh
log=$1
shift
for a in "$@"; do printf '[%s]' "$a"; done >>"$log"
echo >>"$log"
exec /bin/sh "$@"
X
chmod +x wrap
cat >dep.txt.do <<'X'
echo dep
X
cat >t.txt.do <<'X'
redo-ifchange dep.txt
echo "t $1 $2"
X
REDO_SHELL="$PWD/wrap $PWD/argv.log" ok redo t.txt
assert_eq "$(sed -n 1p argv.log)" "[-e][t.txt.do][t.txt][t.txt][t.txt.redo.tmp]" "argv of the .do shell"
assert_eq "$(sed -n 2p argv.log)" "[-e][dep.txt.do][dep.txt][dep.txt][dep.txt.redo.tmp]" "argv of the nested .do's shell"
rm argv.log
REDO_SHELL="  $PWD/wrap	  $PWD/argv.log  " ok redo -x t.txt 2>xtrace.log
assert_eq "$(sed -n 1p argv.log)" "[-e][-x][t.txt.do][t.txt][t.txt][t.txt.redo.tmp]" "argv with -x and extra blanks"

# 2. Real shells: the .do runs under the shell named, with -e, and its
# nested commands work.
# default.sh.do prints what runs it, as far as it can tell
cat >default.sh.do <<'X'
redo-ifchange dep.txt
exe=
if [ -r /proc/$$/exe ]; then
	exe=$(ls -l /proc/$$/exe 2>/dev/null | sed 's/.*-> //')
elif command -v ps >/dev/null 2>&1; then
	exe=$(ps -o comm= -p $$ 2>/dev/null)
fi
posix=
[ -n "${BASH_VERSION:-}" ] && case ":${SHELLOPTS:-}:" in *:posix:*) posix=posix ;; esac
case $- in *e*) e=errexit ;; *) e=no-errexit ;; esac
echo "${exe##*/} $e $posix"
X
cat >fails.do <<'X'
false
echo "not reached" >reached
X
checked=
check_shell() {
	label=$1 want=$2 sh=$3
	rm -f "$label.sh" reached
	REDO_SHELL=$sh ok redo "$label.sh"
	echo "$label: $(cat "$label.sh")"
	set -- $(cat "$label.sh")
	case $1 in
	"") ;;        # no /proc and no ps: cannot tell the process apart
	$want*) ;;
	*) fail "$label: .do ran under '$1', want $want" ;;
	esac
	assert_eq "$2" errexit "$label: .do runs with -e"
	if [ "$label" = bash ]; then
		assert_eq "${3:-}" posix "$label: posix mode"
	fi
	REDO_SHELL=$sh exits 1 redo fails 2>/dev/null
	[ ! -e reached ] || fail "$label: a failing command did not stop the .do"
	checked="$checked $label"
}
if command -v bash >/dev/null 2>&1; then
	check_shell bash bash "bash --posix"
fi
if command -v dash >/dev/null 2>&1; then
	check_shell dash dash dash
fi
if command -v busybox >/dev/null 2>&1 && busybox sh -c : 2>/dev/null; then
	check_shell busybox busybox "busybox sh"
fi
echo "shells checked:${checked:- none (only the wrapper)}"
