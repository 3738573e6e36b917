# issue 14 fixes 9 and 10: names in messages escaped as in the listings (a \r from a CRLF .do shows); `redo` with no all.do says what to do; a target whose .do was deleted is not called "not marked as generated". (The same-session failure: t/512; the read-only directory: t/407; the interrupted summary: t/183.)
printf 'redo-ifchange dep\r\n' >all.do
redo 2>err
assert_eq "$?" 1 "a CRLF .do fails"
grep -qx 'redo: dep\\r: no rule to build it' err || fail "the \\r not shown: $(od -c err)"
redo-ifchange 'dep
x' 2>err
grep -qx 'redo: dep\\nx: no rule to build it' err || fail "the newline not escaped: $(cat err)"
# no all.do: say what to do
rm all.do
redo 2>err
assert_eq "$?" 1 "redo without all.do"
assert_eq "$(cat err)" "redo: all: no rule to build it: write all.do, or name the target to build" "no all.do"
# a target whose .do is gone: redo names the reason, the first time and after
echo 'echo generated' >gen.do
ok redo gen 2>/dev/null
rm gen.do
redo gen 2>err
assert_eq "$?" 0 "redo on a target whose .do is gone"
assert_eq "$(cat err)" "redo: gen: no .do builds it (now a source); not redoing." "first time"
redo gen 2>err
assert_eq "$(cat err)" "redo: gen: no .do builds it (a source); not redoing." "then"
assert_eq "$(cat gen)" generated "the file kept"
# a source redo never built, with a .do that could build it: as before
echo 'echo made' >src.do
echo mine >src
redo src 2>err
assert_eq "$(cat err)" "redo: src: exists and not marked as generated; not redoing." "a source with a .do"
