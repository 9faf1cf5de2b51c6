#define _GNU_SOURCE
#include <malloc.h>
#include <string.h>
#include "glibc_extras.h"

const void *dockaudit_memmem(const void *haystack, size_t haystack_length, const void *needle, size_t needle_length) {
    return memmem(haystack, haystack_length, needle, needle_length);
}

const void *dockaudit_memrchr(const void *bytes, int byte, size_t length) {
    return memrchr(bytes, byte, length);
}

void dockaudit_keep_freed_blocks(size_t bytes) {
    mallopt(M_MMAP_THRESHOLD, (int)bytes);
    mallopt(M_TRIM_THRESHOLD, (int)(bytes * 4));
}
