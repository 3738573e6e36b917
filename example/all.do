# all: what a bare `redo` builds here.  A virtual target: it writes
# nothing, so redo records that it was built but leaves no file.
redo-ifchange hello
