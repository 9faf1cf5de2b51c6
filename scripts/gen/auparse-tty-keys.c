/* Prints auparse's tty_named_keys.h (Debian's audit source package) as
 * "hex-bytes<TAB>name" lines in the header's order: the first match wins in auparse. */
#include <stdio.h>
#include <string.h>

static void entry(const char *sequence, size_t length, const char *name)
{
	for (size_t i = 0; i < length; i++)
		printf("%02x", (unsigned char)sequence[i]);
	printf("\t%s\n", name);
}

#define E(SEQ, NAME) entry(SEQ, sizeof(SEQ) - 1, NAME);
int main(void)
{
#include "tty_named_keys.h"
	return 0;
}
