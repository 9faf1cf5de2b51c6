// glibc's memmem and memrchr, which Swift's Glibc module hides behind _GNU_SOURCE.
#ifndef DOCKAUDIT_BYTE_SEARCH_H
#define DOCKAUDIT_BYTE_SEARCH_H
#include <stddef.h>

const void *dockaudit_memmem(const void *haystack, size_t haystack_length, const void *needle, size_t needle_length);
const void *dockaudit_memrchr(const void *bytes, int byte, size_t length);

#endif
