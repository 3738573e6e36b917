# issue 14 (new commands and options, fix 4): every command prints its own usage with --help; redo --help lists every command and option; unknown options are one-line usage errors (no doubled prefix, then "try ... --help"), exit 2; redo-ifchange takes no options.
names=$(sed -n '/g_commands\[\] = {/,/^};/p' "$T_TOP/redo.c" |
	sed -n 's/^[[:space:]]*{ "\(redo[a-z-]*\)".*/\1/p')
[ "$(echo $names | wc -w)" -ge 14 ] || fail "command names from redo.c: $names"
do_file all.do <<'X'
echo all >>runs.log
X
for n in $names; do
	"$n" --help >out 2>err || fail "$n --help exited $?"
	assert_eq "$(head -n 1 out | cut -d' ' -f1-2)" "usage: $n" "$n --help"
	assert_eq "$(cat err)" "" "$n --help stderr"
done
assert_eq "$(ran all)" 0 "--help built nothing"
# redo --help: every command, and every option of redo's
redo --help >out
for n in $names; do
	[ "$n" = redo ] || grep -q " $n\( \|\$\)" out || fail "redo --help does not list $n"
done
for o in -j --jobs -k --keep-going -d --debug -v -x --shuffle -n --dry-run \
	-q --question -B --always-make -f --no-color --color --no-status \
	--no-pretty --no-log --no-details --debug-locks --debug-pids \
	--version --help; do
	grep -q -- "^ *\(-., \)\{0,1\}$o\([ ,=]\|\$\)" out ||
		fail "redo --help does not list $o"
done
redo-log --help | grep -q -- '-r, --recursive' || fail "redo-log --help lacks -r"
redo-log --help | grep -q -- '--dry-run' && fail "redo-log --help lists redo's -n"
redo-clean --help | grep -q -- '--state' || fail "redo-clean --help lacks --state"
redo-affects --help | grep -q -- '-1 ' || fail "redo-affects --help lacks -1"

# unknown options: one line, no doubled prefix, a pointer to --help
for o in --no-colr -r -u --recursive -Z --jobs=x -kZ; do
	redo $o all >out 2>err
	assert_eq "$?" 2 "redo $o exit"
	assert_eq "$(lines err)" 1 "redo $o: lines on stderr: $(cat err)"
	grep -q "^redo: redo:" err && fail "doubled prefix: $(cat err)"
	grep -q "try 'redo --help'\$" err || fail "redo $o: $(cat err)"
done
redo -r 2>err
assert_eq "$(cat err)" "redo: unknown option -r; try 'redo --help'" "redo -r"
redo --no-colr 2>err
assert_eq "$(cat err)" "redo: unknown option --no-colr; try 'redo --help'" "redo --no-colr"
redo -j 2>err
assert_eq "$(cat err)" "redo: -j needs a number; try 'redo --help'" "redo -j"
redo --shuffle=1 2>err
assert_eq "$?" 2 "a value for a flag"
assert_eq "$(ran all)" 0 "no bad command line built anything"
# each command takes its own options only
exits 2 redo-log -n all 2>err
assert_eq "$(cat err)" "redo: redo-log: unknown option -n; try 'redo-log --help'" "redo-log -n"
exits 2 redo-targets -j2 2>/dev/null
exits 2 redo-ood -k 2>/dev/null
exits 2 redo-clean -r 2>/dev/null
exits 2 redo-affects --state x 2>/dev/null
exits 2 redo-whichdo 2>err
grep -q "^redo: redo-whichdo: no TARGET given; try 'redo-whichdo --help'\$" err ||
	fail "redo-whichdo with no target: $(cat err)"
exits 2 redo "" 2>err
assert_eq "$(cat err)" "redo: empty target name; try 'redo --help'" "empty name"
# apenwarr's options are accepted by redo (and the display ones by redo-log)
for o in --debug-locks --debug-pids --no-log --no-details --no-status \
	--no-pretty --color --no-color --no-colour; do
	redo $o all 2>err || fail "redo $o: $(cat err)"
	redo-log $o all >/dev/null 2>err || fail "redo-log $o: $(cat err)"
done
assert_eq "$(ran all)" 9 "all built once per option"

# redo-ifchange takes no options: a dash name that is nothing buildable
# is refused as one; a file or a target of that name is still a name
exits 2 redo-ifchange -j2 x 2>err
grep -q "^redo: redo-ifchange: takes no options, only names: -j2 " err ||
	fail "redo-ifchange -j2: $(cat err)"
assert_eq "$(lines err)" 1 "one line"
do_file ./-k.do <<'X'
echo dash-k
X
ok redo-ifchange -k
assert_eq "$(cat ./-k)" dash-k "a target named -k"
echo src >./-s
ok redo-ifchange -s
do_file c.do <<'X'
redo-ifcreate -d --help
redo-always --help-me
X
ok redo c
grep -q -- ' -d$' .redo/c,r || fail "redo-ifcreate took -d as an option"
# -f: -B for redo, follow for redo-log (not each other's)
ok redo -f all
assert_eq "$(ran all)" 10 "redo -f builds"
redo-log -f all >/dev/null || fail "redo-log -f"
exit 0
