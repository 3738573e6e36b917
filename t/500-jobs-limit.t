# SPEC §10, issue 4: -j N, -jN, --jobs=N and REDO_JOBS=N run up to N .do scripts at once, never more; siblings on one redo-ifchange line run concurrently.
. "$T_TOP/t/par.sh"
TOTAL=5
export TOTAL
do_file default.leaf.do <<'X'
. "$LEAF"
X
do_file all.do <<'X'
redo-ifchange a.leaf b.leaf c.leaf d.leaf e.leaf
X
# try N SETTING...: build all with the given option/env, check max == N
try() {
	_n=$1
	shift
	fresh
	BARRIER=$_n
	export BARRIER
	ok to 30 "$@" all 2>err
	assert_eq "$(starts)" 5 "$* ran every leaf"
	assert_eq "$(maxconc)" "$_n" "$*: most leaves running at once"
}
try 3 redo -j 3
try 2 redo -j2
try 4 redo --jobs=4
try 3 env REDO_JOBS=3 redo
try 1 redo -j1
try 1 redo
# the option wins over REDO_JOBS
try 2 env REDO_JOBS=4 redo -j2
