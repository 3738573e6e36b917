# SPEC §8 (issue 2): a .do's stdin is /dev/null (it never reads the caller's input or terminal).
do_file out.do <<'X'
if read line; then echo "read: $line"; else echo eof; fi
X
echo "secret input" | redo out
assert_eq "$(cat out)" eof "stdin is empty"
do_file nested.do <<'X'
redo out
cat out
X
echo "secret" | redo nested
assert_eq "$(cat nested)" eof "nested too"
