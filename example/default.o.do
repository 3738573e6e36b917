# NAME.o from NAME.c, for any NAME.  $2 is the target without ".o".
#
# The compiler writes the list of files it read (the .c and every
# header) to a dependency file while it compiles; we hand that list to
# redo-ifchange afterwards, so editing greet.h rebuilds both objects
# and editing main.c rebuilds only main.o.  No header is named here.
redo-ifchange "$2.c"
deps="$3.deps"
trap 'rm -f "$deps"' EXIT
${CC:-cc} ${CFLAGS:--O2} -MD -MF "$deps" -c -o "$3" "$2.c"
# The file reads "target: dep dep \<newline> dep ...": drop the target,
# the line continuations, and pass the rest on.
redo-ifchange $(sed -e 's/^[^:]*://' -e 's/\\$//' "$deps")
