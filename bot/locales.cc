#include "bot/locales.h"

#include "core/embedded_file.h"

namespace workmatch {

std::span<const EmbeddedFile> EmbeddedLocales();  // generated from locales/*.json

Result<Catalog> LoadBuiltinCatalog() {
  Catalog catalog;
  for (const EmbeddedFile& f : EmbeddedLocales()) {
    if (Status s = catalog.AddLocale(f.path, f.content); !s) return s.error();
  }
  return catalog;
}

}  // namespace workmatch
