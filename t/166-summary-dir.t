# SPEC §6 (more specific .do created), issue 6: a summary groups the files that did not exist (.do candidates, redo-ifcreate) behind a `dir` line with their directory's stamp; a new file there, or a changed directory, is still seen, and an unrelated change in the directory rebuilds nothing.
mkdir -p lib
do_file lib/default.o.do <<'X'
redo-ifchange "$2.c"
echo "$2.o" >>../runs.log
cat "$2.c"
X
do_file all.do <<'X'
redo-ifchange lib/a.o lib/b.o
if [ -e lib/optional.h ]; then redo-ifchange lib/optional.h; else redo-ifcreate lib/optional.h; fi
echo all >>runs.log
cat lib/a.o lib/b.o
X
echo a >lib/a.c
echo b >lib/b.c
ok redo all
# a directory changed in the current tick of the file clock gets no dir
# line: lib's last change is put long ago (it was created in this test),
# then all's summary is made again
age *.do lib/*.do lib/a.c lib/b.c
touch -t 200001010000 lib
ok redo all
grep -q '^dir .* lib$' .redo/all,r || fail "no dir line for lib: $(cat .redo/all,r)"
grep -q '^deep - lib/optional\.h$' .redo/all,r || fail "the ifcreate file is not in the summary"
ok redo-ifchange all
assert_eq "$(ran all)" 2 "no-op"

# an unrelated file appears in lib: lib's stamp changes, the missing
# files are looked at one by one, none exists: still a no-op
echo note >lib/README
ok redo-ifchange all
assert_eq "$(ran all)" 2 "an unrelated new file in lib rebuilds nothing"
assert_eq "$(ran a.o)" 1 "nor a.o"

# a more specific .do for b.o appears in lib
do_file lib/b.o.do <<'X'
echo special >>../runs.log
echo special
X
ok redo-ifchange all
assert_eq "$(ran special)" 1 "the new lib/b.o.do ran"
assert_eq "$(sed -n 2p all)" special "all has the new b.o"
assert_eq "$(ran a.o)" 1 "a.o not rebuilt"

# the file all asked not to exist appears (behind a dir line again)
age lib/*.do
touch -t 200001010000 lib
ok redo all
grep -q '^dir .* lib$' .redo/all,r || fail "no dir line for lib: $(cat .redo/all,r)"
n=$(ran all)
echo '#define X 1' >lib/optional.h
ok redo-ifchange all
assert_eq "$(ran all)" $((n + 1)) "all rebuilt when lib/optional.h appeared"
