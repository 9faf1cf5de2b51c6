#define _GNU_SOURCE
#include <malloc.h>
#include <string.h>
#include <signal.h>
#include <pthread.h>
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

#if defined(__SSE2__)
#include <emmintrin.h>

/* For short haystacks (one log line): compares the needle's first and last bytes at
   16 positions at once and checks the rest only where both agree. */
const void *dockaudit_find_short(const void *haystack, size_t haystack_length, const void *needle, size_t needle_length) {
    const unsigned char *h = haystack, *p = needle;
    if (needle_length == 0) return haystack;
    if (needle_length > haystack_length) return NULL;
    if (needle_length == 1) return memchr(haystack, p[0], haystack_length);
    const __m128i first = _mm_set1_epi8((char)p[0]);
    const __m128i last = _mm_set1_epi8((char)p[needle_length - 1]);
    size_t positions = haystack_length - needle_length + 1;
    size_t i = 0;
    for (; i + 16 <= positions; i += 16) {
        __m128i a = _mm_loadu_si128((const __m128i *)(h + i));
        __m128i b = _mm_loadu_si128((const __m128i *)(h + i + needle_length - 1));
        unsigned mask = (unsigned)_mm_movemask_epi8(_mm_and_si128(_mm_cmpeq_epi8(a, first), _mm_cmpeq_epi8(b, last)));
        while (mask != 0) {
            unsigned bit = (unsigned)__builtin_ctz(mask);
            if (memcmp(h + i + bit + 1, p + 1, needle_length - 2) == 0) return h + i + bit;
            mask &= mask - 1;
        }
    }
    for (; i < positions; i++) {
        if (h[i] == p[0] && h[i + needle_length - 1] == p[needle_length - 1]
            && memcmp(h + i + 1, p + 1, needle_length - 2) == 0) return h + i;
    }
    return NULL;
}
#else
const void *dockaudit_find_short(const void *haystack, size_t haystack_length, const void *needle, size_t needle_length) {
    return memmem(haystack, haystack_length, needle, needle_length);
}
#endif

static volatile sig_atomic_t stop_requested = 0;
static volatile sig_atomic_t reload_requested = 0;

static void on_stop(int signal) { (void)signal; stop_requested = 1; }
static void on_reload(int signal) { (void)signal; reload_requested = 1; }

void dockaudit_watch_signals(void) {
    struct sigaction action;
    memset(&action, 0, sizeof action);
    sigemptyset(&action.sa_mask);
    action.sa_handler = on_stop;
    sigaction(SIGINT, &action, NULL);
    sigaction(SIGTERM, &action, NULL);
    action.sa_handler = on_reload;
    sigaction(SIGHUP, &action, NULL);
    action.sa_handler = SIG_IGN;
    sigaction(SIGPIPE, &action, NULL);
    /* A parent may have started us with these blocked (test runners' threads do). */
    sigset_t wanted;
    sigemptyset(&wanted);
    sigaddset(&wanted, SIGINT);
    sigaddset(&wanted, SIGTERM);
    sigaddset(&wanted, SIGHUP);
    pthread_sigmask(SIG_UNBLOCK, &wanted, NULL);
}

int dockaudit_stop_requested(void) { return stop_requested; }

int dockaudit_take_reload(void) {
    int requested = reload_requested;
    reload_requested = 0;
    return requested;
}
