// The message catalog of this build: every locales/*.json, compiled in.
#ifndef WORKMATCH_BOT_LOCALES_H_
#define WORKMATCH_BOT_LOCALES_H_

#include "core/result.h"
#include "core/text/catalog.h"

namespace workmatch {

// Error "catalog.invalid" names the file and key that do not load.
Result<Catalog> LoadBuiltinCatalog();

}  // namespace workmatch

#endif  // WORKMATCH_BOT_LOCALES_H_
