# issue 14: redo-ood lists a target that was never built (it has a .do
# and no record) or whose record is unreadable, as redo-ifchange would
# build it; not a missing file that nothing can build, nor a source.
do_file all.do <<'X'
redo-ifchange a b
cat a b
X
do_file default.do <<'X'
echo "$1"
X
echo src >src
mkdir -p sub
assert_eq "$(redo-ood all)" "all" "never-built all"
assert_eq "$(redo-ood all a src)" "$(printf 'a\nall')" "never-built named targets, not a source"
ok redo all
assert_eq "$(redo-ood all)" "" "after the build"
assert_eq "$(redo-ood)" "" "after the build, everything"
# a deleted target is out of date; one whose state is lost too is
# a never-built one again (a file left without its state is a source)
rm a
assert_eq "$(redo-ood all)" "$(printf 'a\nall')" "deleted a"
rm -rf .redo b all
assert_eq "$(redo-ood all)" "all" "state lost (its dependencies are unknown)"
# nothing can build sub/none: redo-ifchange would fail, not build it
rm default.do
assert_eq "$(redo-ood sub/none)" "" "no .do for it"
