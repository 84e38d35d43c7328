// The workmatch executable: the composition root is the CLI's subcommands.
#include <malloc.h>

#include "bot/cli/cli.h"

int main(int argc, char** argv) {
  // glibc returns freed memory to the kernel eagerly (trim and top pad), and
  // SQLite's per-read page cache churn then page-faults on every request:
  // measured with 16 clients on 2 cores, ~1,500 webhook updates/s with the
  // defaults and ~2,900/s with these. Memory is kept for reuse instead.
  mallopt(M_TRIM_THRESHOLD, 256 * 1024 * 1024);
  mallopt(M_TOP_PAD, 64 * 1024 * 1024);
  mallopt(M_MMAP_THRESHOLD, 256 * 1024 * 1024);
  return workmatch::RunCli(argc, argv);
}
