# SPEC §10, issue 4: --shuffle builds sibling targets in a random order (from the command line and in nested redo-ifchange, by REDO_SHUFFLE too); without it the order is the one given.
. "$T_TOP/t/par.sh"
sibs="s0 s1 s2 s3 s4 s5 s6 s7 s8 s9"
for s in $sibs; do
	echo 'echo $1 >>order' >$s.do
done
do_file all.do <<'X'
redo-ifchange s0 s1 s2 s3 s4 s5 s6 s7 s8 s9
X
# run N CMD...: runs CMD N times, from scratch; ./orders gets one line
# per run
run() {
	_n=$1
	shift
	rm -f orders
	while [ $_n -gt 0 ]; do
		rm -rf order .redo
		ok to 20 "$@" 2>err
		assert_eq "$(lines order)" 10 "targets built by $*"
		tr '\n' ' ' <order >>orders
		echo >>orders
		_n=$((_n - 1))
	done
}
# the chance that 3 runs of 10 siblings all come out the same is 10!^-2, below 1e-13
run 3 redo --shuffle -j1 $sibs
[ "$(sort -u orders | wc -l)" -gt 1 ] || fail "--shuffle: always '$(head -n 1 orders)'"
run 3 env REDO_SHUFFLE=1 redo all
[ "$(sort -u orders | wc -l)" -gt 1 ] || fail "REDO_SHUFFLE=1: always '$(head -n 1 orders)'"
run 3 redo --shuffle all
[ "$(sort -u orders | wc -l)" -gt 1 ] || fail "--shuffle, nested: always '$(head -n 1 orders)'"
# each run built every sibling once
assert_eq "$(tr ' ' '\n' <orders | sort | uniq -c | awk 'NF == 2 { print $1 }' | sort -u)" 3 "builds of each sibling in 3 runs"
# without --shuffle: the order given, every time
run 1 redo -j1 $sibs
assert_eq "$(sort -u orders)" "s0 s1 s2 s3 s4 s5 s6 s7 s8 s9 " "the order without --shuffle"
run 1 redo all
assert_eq "$(sort -u orders)" "s0 s1 s2 s3 s4 s5 s6 s7 s8 s9 " "the order without --shuffle, nested"
