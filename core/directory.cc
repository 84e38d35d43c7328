#include "core/directory.h"

#include <fmt/format.h>

#include <algorithm>
#include <cctype>
#include <string_view>

#include "core/vocabulary.h"

namespace workmatch {
namespace {

Error Invalid(std::string_view what, std::string_view key, std::string_view detail) {
  return Error{"directory.invalid", fmt::format("{} {}: {}", what, key, detail)};
}

bool IsSlug(std::string_view s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-';
  });
}

bool IsCountryCode(std::string_view s) {
  return s.size() == 2 && std::isupper(static_cast<unsigned char>(s[0])) &&
         std::isupper(static_cast<unsigned char>(s[1]));
}

bool IsIsoDate(std::string_view s) {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return false;
  for (size_t i : {0, 1, 2, 3, 5, 6, 8, 9}) {
    if (!std::isdigit(static_cast<unsigned char>(s[i]))) return false;
  }
  return true;
}

std::string OneOf(std::span<const std::string_view> vocabulary) {
  return fmt::format("one of {}", fmt::join(vocabulary, ", "));
}

}  // namespace

Status Validate(const Organization& o) {
  if (!IsSlug(o.slug)) {
    return Invalid("organization", o.slug, "slug must be lowercase letters, digits and '-'");
  }
  if (o.name.empty()) return Invalid("organization", o.slug, "name is empty");
  if (!IsIn(OrganizationKinds(), o.kind)) {
    return Invalid("organization", o.slug,
                   fmt::format("kind \"{}\" is not {}", o.kind, OneOf(OrganizationKinds())));
  }
  if (o.country && !IsCountryCode(*o.country)) {
    return Invalid("organization", o.slug, "country must be an ISO 3166-1 code such as \"FI\"");
  }
  if (!o.country && o.kind != "hub") {
    return Invalid("organization", o.slug, "country is required (only a hub spans countries)");
  }
  return Status::Ok();
}

Status Validate(const Opportunity& p) {
  const std::string_view id = p.external_id;
  if (!IsSlug(p.external_id)) {
    return Invalid("opportunity", id, "id must be lowercase letters, digits and '-'");
  }
  if (!IsIn(OpportunityKinds(), p.kind)) {
    return Invalid("opportunity", id,
                   fmt::format("kind \"{}\" is not {}", p.kind, OneOf(OpportunityKinds())));
  }
  if (p.title.empty()) return Invalid("opportunity", id, "title is empty");
  if (p.kind == "service" && !p.service_type) {
    return Invalid("opportunity", id, "a service needs a service_type");
  }
  if (p.kind != "service" && !p.occupation_uri) {
    return Invalid("opportunity", id, "a job, training or mentoring needs an occupation");
  }
  if (p.isco_code && (p.isco_code->empty() || p.isco_code->size() > 4 ||
                      !std::all_of(p.isco_code->begin(), p.isco_code->end(),
                                   [](char c) { return c >= '0' && c <= '9'; }))) {
    return Invalid("opportunity", id, "isco must be an ISCO-08 code of 1 to 4 digits");
  }
  if (p.country && !IsCountryCode(*p.country)) {
    return Invalid("opportunity", id, "country must be an ISO 3166-1 code such as \"RO\"");
  }
  if (p.location && (p.location->lat < -90 || p.location->lat > 90 || p.location->lon < -180 ||
                     p.location->lon > 180)) {
    return Invalid("opportunity", id, "lat must be in [-90, 90] and lon in [-180, 180]");
  }
  if (p.min_years < 0) return Invalid("opportunity", id, "min_years must not be negative");
  for (const auto& l : p.languages) {
    if (!CefrRank(l.min_cefr)) {
      return Invalid("opportunity", id,
                     fmt::format("language {} min_cefr \"{}\" is not {}", l.language, l.min_cefr,
                                 OneOf(CefrLevels())));
    }
  }
  for (const auto& d : {p.starts_on, p.closes_on}) {
    if (d && !IsIsoDate(*d)) return Invalid("opportunity", id, "dates are written YYYY-MM-DD");
  }
  if (p.capacity && *p.capacity < 0) return Invalid("opportunity", id, "capacity is negative");
  return Status::Ok();
}

Status Validate(const ContactSeed& c) {
  if (!IsIn(Channels(), c.channel)) {
    return Invalid("contact", c.external_id,
                   fmt::format("channel \"{}\" is not {}", c.channel, OneOf(Channels())));
  }
  if (c.external_id.empty()) return Invalid("contact", "?", "external_id is empty");
  if (!IsIn(ContactRoles(), c.role)) {
    return Invalid("contact", c.external_id,
                   fmt::format("role \"{}\" is not {}", c.role, OneOf(ContactRoles())));
  }
  return Status::Ok();
}

}  // namespace workmatch
