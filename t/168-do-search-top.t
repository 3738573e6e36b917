# issue 13: the .do search stops at a top: the first directory holding
# .redo/top, or $REDO_TOP_DIR.  Nothing above it is searched or recorded
# as an ifcreate dependency; without a top the search climbs to /.
mkdir -p outer/proj/sub
do_file outer/default.do <<'X'
echo "outer [$1]"
X
do_file outer/proj/default.x.do <<'X'
echo "proj [$1]"
X
cd outer/proj || exit 1
# no top: the outer default.do builds y, and redo-whichdo lists every
# candidate up to /
ok redo sub/y
assert_eq "$(cat sub/y)" "outer [proj/sub/y]" "without a top, the parent's default.do"
redo-whichdo sub/q >which1
grep -qx '\.\./default\.do' which1 || fail "whichdo without a top: $(cat which1)"
# a .redo/top marker in proj: the search stops there
mkdir -p .redo
: >.redo/top
exits 5 redo-whichdo sub/q >which2
assert_eq "$(tail -n 1 which2)" "default.do" "last candidate with a top in proj"
grep -q '\.\./' which2 && fail "whichdo looked above the top: $(cat which2)"
fails redo sub/z 2>err
grep -q 'sub/z: no rule to build it' err || fail "no rule above the top: $(cat err)"
ok redo sub/w.x
assert_eq "$(cat sub/w.x)" "proj [sub/w.x]" "the top's own default.x.do is used"
# REDO_TOP_DIR, relative, from a subdirectory: the same stop, for the
# nested commands too
rm .redo/top
cd sub || exit 1
REDO_TOP_DIR=.. exits 5 redo-whichdo q >which3
assert_eq "$(tail -n 1 which3)" "../default.do" "REDO_TOP_DIR stops the search"
REDO_TOP_DIR=.. fails redo v 2>err
grep -q 'v: no rule to build it' err || fail "no rule with REDO_TOP_DIR: $(cat err)"
