# hello: link the program from its object files.  Each .o comes from
# default.o.do; redo-ifchange builds the ones that are out of date and
# records that hello depends on all of them.
objs="main.o greet.o"
redo-ifchange $objs
${CC:-cc} ${LDFLAGS:-} -o "$3" $objs
