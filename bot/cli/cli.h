// The workmatch command line (CLI11): parses argv and runs one subcommand.
//
// Exit codes: 0 success; 1 the command failed (the message says why and what
// to do); 2 usage error (unknown subcommand or flag, bad value), with the usage
// on stderr.
#ifndef WORKMATCH_BOT_CLI_CLI_H_
#define WORKMATCH_BOT_CLI_CLI_H_

namespace workmatch {

int RunCli(int argc, char** argv);

}  // namespace workmatch

#endif  // WORKMATCH_BOT_CLI_CLI_H_
