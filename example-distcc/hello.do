# hello: link the objects.  distcc always links locally.
objs="main.o greet.o shout.o vowels.o version.o"
redo-ifchange $objs
${CC:-cc} ${LDFLAGS:-} -o "$3" $objs
