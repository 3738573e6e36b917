# t/lib.sh - helpers for the tests in t/*.t, sourced before each test.
# A test runs in an empty directory with redo's commands first on PATH.

fail() {
	echo "FAIL: $*" >&2
	exit 1
}

skip() {
	echo "$*"
	exit 77
}

# assert_eq GOT WANT WHAT
assert_eq() {
	[ "$1" = "$2" ] || fail "$3: got '$1', want '$2'"
}

# lines FILE: number of lines (0 if it does not exist)
lines() {
	if [ -f "$1" ]; then wc -l <"$1" | tr -d ' '; else echo 0; fi
}

# ok CMD...: CMD must succeed
ok() {
	"$@" || fail "'$*' exited $?"
}

# fails CMD...: CMD must exit non-zero
fails() {
	if "$@"; then fail "'$*' succeeded but should have failed"; fi
}

# exits N CMD...: CMD must exit with status N
exits() {
	_want=$1
	shift
	"$@"
	_got=$?
	[ "$_got" -eq "$_want" ] || fail "'$*' exited $_got, want $_want"
}

# do_file NAME <<EOF ... EOF: write a .do file
do_file() {
	cat >"$1"
}

# rec TARGET: the path of TARGET's record (DESIGN 3.1); logf TARGET:
# of its log
rec() {
	case $1 in
	*/*) echo "${1%/*}/.redo/${1##*/},r" ;;
	*) echo ".redo/$1,r" ;;
	esac
}
logf() {
	case $1 in
	*/*) echo "${1%/*}/.redo/${1##*/},l" ;;
	*) echo ".redo/$1,l" ;;
	esac
}

# counter: a .do line that appends its target's name to runs.log
# ran NAME: how many times NAME's .do ran
ran() {
	if [ -f runs.log ]; then grep -cx "$1" runs.log; else echo 0; fi
}

# age FILE...: put the files' last change long ago, so that a build
# does not find them racy (changed in the clock tick of its record,
# DESIGN 6): a racy entry gives no summary (DESIGN 19), and on a file
# system with 1-second mtimes every file a test has just written is
# racy.  The tests of summaries age their sources before building.
age() {
	touch -t 200001010000 "$@"
}

# await CMD...: wait until CMD succeeds: an event (a file appears, a
# line is logged, a process is gone), never a guess at how long
# something takes.  No bound of its own: the test's time limit
# (t/run.sh, T_TIMEOUT) is the bound, and a wait that never ends fails
# the test.
await() {
	until "$@"; do
		sleep 0.01 2>/dev/null || sleep 1
	done
}

# gone PID: the process PID has ended (a zombie counts as ended: no
# parent may be left to reap it)
gone() {
	_st=$(ps -o stat= -p "$1" 2>/dev/null) || return 0
	case $_st in
	Z*|"") return 0 ;;
	esac
	return 1
}
