# NAME.o from NAME.c.  ${CC:-cc} is left unquoted on purpose, so that
# CC="distcc cc" runs "distcc cc ...": distcc preprocesses here, sends
# the result to a host from DISTCC_HOSTS and brings the object back.
# -MD writes the headers the compiler read (on this machine, where the
# preprocessor ran) into $2.d; they become dependencies.
redo-ifchange "$2.c"
${CC:-cc} ${CFLAGS:--O2} -MD -MF "$2.d" -c -o "$3" "$2.c"
deps=$(sed -e 's/^[^:]*://' -e 's/\\$//' "$2.d")
rm -f "$2.d"
redo-ifchange $deps
