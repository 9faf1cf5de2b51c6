/* Prints one of auparse's tables (TABLE_H, from Debian's audit source package) as
 * "value<TAB>name" lines in the header's own order, with the headers gen_tables.c uses. */
#include <errno.h>
#include <limits.h>
#include <linux/net.h>
#include <stdio.h>
#include <sys/stat.h>
#include <sys/personality.h>
#include <sys/mount.h>
#ifndef MS_DIRSYNC
#include <linux/fs.h>
#endif
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/socket.h>
#include <netinet/in.h>
#include <linux/ptrace.h>
#include <sys/prctl.h>
#include <sched.h>
#include <signal.h>
#include <time.h>
#include <sys/resource.h>
#include <sys/ipc.h>
#include <sys/shm.h>
#include <sys/epoll.h>
#include "libaudit.h"
#include "auparse-defs.h"

#define SEMOP            1
#define SEMGET           2
#define SEMCTL           3
#define SEMTIMEDOP       4
#define MSGSND          11
#define MSGRCV          12
#define MSGGET          13
#define MSGCTL          14
#define SHMAT           21
#define SHMDT           22
#define SHMGET          23
#define SHMCTL          24
#define DIPC            25

#define _S(n, s) printf("%lld\t%s\n", (long long)(int)(n), s);
int main(void)
{
#include TABLE_H
	return 0;
}
