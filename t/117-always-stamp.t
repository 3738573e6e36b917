# SPEC §9, issue 3: a redo-always target that stamps unchanged content rebuilds every session, but its dependents do not.
do_file version.do <<'X'
redo-always
echo version >>runs.log
cat vsrc
redo-stamp <vsrc
X
do_file app.do <<'X'
echo app >>runs.log
redo-ifchange version
echo "app $(cat version)"
X
echo 1.0 >vsrc
ok redo-ifchange app
assert_eq "$(ran version)" 1 "first"
ok redo-ifchange app
assert_eq "$(ran version)" 2 "version checked again in a new session"
assert_eq "$(ran app)" 1 "app not rebuilt: same checksum"
ok redo-ifchange app
assert_eq "$(ran version)" 3 "every session"
assert_eq "$(ran app)" 1 "app still not rebuilt"
echo 1.1 >vsrc
ok redo-ifchange app
assert_eq "$(ran version)" 4 "rebuilt"
assert_eq "$(ran app)" 2 "app rebuilt: the checksum changed"
assert_eq "$(cat app)" "app 1.1" "with the new version"
# within one session, once
do_file twice.do <<'X'
redo-ifchange app version
redo-ifchange version app
X
ok redo twice
assert_eq "$(ran version)" 5 "once in the session"
# a virtual (no output) always+stamp target: the usual way to depend on a setting
do_file cfg.do <<'X'
redo-always
echo cfg >>runs.log
echo "$SETTING" | redo-stamp
X
do_file uses-cfg.do <<'X'
redo-ifchange cfg
echo uses >>runs.log
echo "built with $SETTING"
X
SETTING=1 redo-ifchange uses-cfg || fail "first"
SETTING=1 redo-ifchange uses-cfg || fail "second"
SETTING=1 redo-ifchange uses-cfg || fail "third"
assert_eq "$(ran cfg)" 3 "cfg checked every session"
assert_eq "$(ran uses)" 1 "its dependent built once"
[ -e cfg ] && fail "cfg is virtual"
SETTING=2 redo-ifchange uses-cfg || fail "fourth"
assert_eq "$(ran uses)" 2 "rebuilt when the setting changed"
assert_eq "$(cat uses-cfg)" "built with 2" "content"
