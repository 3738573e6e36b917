# SPEC §5 (issue 13): state of the previous format (version 1: .redo/r.NAME) is never misread: its targets are not taken for sources, they are rebuilt with one notice, and the old files are removed.
do_file default.out.do <<'X'
redo-ifchange $2.in
cat $2.in
echo $1 >>runs.log
X
do_file all.do <<'X'
redo-ifchange one.out two.out
X
echo 1 >one.in
echo 2 >two.in
echo stale >one.out
echo stale >two.out
mkdir .redo
for t in one two; do
	printf '%s\n' 'redo-record 1' "name $t.out" 'type t' 'seq 1' \
		'run 1.2.3 ok' 'stamp f:1.000000000:6:1:1:100644:0:0' 'prev -' \
		'sum -' 'warned -' "dep c f:1.000000000:2:1:1:100644:0:0 - - $t.in" \
		'end' >.redo/r.$t.out
	echo "old log" >.redo/l.$t.out
done
ok redo all 2>err
assert_eq "$(cat one.out two.out)" "1
2" "targets rebuilt from their sources"
assert_eq "$(grep -c 'older' err)" 1 "one notice: $(cat err)"
grep 'modified' err && fail "an old target taken for a hand edit"
[ -e .redo/r.one.out ] || [ -e .redo/l.one.out ] &&
	fail "the old state files are still there: $(ls -a .redo)"
ok redo-ifchange all
assert_eq "$(lines runs.log)" 2 "clean after the upgrade"
