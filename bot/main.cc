// The workmatch executable: the composition root is the CLI's subcommands.
#include "bot/cli/cli.h"

int main(int argc, char** argv) { return workmatch::RunCli(argc, argv); }
