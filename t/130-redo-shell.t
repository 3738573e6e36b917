# SPEC §8 (issue 2): REDO_SHELL overrides /bin/sh, split on blanks into a command and its arguments; -e still passed.
cat >myshell <<'X'
#!/bin/sh
# a shell wrapper that records how it was called
echo "myshell $*" >>calls.log
[ "$1" = --opt1 ] || exit 99
shift
exec /bin/sh "$@"
X
chmod +x myshell
do_file out.do <<'X'
echo ran
X
REDO_SHELL="$PWD/myshell  --opt1" redo out
assert_eq "$(cat out)" ran "built"
assert_eq "$(cat calls.log)" "myshell --opt1 -e out.do out out out.redo.tmp" "arguments"
# without REDO_SHELL, /bin/sh: the wrapper is not used
rm calls.log
ok redo out
[ -e calls.log ] && fail "REDO_SHELL leaked"
# a #! line wins over REDO_SHELL
do_file bang.do <<'X'
#!/bin/sh
echo bang
X
REDO_SHELL="$PWD/myshell --opt1" redo bang
assert_eq "$(cat bang)" bang "built"
[ -e calls.log ] && fail "REDO_SHELL used despite a #! line"
true
