// EmbeddedFile: a data file compiled into the binary (cmake/embed.cmake), so that
// the executable needs no data folder at run time (schema migrations, demo data).
#ifndef WORKMATCH_CORE_EMBEDDED_FILE_H_
#define WORKMATCH_CORE_EMBEDDED_FILE_H_

#include <span>
#include <string_view>

namespace workmatch {

struct EmbeddedFile {
  std::string_view path;     // relative to the folder it was embedded from
  std::string_view content;  // the file's bytes
};

}  // namespace workmatch

#endif  // WORKMATCH_CORE_EMBEDDED_FILE_H_
