// glibc functions that Swift's Glibc module hides behind _GNU_SOURCE or malloc.h.
#ifndef DOCKAUDIT_GLIBC_EXTRAS_H
#define DOCKAUDIT_GLIBC_EXTRAS_H
#include <stddef.h>

const void *dockaudit_memmem(const void *haystack, size_t haystack_length, const void *needle, size_t needle_length);
/// memmem for short haystacks such as one log line, where glibc's setup cost dominates.
const void *dockaudit_find_short(const void *haystack, size_t haystack_length, const void *needle, size_t needle_length);
const void *dockaudit_memrchr(const void *bytes, int byte, size_t length);
/// Keeps freed blocks up to `bytes` in the heap instead of returning them to the kernel.
void dockaudit_keep_freed_blocks(size_t bytes);

/// Catches SIGINT and SIGTERM (a stop) and SIGHUP (a reload) into flags a live loop polls;
/// SIGPIPE is ignored, so a closed reader shows as EPIPE.
void dockaudit_watch_signals(void);
/// Nonzero once SIGINT or SIGTERM arrived.
int dockaudit_stop_requested(void);
/// Nonzero when SIGHUP arrived since the last call.
int dockaudit_take_reload(void);

#endif
