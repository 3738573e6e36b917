# SPEC §8, §11, issue 4: with -j > 1 every .do's stdin is /dev/null, and the stderr lines of parallel .do scripts (nested ones too) never interleave mid-line.
. "$T_TOP/t/par.sh"
# each writer prints 100 lines of about 1 KB to stderr, every line in
# three write()s, and reads its stdin
do_file default.w.do <<'X'
pad=abcdefghijklmnopqrstuvwxy
pad=$pad$pad$pad$pad$pad$pad$pad$pad
pad=$pad$pad$pad$pad$pad
cat >stdin.$1
[ ! -e /dev/stdin ] || [ -c /dev/stdin ] || echo "not a device" >>stdin.$1
i=0
while [ $i -lt 100 ]; do
	printf '%s %s ' "$1" $i >&2
	printf '%s' "$pad" >&2
	printf ' end\n' >&2
	i=$((i + 1))
done
X
do_file sub.do <<'X'
cat >stdin.sub
redo-ifchange w4.w w5.w w6.w
X
do_file all.do <<'X'
cat >stdin.all
redo-ifchange w1.w w2.w w3.w sub
X
# check FILE: every line is a progress line or one whole writer line,
# and every writer line is there once
check() {
	_pat='^w[1-6]\.w [0-9]+ (abcdefghijklmnopqrstuvwxy){40} end$'
	if grep -Ev "$_pat" "$1" | grep -v '^redo  ' >bad; then
		fail "mixed lines in $1: $(head -c 300 bad)"
	fi
	assert_eq "$(grep -Ec "$_pat" "$1")" 600 "writer lines in $1"
	assert_eq "$(grep -E "$_pat" "$1" | sort -u | wc -l | tr -d ' ')" 600 "distinct writer lines in $1"
	for f in stdin.*; do
		[ -s "$f" ] && fail "$f: a .do read '$(head -c 100 "$f")' from its stdin"
	done
	assert_eq "$(ls stdin.* | wc -l | tr -d ' ')" 8 "stdin checks"
}
# stdin is a pipe full of data, stderr a file
echo "data for nobody" >input
ok to 30 redo -j6 all <input 2>err
check err
rm -rf .redo stdin.*
# stderr a pipe
ok to 30 sh -c 'yes "data for nobody" | redo -j4 all 2>&1 >/dev/null | cat >err2'
check err2
rm -rf .redo stdin.*
# -j1 too
ok to 30 redo all <input 2>err3
check err3
