# all: the program.
redo-ifchange hello
