// The product's conversations: every dialogs/flows/*.json, compiled in.
#ifndef WORKMATCH_DIALOGS_BUILTIN_FLOWS_H_
#define WORKMATCH_DIALOGS_BUILTIN_FLOWS_H_

#include "core/result.h"
#include "core/text/catalog.h"
#include "dialogs/flow.h"

namespace workmatch {

// Loads and checks the built-in flows against `catalog` (every text in every
// locale). Error "flow.invalid" lists every problem with its file and node.
Result<FlowSet> LoadBuiltinFlows(const Catalog& catalog);

}  // namespace workmatch

#endif  // WORKMATCH_DIALOGS_BUILTIN_FLOWS_H_
