# SPEC §1 (issue 2): the command is basename(argv[0]) (unknown names act as redo); apenwarr's option spellings are accepted; redo-ifchange takes no options.
do_file t.do <<'X'
echo t >>runs.log
X
ln -s "$T_REAL/redo" ./my-build-tool
ok ./my-build-tool t
assert_eq "$(ran t)" 1 "an unknown name acts as redo"
ok ./my-build-tool t
assert_eq "$(ran t)" 2 "like redo, it forces"
for o in "-j 2" -j2 --jobs=2 "--jobs 2" -k --keep-going -d --debug --shuffle -kd; do
	redo $o t >/dev/null 2>err || fail "redo $o: $(cat err)"
done
assert_eq "$(ran t)" 12 "every spelling accepted and t built each time"
# redo-ifchange and redo-ifcreate take every argument as a file
do_file ./-k.do <<'X'
echo dash-k
X
ok redo-ifchange -k
assert_eq "$(cat ./-k)" dash-k "redo-ifchange -k built a target named -k"
do_file c.do <<'X'
redo-ifcreate -d --help
X
ok redo c
grep -q -- ' -d$' .redo/c,r || fail "redo-ifcreate took -d as an option: $(cat .redo/c,r)"
