#include "dialogs/builtin_flows.h"

#include "core/embedded_file.h"

namespace workmatch {

std::span<const EmbeddedFile> EmbeddedFlows();  // generated from dialogs/flows/*.json

Result<FlowSet> LoadBuiltinFlows(const Catalog& catalog) {
  std::vector<std::pair<std::string, std::string>> files;
  for (const EmbeddedFile& f : EmbeddedFlows()) {
    files.emplace_back("dialogs/flows/" + std::string(f.path), std::string(f.content));
  }
  return FlowSet::Load(files, catalog);
}

}  // namespace workmatch
